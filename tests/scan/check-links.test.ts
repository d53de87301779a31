import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const AS_OF = '2018-01-15';
const article: MiniItem = {
  path: '/tdsc/201801/t20180110_1.html',
  title: '土地出让结果公示',
  date: '2018-01-10',
  generated: '2018-01-09',
  body: '梅河口市国有建设用地使用权出让结果公示如下，公示期十个工作日。<a href="/tdsc/201801/P020180110_missing.pdf">附件：出让结果明细表.pdf</a>',
};

describe('link checking across scans', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;
  let offsite: string;

  beforeAll(async () => {
    server = await startTestServer({
      '/ok.html': html('<html><body>正常</body></html>'),
      '/forbidden.html': { body: 'forbidden', status: 403, etag: false },
      // A server that does not do HEAD: 405 to HEAD, 200 to GET.
      '/no-head.html': (req, res) =>
        void res.writeHead(req.method === 'HEAD' ? 405 : 200, { 'content-type': 'text/html' }).end('ok'),
      '/tdsc/index.html': html(listPage('土地市场', [article])),
      '/gzdt/index.html': html(listPage('工作动态', [])), // linked from every list page's navigation
      [article.path]: html(detailPage(article)),
    });
    // The same server under another host name: an off-site link, checked by the gentle fetcher.
    offsite = server.origin.replace('127.0.0.1', 'localhost');
    server.routes.set(
      '/index.html',
      html(`<html><head><meta charset="utf-8"></head><body>
      <a href="/ok.html">正常链接</a><a href="/gone.html">已删除的通知</a><a href="/forbidden.html">内网系统</a>
      <a href="/no-head.html">不支持HEAD</a><a href="${offsite}/partner-gone.html">合作单位网站</a>
      <a href="/tdsc/index.html">土地市场</a></body></html>`),
    );
    portal = parseConfig({
      portals: [
        {
          id: 'links',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          columns: [
            {
              id: 'tdsc',
              name: '土地市场',
              url: `${server.origin}/tdsc/index.html`,
              kind: 'notice',
              department: '土地利用科',
            },
          ],
          departments: [{ name: '土地利用科', officer: '张明' }],
          crawl: { minIntervalMs: 0, concurrency: 4, robots: false },
        },
      ],
    }).portals[0]!;
    repo = await testRepository('links');
  });
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  const brokenLinks = (r: Awaited<ReturnType<typeof runLocalScan>>) =>
    r.findings
      .filter((f) => f.rule === 'broken-link')
      .map((f) => [f.url.replace(server.origin, '').replace(offsite, 'OFFSITE'), f.severity])
      .sort();

  it('records broken and unverified links on the first scan without a finding yet', async () => {
    const r = await runLocalScan({ portal, asOf: AS_OF, repo });
    expect(brokenLinks(r)).toEqual([]);
    const links = new Map(
      (await repo.listLinks('links')).map((l) => [l.url.replace(server.origin, '').replace(offsite, 'OFFSITE'), l]),
    );
    expect(links.get('/gone.html')).toMatchObject({
      verdict: 'broken',
      status: 404,
      brokenStreak: 1,
      onHomepage: true,
    });
    expect(links.get('/forbidden.html')).toMatchObject({ verdict: 'unverified', status: 403, brokenStreak: 0 });
    // A link that works, and a page the crawl fetched, keep no record: only what is not ok is remembered.
    expect(r.counters.linksChecked).toBeGreaterThan(links.size);
    expect(links.has('/no-head.html')).toBe(false);
    expect(links.has(article.path)).toBe(false);
    expect(server.requests.filter((q) => q.path === '/no-head.html').length).toBeGreaterThan(0);
    expect(links.get('OFFSITE/partner-gone.html')).toMatchObject({ verdict: 'broken', offsite: true });
    expect(links.get('/tdsc/201801/P020180110_missing.pdf')).toMatchObject({
      verdict: 'broken',
      onHomepage: false,
      foundOn: [{ page: `${server.origin}${article.path}`, text: '附件：出让结果明细表.pdf', columnId: 'tdsc' }],
    });
    expect(r.counters).toMatchObject({ linksBroken: 3, linksUnverified: 1 });
    // Each distinct link is asked once: the HEAD to /gone.html was sent a single time.
    expect(server.requests.filter((q) => q.path === '/gone.html')).toHaveLength(1);
  });

  it('reports links broken on two scans in a row, naming the page and the anchor text; never a 403', async () => {
    const r = await runLocalScan({ portal, asOf: '2018-01-16', repo });
    expect(brokenLinks(r)).toEqual([
      ['/gone.html', 'major'],
      ['/tdsc/201801/P020180110_missing.pdf', 'minor'],
      ['OFFSITE/partner-gone.html', 'major'],
    ]);
    const attachment = r.findings.find((f) => f.url.endsWith('_missing.pdf'))!;
    expect(attachment).toMatchObject({ columnId: 'tdsc', department: '土地利用科', title: '附件：出让结果明细表.pdf' });
    expect(attachment.evidence).toMatchObject({
      status: 404,
      brokenSince: AS_OF,
      anchorTexts: ['附件：出让结果明细表.pdf'],
    });
    expect(attachment.message).toContain('「土地市场」栏目');
  });

  it('resolves the finding once the link works again', async () => {
    server.routes.set('/gone.html', html('<html><body>恢复</body></html>'));
    const r = await runLocalScan({ portal, asOf: '2018-01-17', repo });
    expect(r.resolved.map((f) => f.url)).toEqual([`${server.origin}/gone.html`]);
    expect(brokenLinks(r)).toHaveLength(2);
  });
});
