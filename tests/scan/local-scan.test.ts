import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { columnRoutes, detailPage, gbk, homepage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const AS_OF = '2018-01-15';
const news: MiniItem[] = [
  {
    path: '/gzdt/201801/t20180110_1.html',
    title: '我局召开2018年全局工作会议',
    date: '2018-01-10',
    generated: '2018-01-10',
  },
  { path: '/gzdt/201801/t20180105_2.html', title: '我局开展土地执法检查', date: '2018-01-05', generated: '2018-01-05' },
];
const market: MiniItem[] = [
  // 成文 2017-09-01, 发布 2017-10-16: 25 working days across the National Day holiday.
  {
    path: '/tdsc/201710/t20171016_3.html',
    title: '国有建设用地使用权挂牌出让公告',
    date: '2017-10-16',
    generated: '2017-09-01',
  },
  { path: '/tdsc/201712/t20171220_4.html', title: '土地出让结果公示', date: '2017-12-20', generated: '2017-12-18' },
];

describe('runLocalScan against a live local portal and DynamoDB Local', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': html(homepage(news)),
      ...columnRoutes('/gzdt/index.html', '工作动态', news),
      ...columnRoutes('/tdsc/index.html', '土地市场', market, gbk),
      '/zhtj/index.html': html(listPage('综合统计', [], { placeholder: true })),
    });
    const o = server.origin;
    portal = parseConfig({
      portals: [
        {
          id: 'mini',
          name: '梅河口市国土资源局',
          homepage: `${o}/index.html`,
          columns: [
            { id: 'gzdt', name: '工作动态', url: `${o}/gzdt/index.html`, kind: 'news', department: '办公室' },
            { id: 'tdsc', name: '土地市场', url: `${o}/tdsc/index.html`, kind: 'notice', department: '土地利用科' },
            { id: 'zhtj', name: '综合统计', url: `${o}/zhtj/index.html`, kind: 'static', department: '办公室' },
          ],
          expectedColumns: ['政府信息公开指南', '政府信息公开年报'],
          departments: [
            { name: '办公室', officer: '王丽' },
            { name: '土地利用科', officer: '张明' },
          ],
          // Link checking has its own test (check-links.test.ts); here only the crawl is counted.
          crawl: { minIntervalMs: 0, concurrency: 4, robots: false, checkLinks: false },
        },
      ],
    }).portals[0]!;
    repo = await testRepository('runscan');
  });
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  it('crawls every column, decodes GBK, stores pages and reports the seeded problems', async () => {
    const r = await runLocalScan({ portal, asOf: AS_OF, repo });
    expect(r.firstScan).toBe(true);
    const pages = await repo.listPages('mini');
    expect(pages).toHaveLength(4);
    expect(pages.find((p) => p.url.endsWith('t20171016_3.html'))).toMatchObject({
      title: '国有建设用地使用权挂牌出让公告',
      generatedDate: '2017-09-01',
      publishedDate: '2017-10-16',
      firstSeen: AS_OF,
    });
    const fired = r.findings.map((f) => `${f.rule} ${f.subject.replace(server.origin, '')}`).sort();
    expect(fired).toContain(`late-publication /tdsc/201710/t20171016_3.html`);
    expect(fired).toContain(`empty-column /zhtj/index.html`);
    expect(fired).toContain(`missing-column expected:政府信息公开年报`);
    expect(fired.some((f) => f.includes('政府信息公开指南'))).toBe(false); // in the navigation
    expect(fired.some((f) => f.includes('t20171220_4'))).toBe(false); // 2 working days: on time
    expect(r.summary.new).toBe(r.findings.length);
  });

  it('re-scans an unchanged portal with conditional requests only and writes just the scan record and bookkeeping', async () => {
    const before = server.requests.length;
    const r = await runLocalScan({ portal, asOf: AS_OF, repo });
    const sent = server.requests.slice(before);
    // Homepage + three list pages + the page with an open finding (late-publication), each
    // conditional, each answered 304. No other page is on its rolling turn this day.
    expect(sent.map((q) => q.path).sort()).toEqual([
      '/gzdt/index.html',
      '/index.html',
      '/tdsc/201710/t20171016_3.html',
      '/tdsc/index.html',
      '/zhtj/index.html',
    ]);
    expect(sent.every((q) => q.headers['if-none-match'])).toBe(true);
    expect(r.counters).toMatchObject({ notModified: 5, revalidated: 1, revalidatedUnchanged: 1 });
    expect(r.counters.pagesParsed).toBe(0);
    expect(r.counters.writes).toBe(3); // portal meta + scan summary + the homepage fetch as the day's probe
    expect(r.summary.new).toBe(0);
    expect(r.summary.resolved).toBe(0);
    expect(r.firstScan).toBe(false);
  });

  it('resolves a finding once the problem is fixed, fetching the new page and revalidating only the one with a finding', async () => {
    const fresh: MiniItem = {
      path: '/zhtj/201801/t20180112_9.html',
      title: '2017年土地利用统计数据',
      date: '2018-01-12',
      generated: '2018-01-12',
    };
    server.routes.set('/zhtj/index.html', html(listPage('综合统计', [fresh])));
    server.routes.set(fresh.path, html(detailPage(fresh)));
    const before = server.requests.length;
    const r = await runLocalScan({ portal, asOf: AS_OF, repo });
    const details = server.requests.slice(before).filter((q) => q.path.includes('/2018') || q.path.includes('/2017'));
    expect(details.map((q) => q.path).sort()).toEqual(['/tdsc/201710/t20171016_3.html', fresh.path]);
    expect(r.resolved.map((f) => f.rule)).toEqual(['empty-column']);
    expect(r.findings.some((f) => f.rule === 'empty-column')).toBe(false);
  });

  it('reports an unreachable portal as findings and warnings instead of failing', async () => {
    const dead = {
      ...portal,
      id: 'dead',
      homepage: 'http://127.0.0.1:9/index.html',
      columns: portal.columns.map((c) => ({ ...c, url: c.url.replace(server.origin, 'http://127.0.0.1:9') })),
    };
    // As the CLI runs a new store: the first requests go out before the store answers, and count.
    const r = await runLocalScan({ portal: dead, asOf: AS_OF, repo, freshStore: true });
    expect(r.counters.failures).toBe(4); // the homepage and three columns
    expect(r.counters.requests).toBeGreaterThanOrEqual(4);
    expect(r.warnings).toContain('工作动态: column could not be fetched (ECONNREFUSED)');
    expect(r.findings.map((f) => f.rule)).toContain('site-unreachable');
  });
});
