import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, DEMO_AS_OF } from '../../demo/portal/config.ts';
import { demoExpectations } from '../../demo/portal/expected.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runScan } from '../../functions/scan/run-scan.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';

// The demo is the product's showcase and its regression test: every seeded problem fires,
// no near-miss does, and nothing else fires on what is meant to be a clean site.

describe('scan of the demo portals as of 2018-01-15', () => {
  let server: DemoServer;
  let repo: Repository;
  const results: ScanResult[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    repo = await testRepository('demo');
    for (const portal of parseConfig(demoConfig(server.origin)).portals) {
      results.push(await runScan({ portal, asOf: DEMO_AS_OF, repo }));
    }
  }, 120_000);
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  const fired = () => results.flatMap((r) => r.findings.map((f) => `${r.portal.id} ${f.rule} ${f.subject}`)).sort();

  it('fires exactly the seeded problems, nothing more', () => {
    const { fires } = demoExpectations(server.origin);
    expect(fired()).toEqual(fires.map((e) => `${e.portal} ${e.rule} ${e.subject}`).sort());
  });

  it('fires no near-miss', () => {
    const { nearMisses } = demoExpectations(server.origin);
    const got = new Set(fired());
    const wrongly = nearMisses.filter((e) => got.has(`${e.portal} ${e.rule} ${e.subject}`));
    expect(wrongly).toEqual([]);
  });

  it('seeds each rule of the first scan at least twice, and counts them per rule', () => {
    const byRule: Record<string, number> = {};
    for (const r of results) for (const f of r.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    expect(byRule).toEqual({
      'empty-column': 2,
      'empty-page': 2,
      'missing-column': 3,
      'stale-column': 3,
      'undated-item': 2,
      'homepage-not-updated': 2,
      'late-publication': 2,
    });
  });

  it('crawls every page of the main portal, GBK columns and pagination included', () => {
    const gtj = results.find((r) => r.portal.id === 'mhk-gtj')!;
    expect(gtj.summary.columns).toBe(18);
    expect(gtj.summary.pages).toBe(217);
    expect(gtj.counters.failures).toBe(0);
    expect(gtj.summary.vetoRisks.find((v) => v.item === 'homepage-not-updated')).toMatchObject({ count: 17, level: 'veto' });
    expect(gtj.summary.vetoRisks.find((v) => v.item === 'empty-column')).toMatchObject({ count: 2, level: 'ok' });
  });

  it('stores 2017 pages with the metadata of their tables, decoded from GBK', async () => {
    const pages = await repo.listPages('mhk-gtj');
    const market = pages.filter((p) => p.columnId === 'tdsc');
    expect(market).toHaveLength(23);
    const withAttachment = market.find((p) => p.attachments === 1)!;
    expect(withAttachment).toMatchObject({ title: '梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2017〕18号）', publisher: '梅河口市国土资源局', generatedDate: '2017-12-27', publishedDate: '2017-12-28' });
    expect(pages.filter((p) => p.columnId === 'tdly')).toHaveLength(29);
  });

  it('re-scans the unchanged demo with conditional list requests only and one write per portal scan record', async () => {
    const before = server.stats();
    const gtj = parseConfig(demoConfig(server.origin)).portals[0]!;
    const r = await runScan({ portal: gtj, asOf: DEMO_AS_OF, repo });
    const after = server.stats();
    // robots.txt, then conditional requests only, all answered 304: the homepage, the first list
    // page of each of the 18 columns, and a HEAD for each of the 4 links that are not crawled
    // pages (3 navigation pages and an attachment).
    expect(after.requests - before.requests).toBe(24);
    expect(after.notModified - before.notModified).toBe(23);
    expect(r.counters).toMatchObject({ pagesParsed: 0, notModified: 23, linksChecked: expect.any(Number), linksBroken: 0 });
    expect(r.counters.writes).toBeLessThanOrEqual(2);
    expect(r.summary).toMatchObject({ new: 0, resolved: 0, findings: 13 });
  });
});
