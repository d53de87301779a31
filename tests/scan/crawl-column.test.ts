import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { crawlColumn } from '../../functions/scan/crawl-column.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { Repository } from '../../functions/store/repository.ts';
import { recordScan } from '../support/scan-record.ts';
import { testRepository } from '../support/dynamo.ts';
import { startMisbehavingServer, type MisbehavingServer } from '../support/misbehaving-server.ts';
import { columnRoutes, detailPage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type Handler, type Page } from '../support/test-server.ts';

describe('crawlColumn on a hostile column', () => {
  let srv: MisbehavingServer;
  let repo: Repository;
  let portal: PortalConfig;
  let fetcher: Fetcher;

  beforeAll(async () => {
    srv = await startMisbehavingServer();
    repo = await testRepository('column');
    portal = parseConfig({
      portals: [
        {
          id: 'hostile',
          name: '测试',
          homepage: `${srv.origin}/ok.html`,
          columns: [
            { id: 'forever', name: '无限翻页', url: `${srv.origin}/forever/index.html`, kind: 'notice' },
            { id: 'down', name: '故障栏目', url: `${srv.origin}/always-500.html`, kind: 'notice' },
            { id: 'escape', name: '外链翻页', url: `${srv.origin}/escape/index.html`, kind: 'notice' },
          ],
          crawl: { maxListPages: 5, minIntervalMs: 0, robots: false },
        },
      ],
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
    const r = await crawlColumn(
      { portal, column: portal.columns[0]!, scanId: 's1', asOf: '2018-01-15' },
      { fetcher, repo },
    );
    expect(r.snapshot.listPages).toBe(5);
    expect(r.snapshot.items).toHaveLength(10);
    expect(r.snapshot.warnings).toContain('pagination cut off after 5 list pages');
    expect(srv.hits.get('/forever/index_5.html')).toBeUndefined();
  });

  it('never follows a "next page" link off the portal’s hosts, and says so', async () => {
    const r = await crawlColumn(
      { portal, column: portal.columns[2]!, scanId: 's1', asOf: '2018-01-15' },
      { fetcher, repo },
    );
    expect(r.snapshot.listPages).toBe(1);
    expect(r.snapshot.warnings.join('\n')).toMatch(
      /pagination leads off the portal to http:\/\/localhost:\d+\/escape\/index_1\.html; stopped/,
    );
    expect(srv.hits.get('/escape/index_1.html') ?? 0).toBe(0);
  });

  it('records a failing column with its failure streak instead of throwing', async () => {
    const first = await crawlColumn(
      { portal, column: portal.columns[1]!, scanId: 's1', asOf: '2018-01-15' },
      { fetcher, repo },
    );
    expect(first.snapshot.fetch).toMatchObject({ ok: false, status: 500 });
    // s1 never recorded its scan (killed): s2 is the first failure that counts.
    await crawlColumn({ portal, column: portal.columns[1]!, scanId: 's2', asOf: '2018-01-16' }, { fetcher, repo });
    expect((await repo.getColumn('hostile', 'down'))?.failStreak).toBe(1);
    await recordScan(repo, 'hostile', 's2', '2018-01-16');
    await crawlColumn({ portal, column: portal.columns[1]!, scanId: 's3', asOf: '2018-01-17' }, { fetcher, repo });
    expect((await repo.getColumn('hostile', 'down'))?.failStreak).toBe(2);
  });
});

/** `n` notices of column 通知公告, each with its detail page path. */
const notices = (n: number): MiniItem[] =>
  Array.from({ length: n }, (_, i) => ({
    path: `/tzgg/201801/t20180110_${i}.html`,
    title: `关于土地执法检查的通知（第${i}号）`,
    date: '2018-01-10',
  }));

type Routes = Record<string, Page | Handler>;

/** The list page and every item's detail page, served as they should be. */
const tzggRoutes = (items: MiniItem[]): Routes => columnRoutes('/tzgg/index.html', '通知公告', items);

/**
 * A one-column portal on a real local server, with its own DynamoDB Local table and a fetcher
 * free to go fast (4 at a time, no interval): what these tests time is the crawl, not politeness.
 */
async function oneColumnPortal(
  id: string,
  routes: Routes,
  opts: { crawl?: Record<string, unknown>; repo?: (tableName: string) => Repository } = {},
) {
  const server = await startTestServer(routes);
  const table = await testRepository(id);
  const repo = opts.repo?.(table.tableName) ?? table;
  const portal = parseConfig({
    portals: [
      {
        id,
        name: '测试',
        homepage: `${server.origin}/index.html`,
        columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }],
        crawl: { robots: false, minIntervalMs: 0, ...opts.crawl },
      },
    ],
  }).portals[0]!;
  const fetcher = new Fetcher({ robots: false, retries: 0 });
  fetcher.limiter.configure(new URL(server.origin).host, { concurrency: 4, minIntervalMs: 0 });
  return {
    server,
    repo,
    portal,
    fetcher,
    urlsOf: (items: MiniItem[]) => items.map((it) => `${server.origin}${it.path}`),
    crawl: (scanId: string, now?: string) =>
      crawlColumn(
        { portal, column: portal.columns[0]!, scanId, asOf: '2018-01-15' },
        { fetcher, repo, ...(now ? { now: () => new Date(now) } : {}) },
      ),
    async close() {
      await fetcher.close();
      if (repo !== table) repo.destroy();
      table.destroy();
      await server.close();
    },
  };
}

describe('crawlColumn refresh of known detail pages', () => {
  it('leaves known pages alone, then re-asks them conditionally once they are older than refreshDays', async () => {
    const [item] = notices(1) as [MiniItem];
    const site = await oneColumnPortal('refresh', tzggRoutes([item]), { crawl: { refreshDays: 30 } });
    const detailHits = () => site.server.requests.filter((q) => q.path === item.path);

    await site.crawl('s1', '2026-01-01T00:00:00Z');
    expect(detailHits()).toHaveLength(1);
    const again = await site.crawl('s2', '2026-01-20T00:00:00Z');
    expect(detailHits()).toHaveLength(1); // 19 days: not due
    expect(again.pagesWritten).toBe(0);
    const refreshed = await site.crawl('s3', '2026-02-01T00:00:00Z');
    expect(detailHits()).toHaveLength(2); // 31 days: due, asked with its ETag
    expect(detailHits()[1]!.headers['if-none-match']).toBeTruthy();
    expect(refreshed).toMatchObject({ pagesFetched: 1, pagesParsed: 0, pagesWritten: 1 });
    await site.close();
  });
});

describe('crawlColumn storing pages as it goes', () => {
  it('has written the pages fetched so far while one page still hangs, so a crawl that dies keeps them', async () => {
    const items = notices(40);
    let release: () => void = () => {};
    const hanging = new Promise<void>((r) => (release = r));
    const routes = tzggRoutes(items);
    routes[items[0]!.path] = (_req, res) =>
      void hanging.then(() =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(detailPage(items[0]!)),
      );
    const site = await oneColumnPortal('stream-writes', routes);
    const urls = site.urlsOf(items);
    let settled = false;
    const crawl = site.crawl('s1').finally(() => (settled = true));
    try {
      let stored = 0;
      for (let i = 0; i < 200 && stored < 25; i++) {
        await new Promise((r) => setTimeout(r, 25));
        stored = (await site.repo.getPages(site.portal.id, urls)).length;
      }
      expect(stored).toBeGreaterThanOrEqual(25);
      expect(settled).toBe(false); // the first page still hangs
    } finally {
      release();
    }
    expect((await crawl).pagesWritten).toBe(40);
    expect(await site.repo.getPages(site.portal.id, urls)).toHaveLength(40);
    await site.close();
  });
});

describe('crawlColumn when the store fails mid-crawl', () => {
  it('rejects with the store error, starts no page after it, and still stores the pages fetched before', async () => {
    const items = notices(120);
    // The real table underneath; only the second batch of pages is refused, as a throttled or
    // unavailable DynamoDB would refuse it.
    let batches = 0;
    class RefusingSecondBatch extends Repository {
      override async putPages(portalId: string, pages: Parameters<Repository['putPages']>[1]) {
        if (++batches === 2) throw new Error('ProvisionedThroughputExceededException: injected');
        return super.putPages(portalId, pages);
      }
    }
    const site = await oneColumnPortal('store-fails', tzggRoutes(items), {
      repo: (tableName) => new RefusingSecondBatch({ tableName, endpoint: inject('dynamoEndpoint') }),
    });
    const urls = site.urlsOf(items);
    const detailRequests = () => site.server.requests.filter((q) => q.path.startsWith('/tzgg/2018')).length;
    const storedNow = async () => (await site.repo.getPages(site.portal.id, urls)).length;

    await expect(site.crawl('s1')).rejects.toThrow(/injected/);
    const atFailure = detailRequests();
    expect(atFailure).toBeLessThan(items.length / 2); // the rest of the column was never asked for
    const stored = await storedNow();
    expect(stored).toBeGreaterThanOrEqual(25); // the first batch, plus what came in after the refused one
    expect(stored).toBeLessThan(atFailure);
    await new Promise((r) => setTimeout(r, 200));
    expect(detailRequests()).toBe(atFailure);
    expect(await storedNow()).toBe(stored); // nothing written after the rejection
    await site.close();
  });
});

describe('crawlColumn on a paged column whose later pages answer 304', () => {
  it('takes a 304 on page 2 as the column unchanged: no false loop warning, no rewrite', async () => {
    const items = notices(6);
    const routes = tzggRoutes(items);
    // Page 1 is regenerated without validators (answered 200 every time); later pages carry ETags.
    routes['/tzgg/index.html'] = { ...html(listPage('通知公告', items.slice(0, 2), { pages: [3, 0] })), etag: false };
    routes['/tzgg/index_1.html'] = html(listPage('通知公告', items.slice(2, 4), { pages: [3, 1] }));
    routes['/tzgg/index_2.html'] = html(listPage('通知公告', items.slice(4), { pages: [3, 2] }));
    const site = await oneColumnPortal('paged-304', routes);

    const first = await site.crawl('s1');
    expect(first.snapshot).toMatchObject({ listPages: 3, warnings: [] });
    expect(first.snapshot.items).toHaveLength(6);
    // s1 recorded its scan: its stamp counts, and an unchanged column is left as s1 wrote it.
    await recordScan(site.repo, 'paged-304', 's1', '2018-01-15');
    const second = await site.crawl('s2');
    const asked = site.server.requests.filter((q) => q.path === '/tzgg/index_1.html');
    expect(asked.at(-1)?.headers['if-none-match']).toBeTruthy();
    expect(second.snapshot.warnings).toEqual([]);
    expect(second.snapshot).toMatchObject({ listPages: 3 });
    expect(second.snapshot.items).toHaveLength(6);
    expect(second.columnWritten).toBe(false);
    await site.close();
  });
});
