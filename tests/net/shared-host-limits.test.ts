import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../functions/api/checks.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import { probePortals } from '../../functions/scan/probe-round.ts';
import { offsiteFetcher } from '../../functions/scan/settings.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { landNotices, portalPages, startCountingServer, type CountingServer } from './counting-server.ts';

// Everything one process sends a host goes through one gate: a scan, on-demand checks and a probe
// round started at the same moment stay within the portal's limit together, and off-site hosts see
// one request at a time however many scans link to them.

const LIMIT = 2;
const items = landNotices(12);

describe('one host limiter per process', () => {
  let bureau: CountingServer;
  let offsite: CountingServer;
  let repo: Repository;
  let config: Config;

  beforeAll(async () => {
    bureau = await startCountingServer(portalPages(items));
    offsite = await startCountingServer(new Map([['/a.html', '<html><body>外部</body></html>']]));
    repo = await testRepository('shared-limits');
    const portal = (id: string, crawl: Record<string, unknown>) => ({
      id,
      name: '测试',
      homepage: `${bureau.origin}/index.html`,
      probeUrls: [`${bureau.origin}/tdsc/index.html`],
      columns: [{ id: 'tdsc', name: '土地市场', url: `${bureau.origin}/tdsc/index.html`, kind: 'notice' }],
      crawl: { checkLinks: false, ...crawl },
    });
    // Two portals on one host, configured differently: the stricter limit holds for both.
    config = parseConfig({
      portals: [
        portal('mini', { concurrency: 4, minIntervalMs: 0 }),
        portal('mini-b', { concurrency: LIMIT, minIntervalMs: 0 }),
      ],
    });
  });
  afterAll(async () => {
    repo.destroy();
    await bureau.close();
    await offsite.close();
  });

  it('keeps a scan, checks and a probe round of one host within its limit together', async () => {
    const [mini] = config.portals;
    const checks = items.map((item, i) =>
      runCheck(
        {
          checkId: `mini.shared${String(i).padStart(4, '0')}`,
          portalId: 'mini',
          url: `${bureau.origin}${item.path}`,
          asOf: '2018-01-15',
        },
        { config, repo, allowPrivateAddresses: true },
      ),
    );
    const [scan, probes, ...answered] = await Promise.all([
      runLocalScan({ portal: mini!, asOf: '2018-01-15', repo }),
      probePortals(config.portals, { repo, at: new Date() }),
      ...checks,
    ]);
    expect(scan.summary.pages).toBeGreaterThan(0);
    expect(probes.flatMap((p) => p.results).every((r) => r.ok)).toBe(true);
    expect(answered.map((c) => c.status)).toEqual(items.map(() => 'done'));
    expect(bureau.seen.peak).toBeLessThanOrEqual(LIMIT);
  }, 60_000);

  it('sends an off-site host one request at a time across the fetchers of several scans', async () => {
    const fetchers = config.portals.map((p) => offsiteFetcher(p));
    try {
      const results = await Promise.all(
        fetchers.flatMap((f) => [1, 2].map(() => f.fetch({ url: `${offsite.origin}/a.html` }))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(offsite.seen.peak).toBe(1);
    } finally {
      await Promise.all(fetchers.map((f) => f.close()));
    }
  });
});
