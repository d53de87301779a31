import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { check } from 'linkinator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateBenchSite } from '../../bench/site/generate.ts';
import { BENCH_AS_OF, startBenchPortal, type BenchPortal } from '../../bench/site/server.ts';

// The benchmark's generated portal must be a site our scan reads completely (every page, with its
// dates, few findings) and a plain crawler can walk completely, or the benchmark compares nothing.

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;
const PAGES = 45;
const COLUMNS = 2; // 23 and 22 pages: two list pages each, so the pager is followed

describe('the benchmark portal', () => {
  let portal: BenchPortal;
  let dir: string;

  beforeAll(async () => {
    portal = await startBenchPortal({ pages: PAGES, columns: COLUMNS, latencyMs: 0 });
    dir = mkdtempSync(join(tmpdir(), 'dw-bench-portal-'));
  });
  afterAll(async () => {
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is scanned by the CLI to every page, each with its dates, and few findings', async () => {
    const config = join(dir, 'portals.json');
    writeFileSync(config, JSON.stringify(portal.config));
    const args = ['scan', '--config', config, '--as-of', BENCH_AS_OF, '--format', 'json'];
    const { stdout } = await promisify(execFile)(
      'node',
      [BIN, ...args, '--store', 'aws', '--endpoint', inject('dynamoEndpoint')],
      { env: { ...process.env, DW_TABLE_NAME: `bench-portal-${process.pid}` }, timeout: 90_000 },
    );
    const r = JSON.parse(stdout) as {
      summary: { columns: number; pages: number };
      counters: { pagesParsed: number; failures: number };
      findings: { rule: string }[];
    };
    expect(r.summary).toMatchObject({ columns: COLUMNS, pages: PAGES });
    expect(r.counters.failures).toBe(0);
    // Dates were found on every list and page, and they are recent: no date rule fires.
    const rules = r.findings.map((f) => f.rule);
    for (const dateRule of ['undated-item', 'late-publication', 'stale-column', 'homepage-not-updated', 'empty-page'])
      expect(rules).not.toContain(dateRule);
    // Only what a portal without an interaction column or annual report always gets.
    expect(rules.length).toBeLessThanOrEqual(2);
  });

  it('is walked to every page by linkinator, the pager links followed without the script', async () => {
    portal.resetRequests();
    const result = await check({ path: `${portal.origin}/`, recurse: true, concurrency: 4 });
    const seen = new Set(result.links.filter((l) => l.status === 200).map((l) => new URL(l.url).pathname));
    expect(portal.htmlPaths.length).toBe(PAGES + 2 * COLUMNS + 1);
    for (const path of portal.htmlPaths) expect(seen, path).toContain(path);
    // The one link to an unreachable port is the only broken one; the other local site answers.
    const broken = result.links.filter((l) => l.state === 'BROKEN').map((l) => new URL(l.url));
    expect(broken).toHaveLength(1);
    expect(broken[0]!.origin).not.toBe(portal.origin);
    expect(portal.requests()).toBeGreaterThanOrEqual(portal.htmlPaths.length);
  });

  it('comes out the same bytes from the same seed', () => {
    const opts = {
      pages: 30,
      columns: 3,
      asOf: BENCH_AS_OF,
      offsite: { unreachable: 'http://127.0.0.1:9/', elsewhere: 'http://127.0.0.1:9/x' },
    };
    const a = generateBenchSite({ ...opts, seed: 5 });
    const b = generateBenchSite({ ...opts, seed: 5 });
    expect([...a.files].map(([p, f]) => `${p} ${f.etag}`)).toEqual([...b.files].map(([p, f]) => `${p} ${f.etag}`));
  });
});
