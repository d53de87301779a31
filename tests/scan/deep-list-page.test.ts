import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import { OVER_BUDGET } from '../../functions/scan/web-page.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A list page of 100,000 nested <div>s (1.1 MB) is refused by the extraction budget: the column
// cannot be read (a warning and a major finding), it is not an empty column, and the scan goes on.

const DEPTH = 100_000;
const notice: MiniItem = { path: '/tzgg/201801/t20180110_1.html', title: '关于土地执法检查的通知', date: '2018-01-10' };

describe('a list page nested 100,000 deep', () => {
  let server: TestServer;
  let repo: Repository;
  let scan: Awaited<ReturnType<typeof runLocalScan>>;

  beforeAll(async () => {
    const deep = `<!DOCTYPE html><html><body>${'<div>'.repeat(DEPTH)}<a href="${notice.path}">${notice.title}</a>${'</div>'.repeat(DEPTH)}</body></html>`;
    server = await startTestServer({
      '/index.html': html('<html><body><a href="/tzgg/index.html">通知公告</a></body></html>'),
      '/tzgg/index.html': html(listPage('通知公告', [notice])),
      [notice.path]: html(detailPage(notice)),
      '/deep/index.html': html(deep),
    });
    repo = await testRepository('deep-list');
    const portal = parseConfig({
      portals: [
        {
          id: 'deep',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          columns: [
            { id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' },
            { id: 'deep', name: '政策文件', url: `${server.origin}/deep/index.html`, kind: 'policy' },
          ],
          crawl: { robots: false, minIntervalMs: 0, concurrency: 4, checkLinks: false },
        },
      ],
    }).portals[0]!;
    scan = await runLocalScan({ portal, asOf: '2018-01-15', repo });
  });
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  it('is a column that cannot be read, never an empty one, and the other column is read as usual', async () => {
    const deep = scan.findings.filter((f) => f.columnId === 'deep');
    expect(deep.map((f) => [f.rule, f.severity])).toEqual([['site-unreachable', 'major']]);
    expect(deep[0]!.message).toContain(OVER_BUDGET);
    expect(scan.warnings).toContain(`政策文件: ${OVER_BUDGET}`);
    expect(scan.summary.vetoRisks.find((r) => r.item === 'empty-column')?.count).toBe(0);
    expect((await repo.getColumn('deep', 'tzgg'))?.items).toHaveLength(1);
  });
});
