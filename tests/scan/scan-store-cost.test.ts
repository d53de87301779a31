import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { addDays } from '../../functions/calendar/dates.ts';
import { BENCH_AS_OF, startBenchPortal, type BenchPortal } from '../../bench/site/server.ts';
import { testRepository } from '../support/dynamo.ts';

// What a scan costs the store, counted in records: the bill in AWS for every portal, every day.
// The benchmark's generated TRS portal (attachments, off-site links, pagers), scanned for real.

const PAGES = 600;
const COLUMNS = 6;

describe('the store operations of a scan', () => {
  let site: BenchPortal;
  let portal: PortalConfig;
  let repo: Repository;
  /** Links the first scan asked with a request of their own: every one not crawled. */
  let firstAsked = 0;
  beforeAll(async () => {
    site = await startBenchPortal({ pages: PAGES, columns: COLUMNS, latencyMs: 0, concurrency: 8 });
    portal = parseConfig(site.config).portals[0]!;
    repo = await testRepository('cost');
  });
  afterAll(async () => {
    repo.destroy();
    await site.close();
  });

  /** Every record the portal has in the store (each read here is not counted against a scan). */
  async function storedRecords() {
    const [pages, columns, links, findings, scans] = await Promise.all([
      repo.listPages(portal.id),
      repo.listColumns(portal.id),
      repo.listLinks(portal.id),
      repo.listFindings(portal.id),
      repo.listScans(portal.id),
    ]);
    return { pages, links, total: pages.length + columns.length + links.length + findings.length + scans.length + 2 };
  }

  it('writes at most 1.1 records a new page on a first scan: no link record for a crawled page or a link that works', async () => {
    const writes = repo.writes;
    const r = await runLocalScan({ portal, asOf: BENCH_AS_OF, repo });
    expect(r.summary.pages).toBe(PAGES);
    expect(r.counters.linksChecked).toBeGreaterThan(PAGES); // pages, attachments, images, off-site links
    expect((repo.writes - writes) / PAGES).toBeLessThanOrEqual(1.1);
    expect(r.counters.writes).toBe(repo.writes - writes);
    firstAsked = r.counters.linksAsked!;
    expect(firstAsked).toBeGreaterThan(PAGES / 20);
    const { pages, links } = await storedRecords();
    expect(pages).toHaveLength(PAGES);
    const crawled = new Set(pages.map((p) => p.url));
    expect(links.filter((l) => l.verdict === 'ok' || crawled.has(l.url))).toEqual([]);
    // The site's unreachable off-site link is remembered: it is asked again on every scan.
    expect(links.length).toBeGreaterThan(0);
    // A page record leaves out the template's navigation (the homepage, the columns): the crawl
    // judges those URLs itself. What is left fits DynamoDB's 1 KB write unit.
    const watched = new Set([portal.homepage, ...portal.columns.map((c) => c.url)]);
    expect(pages.flatMap((p) => p.links ?? []).filter((l) => watched.has(l.url))).toEqual([]);
    const sizes = pages.map((p) => Buffer.byteLength(JSON.stringify(p))).sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(1024);
  });

  it('re-scans the unchanged portal reading one record a column, not its pages or links, and writing at most columns + 2', async () => {
    const { total } = await storedRecords();
    const [reads, writes] = [repo.reads, repo.writes];
    const r = await runLocalScan({ portal, asOf: BENCH_AS_OF, repo });
    expect(r.summary.pages).toBe(PAGES);
    expect(r.counters.pagesParsed).toBe(0);
    expect(r.counters.bytes).toBeLessThan(1_000); // 304s and HEADs
    expect(repo.writes - writes).toBeLessThanOrEqual(COLUMNS + 2);
    expect(r.counters.reads).toBe(repo.reads - reads);
    expect(repo.reads - reads).toBeLessThan(0.05 * total);
    expect(repo.reads - reads).toBeLessThanOrEqual(COLUMNS + 16); // the columns, the homepage, the findings, the scans' trend …
  });

  it('next day, revalidates its share of pages and links with conditional requests, still without reading them', async () => {
    const { total } = await storedRecords();
    const nextDay = addDays(BENCH_AS_OF, 1);
    const [reads, writes] = [repo.reads, repo.writes];
    // The first scans stamped their fetches by the wall clock: tomorrow is a day after it.
    const tomorrow = () => new Date(Date.now() + 86_400_000);
    const r = await runLocalScan({ portal, asOf: nextDay, repo, now: tomorrow });
    expect(r.counters.revalidated).toBeGreaterThan(PAGES / 14); // about one in seven
    expect(r.counters.revalidatedUnchanged).toBe(r.counters.revalidated);
    // The links the crawl does not fetch: their day's share, and the one that does not work.
    expect(r.counters.linksAsked).toBeGreaterThan(0);
    expect(r.counters.linksAsked).toBeLessThan(firstAsked / 3);
    expect(r.counters.pagesParsed).toBe(0);
    expect(repo.writes - writes).toBeLessThanOrEqual(COLUMNS + 2);
    expect(repo.reads - reads).toBeLessThan(0.05 * total);
  });
});
