import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, homepage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A column one of whose detail pages is 100,000 nested <div>s (1.1 MB): that page is refused with
// a warning naming it, the column's other pages are read, and nothing reports the site as down.

const AS_OF = '2018-01-15';
const items: MiniItem[] = [
  {
    path: '/tzgg/201801/t20180110_1.html',
    title: '关于开展土地执法检查的通知',
    date: '2018-01-10',
    generated: '2018-01-08',
  },
  {
    path: '/tzgg/201801/t20180111_2.html',
    title: '关于印发土地市场管理办法的通知',
    date: '2018-01-11',
    generated: '2018-01-09',
  },
  {
    path: '/tzgg/201801/t20180112_3.html',
    title: '关于公布第一批项目名单的公告',
    date: '2018-01-12',
    generated: '2018-01-10',
  },
];
const deep = items[1]!;
const DEPTH = 100_000;

describe('a detail page nested 100,000 deep', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': html(homepage(items)),
      '/tzgg/index.html': html(listPage('通知公告', items)),
      ...Object.fromEntries(items.filter((i) => i !== deep).map((i) => [i.path, html(detailPage(i))])),
      [deep.path]: html(`<html><body>${'<div>'.repeat(DEPTH)}${deep.title}${'</div>'.repeat(DEPTH)}</body></html>`),
    });
    portal = parseConfig({
      portals: [
        {
          id: 'deep',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }],
          crawl: { minIntervalMs: 0, concurrency: 4, robots: false, checkLinks: false },
        },
      ],
    }).portals[0]!;
    repo = await testRepository('deepdetail');
  });
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  it('is refused with a warning; the column and the scan go on', async () => {
    const r = await runLocalScan({ portal, asOf: AS_OF, repo });
    const pages = new Map((await repo.listPages('deep')).map((p) => [p.url.replace(server.origin, ''), p]));
    for (const ok of items.filter((i) => i !== deep))
      expect(pages.get(ok.path)).toMatchObject({ fetch: { ok: true }, title: ok.title, publishedDate: ok.date });
    expect(pages.get(deep.path)!.fetch).toMatchObject({ ok: false, kind: 'other' });
    expect(r.warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(`^通知公告: detail page ${server.origin}${deep.path} refused: .*nested 100\\d{3} deep`),
      ),
    );
    expect(r.warnings.filter((w) => w.startsWith('crawl of'))).toEqual([]);
    expect(r.findings.map((f) => f.rule)).not.toContain('site-unreachable');
  });
});
