import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A list page that is not a web page (an AJAX portal's JSON feed, a page of NUL bytes) is a column
// that cannot be read, never a 空白栏目; a column listing more items than the cap says it was cut.

const AS_OF = '2018-01-15';

const notice: MiniItem = { path: '/tzgg/201801/t20180110_1.html', title: '关于土地执法检查的通知', date: '2018-01-10' };
const many: MiniItem[] = Array.from({ length: 1200 }, (_, i) => ({
  path: `/gzdt/201801/t20180110_${i}.html`,
  title: `工作动态第${i}期`,
  date: '2018-01-10',
}));

/** A TRS column of `perPage` items a page: index.html, index_1.html … */
function pagedList(dir: string, title: string, items: MiniItem[], perPage: number) {
  const count = Math.ceil(items.length / perPage);
  return Object.fromEntries(
    Array.from({ length: count }, (_, k) => [
      `${dir}index${k === 0 ? '' : `_${k}`}.html`,
      html(listPage(title, items.slice(k * perPage, (k + 1) * perPage), { pages: [count, k] })),
    ]),
  );
}

describe('list pages that are not web pages, and the item cap', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;
  let scan: Awaited<ReturnType<typeof runLocalScan>>;

  beforeAll(async () => {
    const detailRoutes = Object.fromEntries([notice, ...many].map((i) => [i.path, html(detailPage(i))]));
    server = await startTestServer({
      '/index.html': html('<html><body><a href="/tzgg/index.html">通知公告</a></body></html>'),
      '/tzgg/index.html': html(listPage('通知公告', [notice])),
      // What an AJAX portal's list URL answers: the items, as JSON.
      '/ajax/list.do': {
        body: JSON.stringify({ total: 1, rows: [{ title: notice.title, url: notice.path, date: notice.date }] }),
        contentType: 'application/json;charset=UTF-8',
      },
      '/nul/index.html': { body: Buffer.alloc(8192), contentType: 'text/html; charset=utf-8' },
      ...pagedList('/gzdt/', '工作动态', many, 100),
      ...detailRoutes,
    });
    repo = await testRepository('unreadable');
    const column = (id: string, name: string, path: string, kind = 'notice') => ({
      id,
      name,
      url: `${server.origin}${path}`,
      kind,
    });
    portal = parseConfig({
      portals: [
        {
          id: 'unreadable',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          columns: [
            column('tzgg', '通知公告', '/tzgg/index.html'),
            column('ajax', '政策文件', '/ajax/list.do', 'policy'),
            column('nul', '人事信息', '/nul/index.html', 'personnel'),
            column('gzdt', '工作动态', '/gzdt/index.html', 'news'),
          ],
          crawl: { robots: false, minIntervalMs: 0, concurrency: 4, checkLinks: false },
        },
      ],
    }).portals[0]!;
    scan = await runLocalScan({ portal, asOf: AS_OF, repo });
  });
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  const of = (columnId: string, rule: string) =>
    scan.findings.filter((f) => f.columnId === columnId && f.rule === rule);

  it('a JSON list is a column that cannot be read: a warning and a major finding, never an empty column', () => {
    expect(of('ajax', 'empty-column')).toEqual([]);
    expect(scan.warnings).toContain('政策文件: 列表页不是网页：application/json');
    const [finding] = of('ajax', 'site-unreachable');
    expect(finding).toMatchObject({ severity: 'major', evidence: { status: 200, unreadable: true } });
    expect(finding!.message).toContain('列表页不是网页：application/json');
    expect(finding!.action).toContain('JSON');
  });

  it('a page of NUL bytes is no document either', () => {
    expect(of('nul', 'empty-column')).toEqual([]);
    expect(scan.warnings.some((w) => w.startsWith('人事信息: 列表页不是网页：内容是二进制数据'))).toBe(true);
    expect(of('nul', 'site-unreachable')).toMatchObject([{ severity: 'major' }]);
  });

  it('neither counts toward 空白栏目 in the veto summary', () => {
    expect(scan.findings.filter((f) => f.rule === 'empty-column')).toEqual([]);
    expect(scan.summary.vetoRisks.find((r) => r.item === 'empty-column')).toMatchObject({ count: 0, level: 'ok' });
  });

  it('a column listing 1,200 items over 12 pages keeps 1,000 and warns that the cap cut it', async () => {
    expect(scan.warnings).toContain(
      '工作动态: column lists more than 1000 items (1200 read); only the first 1000 are kept and checked',
    );
    expect((await repo.getColumn('unreadable', 'gzdt'))?.items).toHaveLength(1000);
    // The readable columns are read as before.
    expect((await repo.getColumn('unreadable', 'tzgg'))?.items).toHaveLength(1);
  });
});
