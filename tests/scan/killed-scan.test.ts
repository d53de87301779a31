import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startDynamoFaultProxy, type DynamoFaultProxy } from '../support/dynamo-fault-proxy.ts';
import { columnRoutes, homepage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A run killed between its crawl and its scan record must not count: the re-run gives exactly the
// findings of a clean run. The kill is the store refusing the scan record (a real DynamoDB Local
// behind a real proxy that fails that one write), the latest point a kill can land: every streak,
// link verdict, first-seen date, finding and the portal's bookkeeping are written by then.

const DAY1 = '2018-01-15';
const DAY2 = '2018-01-18'; // the killed run
const DAY3 = '2018-01-22';

const old: MiniItem = { path: '/tzgg/201801/t20180105_1.html', title: '关于土地执法检查的通知', date: '2018-01-05' };
// Appears after the first scan, dated 2018-01-16: first seen on DAY3 by a clean run, 4 working days later.
const late: MiniItem = { path: '/tzgg/201801/t20180116_2.html', title: '关于补充耕地指标的公示', date: '2018-01-16' };

/** The portal as it stands on day 1 (all well) or from day 2 on (a column down, a link gone, a new item). */
function setDay(server: TestServer, day: 1 | 2) {
  const items = day === 1 ? [old] : [late, old];
  for (const [path, page] of Object.entries(columnRoutes('/tzgg/index.html', '通知公告', items)))
    server.routes.set(path, page);
  server.routes.set(
    '/index.html',
    html(homepage(items).replace('</body>', '<a href="/gone.html">已撤下的公告</a></body>')),
  );
  if (day === 1) {
    server.routes.set('/gone.html', html('<html><body>公告</body></html>'));
    server.routes.set('/gzdt/index.html', html(listPage('工作动态', [old])));
  } else {
    server.routes.delete('/gone.html');
    server.routes.set('/gzdt/index.html', { body: 'Service Unavailable', status: 503, etag: false });
  }
}

const at = (day: string) => () => new Date(`${day}T02:00:00Z`);

describe('a scan killed between its crawl and its scan record', () => {
  let server: TestServer;
  let proxy: DynamoFaultProxy;
  let portal: PortalConfig;
  const repos: Repository[] = [];

  beforeAll(async () => {
    [server, proxy] = await Promise.all([startTestServer(), startDynamoFaultProxy(inject('dynamoEndpoint'))]);
    portal = parseConfig({
      portals: [
        {
          id: 'killed',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          columns: [
            { id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' },
            { id: 'gzdt', name: '工作动态', url: `${server.origin}/gzdt/index.html`, kind: 'news' },
          ],
          crawl: { robots: false, minIntervalMs: 0, concurrency: 4 },
        },
      ],
    }).portals[0]!;
  });
  afterAll(async () => {
    for (const r of repos) r.destroy();
    await Promise.all([server.close(), proxy.close()]);
  });

  /** A store behind the proxy (its scan record can be refused) and a clean one beside it. */
  async function stores() {
    const clean = await testRepository('clean');
    const killable = new Repository({
      tableName: clean.tableName.replace('clean', 'killed'),
      endpoint: proxy.endpoint,
    });
    await killable.ensureTable();
    repos.push(clean, killable);
    return { clean, killable };
  }

  const scan = (repo: Repository, day: string) => runLocalScan({ portal, asOf: day, repo, now: at(day) });

  /** Killed after everything but the scan record (S#) was written. */
  async function killedScan(repo: Repository, day: string) {
    proxy.failWhen = (body) => body.includes('"sk":{"S":"S#');
    try {
      await expect(scan(repo, day)).rejects.toThrow();
    } finally {
      proxy.failWhen = null;
    }
    expect(proxy.failed).toBeGreaterThan(0);
  }

  /** Both stores scanned on day 1; the killable one's day-2 scan killed. */
  async function killedAfterOneScan() {
    const both = await stores();
    setDay(server, 1);
    await scan(both.clean, DAY1);
    await scan(both.killable, DAY1);
    setDay(server, 2);
    await killedScan(both.killable, DAY2);
    return both;
  }

  const findingsOf = (r: Awaited<ReturnType<typeof scan>>) =>
    r.findings
      .map(
        (f) => `${f.rule} ${f.severity} ${f.url.replace(server.origin, '')} ${f.message.replaceAll(server.origin, '')}`,
      )
      .sort();

  // The navigation's own dead links (/tdsc/, /zhtj/ …) are broken on every scan, in both stores.
  const brokenUrls = (r: Awaited<ReturnType<typeof scan>>) =>
    r.findings.filter((f) => f.rule === 'broken-link').map((f) => f.url.replace(server.origin, ''));

  it('re-run after a killed scan: no failure or broken-link streak from the killed run, first-seen dates of the re-run', async () => {
    const { clean, killable } = await killedAfterOneScan();
    const rerun = await scan(killable, DAY3);
    const single = await scan(clean, DAY3);
    expect(findingsOf(rerun)).toEqual(findingsOf(single));
    // Not equal by both missing the point: one failed scan and one broken check are no finding yet,
    // and the new item is judged from the re-run's day.
    expect(rerun.findings.map((f) => f.rule)).not.toContain('site-unreachable');
    expect(brokenUrls(rerun)).not.toContain('/gone.html');
    expect(rerun.findings.find((f) => f.rule === 'backdated-publication')?.evidence).toMatchObject({
      firstSeen: DAY3,
      workingDays: 4,
    });
    expect(rerun.findings.map((f) => f.message).join('\n')).not.toContain('已连续 2 次');
  });

  it('a killed first scan leaves no first scan behind: the re-run is the first scan', async () => {
    const { clean, killable } = await stores();
    setDay(server, 2);
    await killedScan(killable, DAY2);

    const rerun = await scan(killable, DAY3);
    const single = await scan(clean, DAY3);
    expect(rerun.firstScan).toBe(true);
    expect(findingsOf(rerun)).toEqual(findingsOf(single));
    expect(rerun.findings.map((f) => f.rule)).not.toContain('site-unreachable');
    expect(brokenUrls(rerun)).not.toContain('/gone.html');
  });

  it('the next scan after the re-run counts both recorded scans and nothing else', async () => {
    const { clean, killable } = await killedAfterOneScan();
    await scan(killable, DAY3);
    await scan(clean, DAY3);
    const day4 = '2018-01-23';
    const next = await scan(killable, day4);
    expect(findingsOf(next)).toEqual(findingsOf(await scan(clean, day4)));
    const down = next.findings.find((f) => f.rule === 'site-unreachable');
    expect(down?.message).toContain('已连续 2 次检查失败');
    expect(brokenUrls(next)).toContain('/gone.html');
  });
});
