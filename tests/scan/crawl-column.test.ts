import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Fetcher } from '../../functions/crawl/fetcher.ts';
import { crawlColumn } from '../../functions/scan/crawl-column.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startMisbehavingServer, type MisbehavingServer } from '../support/misbehaving-server.ts';

describe('crawlColumn on a hostile column', () => {
  let srv: MisbehavingServer;
  let repo: Repository;
  let portal: PortalConfig;
  let fetcher: Fetcher;

  beforeAll(async () => {
    srv = await startMisbehavingServer();
    repo = await testRepository('column');
    portal = parseConfig({
      portals: [{
        id: 'hostile', name: '测试', homepage: `${srv.origin}/ok.html`,
        columns: [
          { id: 'forever', name: '无限翻页', url: `${srv.origin}/forever/index.html`, kind: 'notice' },
          { id: 'down', name: '故障栏目', url: `${srv.origin}/always-500.html`, kind: 'notice' },
          { id: 'escape', name: '外链翻页', url: `${srv.origin}/escape/index.html`, kind: 'notice' },
        ],
        crawl: { maxListPages: 5, minIntervalMs: 0, robots: false },
      }],
    }).portals[0]!;
    fetcher = new Fetcher({ robots: false, retries: 0 });
    fetcher.limiter.configure(new URL(srv.origin).host, { concurrency: 4, minIntervalMs: 0 });
  });
  afterAll(async () => {
    await fetcher.close();
    repo.destroy();
    await srv.close();
  });

  it('cuts runaway pagination at the page cap and records why', async () => {
    const r = await crawlColumn({ portal, column: portal.columns[0]!, scanId: 's1', asOf: '2018-01-15' }, { fetcher, repo });
    expect(r.snapshot.listPages).toBe(5);
    expect(r.snapshot.items).toHaveLength(10);
    expect(r.snapshot.warnings).toContain('pagination cut off after 5 list pages');
    expect(srv.hits.get('/forever/index_5.html')).toBeUndefined();
  });

  it('never follows a "next page" link off the portal’s hosts, and says so', async () => {
    const r = await crawlColumn({ portal, column: portal.columns[2]!, scanId: 's1', asOf: '2018-01-15' }, { fetcher, repo });
    expect(r.snapshot.listPages).toBe(1);
    expect(r.snapshot.warnings.join('\n')).toMatch(/pagination leads off the portal to http:\/\/localhost:\d+\/escape\/index_1\.html; stopped/);
    expect(srv.hits.get('/escape/index_1.html') ?? 0).toBe(0);
  });

  it('records a failing column with its failure streak instead of throwing', async () => {
    const first = await crawlColumn({ portal, column: portal.columns[1]!, scanId: 's1', asOf: '2018-01-15' }, { fetcher, repo });
    expect(first.snapshot.fetch).toMatchObject({ ok: false, status: 500 });
    await crawlColumn({ portal, column: portal.columns[1]!, scanId: 's2', asOf: '2018-01-16' }, { fetcher, repo });
    expect((await repo.getColumn('hostile', 'down'))?.failStreak).toBe(2);
  });
});

describe('crawlColumn refresh of known detail pages', () => {
  it('leaves known pages alone, then re-asks them conditionally once they are older than refreshDays', async () => {
    const { startTestServer } = await import('../support/test-server.ts');
    const { detailPage, html, listPage } = await import('../support/mini-portal.ts');
    const item = { path: '/tzgg/201801/t20180110_1.html', title: '关于开展土地执法检查的通知', date: '2018-01-10', generated: '2018-01-09' };
    const server = await startTestServer({ '/tzgg/index.html': html(listPage('通知公告', [item])), [item.path]: html(detailPage(item)) });
    const repo = await testRepository('refresh');
    const portal = parseConfig({
      portals: [{ id: 'r', name: '测试', homepage: `${server.origin}/index.html`, columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }], crawl: { refreshDays: 30, robots: false, minIntervalMs: 0 } }],
    }).portals[0]!;
    const fetcher = new Fetcher({ robots: false });
    const crawl = (now: string) => crawlColumn({ portal, column: portal.columns[0]!, scanId: now, asOf: '2018-01-15' }, { fetcher, repo, now: () => new Date(now) });
    const detailHits = () => server.requests.filter((q) => q.path === item.path);

    await crawl('2026-01-01T00:00:00Z');
    expect(detailHits()).toHaveLength(1);
    const again = await crawl('2026-01-20T00:00:00Z');
    expect(detailHits()).toHaveLength(1); // 19 days: not due
    expect(again.pagesWritten).toBe(0);
    const refreshed = await crawl('2026-02-01T00:00:00Z');
    expect(detailHits()).toHaveLength(2); // 31 days: due, asked with its ETag
    expect(detailHits()[1]!.headers['if-none-match']).toBeTruthy();
    expect(refreshed).toMatchObject({ pagesFetched: 1, pagesParsed: 0, pagesWritten: 1 });
    await fetcher.close();
    repo.destroy();
    await server.close();
  });
});

describe('crawlColumn storing pages as it goes', () => {
  it('has written the pages fetched so far while one page still hangs, so a crawl that dies keeps them', async () => {
    const { startTestServer } = await import('../support/test-server.ts');
    const { detailPage, html, listPage } = await import('../support/mini-portal.ts');
    const items = Array.from({ length: 40 }, (_, i) => ({ path: `/tzgg/201801/t20180110_${i}.html`, title: `关于土地执法检查的通知（第${i}号）`, date: '2018-01-10' }));
    let release: () => void = () => {};
    const hanging = new Promise<void>((r) => (release = r));
    const routes: Record<string, ReturnType<typeof html> | ((req: unknown, res: import('node:http').ServerResponse) => void)> = { '/tzgg/index.html': html(listPage('通知公告', items)) };
    for (const it of items.slice(1)) routes[it.path] = html(detailPage(it));
    routes[items[0]!.path] = (_req, res) => void hanging.then(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(detailPage(items[0]!)));
    const server = await startTestServer(routes);
    const repo = await testRepository('stream-writes');
    const portal = parseConfig({
      portals: [{ id: 'w', name: '测试', homepage: `${server.origin}/index.html`, columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }], crawl: { robots: false, minIntervalMs: 0 } }],
    }).portals[0]!;
    const fetcher = new Fetcher({ robots: false, retries: 0 });
    fetcher.limiter.configure(new URL(server.origin).host, { concurrency: 4, minIntervalMs: 0 });
    const urls = items.map((it) => `${server.origin}${it.path}`);
    let settled = false;
    const crawl = crawlColumn({ portal, column: portal.columns[0]!, scanId: 's1', asOf: '2018-01-15' }, { fetcher, repo }).finally(() => (settled = true));
    try {
      let stored = 0;
      for (let i = 0; i < 200 && stored < 25; i++) {
        await new Promise((r) => setTimeout(r, 25));
        stored = (await repo.getPages('w', urls)).length;
      }
      expect(stored).toBeGreaterThanOrEqual(25);
      expect(settled).toBe(false); // the first page still hangs
    } finally {
      release();
    }
    expect((await crawl).pagesWritten).toBe(40);
    expect(await repo.getPages('w', urls)).toHaveLength(40);
    await fetcher.close();
    repo.destroy();
    await server.close();
  });
});

describe('crawlColumn when the store fails mid-crawl', () => {
  it('rejects with the store error, starts no page after it, and still stores the pages fetched before', async () => {
    const { startTestServer } = await import('../support/test-server.ts');
    const { detailPage, html, listPage } = await import('../support/mini-portal.ts');
    const { Repository } = await import('../../functions/store/repository.ts');
    const items = Array.from({ length: 120 }, (_, i) => ({ path: `/tzgg/201801/t20180110_${i}.html`, title: `关于土地执法检查的通知（第${i}号）`, date: '2018-01-10' }));
    const routes: Record<string, ReturnType<typeof html>> = { '/tzgg/index.html': html(listPage('通知公告', items)) };
    for (const it of items) routes[it.path] = html(detailPage(it));
    const server = await startTestServer(routes);
    const base = await testRepository('store-fails');
    // The real table underneath; only the second batch of pages is refused, as a throttled or
    // unavailable DynamoDB would refuse it.
    let batches = 0;
    class RefusingSecondBatch extends Repository {
      override async putPages(portalId: string, pages: Parameters<Repository['putPages']>[1]) {
        if (++batches === 2) throw new Error('ProvisionedThroughputExceededException: injected');
        return super.putPages(portalId, pages);
      }
    }
    const repo = new RefusingSecondBatch({ tableName: base.tableName, endpoint: inject('dynamoEndpoint') });
    const portal = parseConfig({
      portals: [{ id: 'f', name: '测试', homepage: `${server.origin}/index.html`, columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }], crawl: { robots: false, minIntervalMs: 0 } }],
    }).portals[0]!;
    const fetcher = new Fetcher({ robots: false, retries: 0 });
    fetcher.limiter.configure(new URL(server.origin).host, { concurrency: 4, minIntervalMs: 0 });
    const urls = items.map((it) => `${server.origin}${it.path}`);
    const detailRequests = () => server.requests.filter((q) => q.path.startsWith('/tzgg/2018')).length;

    await expect(crawlColumn({ portal, column: portal.columns[0]!, scanId: 's1', asOf: '2018-01-15' }, { fetcher, repo })).rejects.toThrow(/injected/);
    const atFailure = detailRequests();
    expect(atFailure).toBeLessThan(items.length / 2); // the rest of the column was never asked for
    const stored = (await repo.getPages('f', urls)).length;
    expect(stored).toBeGreaterThanOrEqual(25); // the first batch, plus what came in after the refused one
    expect(stored).toBeLessThan(atFailure);
    await new Promise((r) => setTimeout(r, 200));
    expect(detailRequests()).toBe(atFailure);
    expect((await repo.getPages('f', urls)).length).toBe(stored); // nothing written after the rejection
    await fetcher.close();
    repo.destroy();
    base.destroy();
    await server.close();
  });
});

describe('crawlColumn on a paged column whose later pages answer 304', () => {
  it('takes a 304 on page 2 as the column unchanged: no false loop warning, no rewrite', async () => {
    const { startTestServer } = await import('../support/test-server.ts');
    const { detailPage, html, listPage } = await import('../support/mini-portal.ts');
    const items = Array.from({ length: 6 }, (_, i) => ({ path: `/tzgg/201801/t20180110_${i}.html`, title: `关于土地执法检查的通知（第${i}号）`, date: '2018-01-10' }));
    // Page 1 is regenerated without validators (answered 200 every time); later pages carry ETags.
    const routes: Record<string, ReturnType<typeof html>> = {
      '/tzgg/index.html': { ...html(listPage('通知公告', items.slice(0, 2), { pages: [3, 0] })), etag: false },
      '/tzgg/index_1.html': html(listPage('通知公告', items.slice(2, 4), { pages: [3, 1] })),
      '/tzgg/index_2.html': html(listPage('通知公告', items.slice(4), { pages: [3, 2] })),
    };
    for (const it of items) routes[it.path] = html(detailPage(it));
    const server = await startTestServer(routes);
    const repo = await testRepository('paged-304');
    const portal = parseConfig({
      portals: [{ id: 'p', name: '测试', homepage: `${server.origin}/index.html`, columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }], crawl: { robots: false, minIntervalMs: 0 } }],
    }).portals[0]!;
    const fetcher = new Fetcher({ robots: false, retries: 0 });
    fetcher.limiter.configure(new URL(server.origin).host, { concurrency: 4, minIntervalMs: 0 });
    const crawl = (scanId: string) => crawlColumn({ portal, column: portal.columns[0]!, scanId, asOf: '2018-01-15' }, { fetcher, repo });

    const first = await crawl('s1');
    expect(first.snapshot).toMatchObject({ listPages: 3, warnings: [] });
    expect(first.snapshot.items).toHaveLength(6);
    const second = await crawl('s2');
    const asked = server.requests.filter((q) => q.path === '/tzgg/index_1.html');
    expect(asked.at(-1)?.headers['if-none-match']).toBeTruthy();
    expect(second.snapshot.warnings).toEqual([]);
    expect(second.snapshot).toMatchObject({ listPages: 3 });
    expect(second.snapshot.items).toHaveLength(6);
    expect(second.columnWritten).toBe(false);
    await fetcher.close();
    repo.destroy();
    await server.close();
  });
});
