import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BEGIN, END, writeReport, type BenchResults, type RunRecord } from '../../bench/report.ts';

// The harness owns only the measured section of RESULTS.md: a re-run must keep the analysis
// written around it, and say plainly what it did not measure.

const figures = (wallMs: number, extra: object = {}) => ({
  wallMs,
  requests: 3211,
  node: { userMs: wallMs / 2, systemMs: 100, peakRssMb: 250 },
  ...extra,
});
const run = (n: number, reads: number | null): RunRecord => ({
  run: n,
  order: ['ours', 'linkinator', 'crawlee'],
  cold: {
    ...figures(30_000, { jvm: { userMs: 14_000, systemMs: 700, peakRssMb: 1400 } }),
    pages: 3000,
    findings: 2,
    writes: 3300,
    reads,
    notModified: 0,
    bytes: 9_000_000,
  },
  rescan: { ...figures(10_000), pages: 3000, findings: 2, writes: 9, reads, notModified: 30, bytes: 0 },
  linkinator: { ...figures(15_000), pages: 3483, failed: 1 },
  crawlee: { ...figures(50_000), pages: 3470, failed: 0 },
});
const results = (reads: number | null): BenchResults => ({
  command: 'npm run bench',
  date: '2026-12-01T03:00:00.000Z',
  machine: {
    cpus: 2,
    cpuModel: 'x',
    cpuMHz: 2800,
    memoryMb: 24_000,
    loadAverageAtStart: [1, 1, 1],
    node: 'v20',
    java: 'java 17',
  },
  peers: { linkinator: '7.6.1', crawlee: '3.18.1' },
  site: { pages: 3000, columns: 30, htmlPages: 3151, latencyMs: 20, asOf: '2026-11-30' },
  concurrency: 8,
  runs: [run(1, reads), run(2, reads), run(3, reads)],
  lambdas: { figures: [{ name: 'plan-scan', bytes: 556_000, importMs: 120 }], text: '| plan-scan | 543 KB |' },
});

describe('the bench report', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites only the part between the markers of RESULTS.md', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-bench-report-'));
    const before = `# Results\n\nWhat bounds the scan: the JVM.\n\n${BEGIN}\nold figures\n${END}\n\n## Lexicon\n\nkept\n`;
    writeFileSync(join(dir, 'RESULTS.md'), before);
    await writeReport(dir, results(120));
    const after = readFileSync(join(dir, 'RESULTS.md'), 'utf8');
    expect(after.startsWith('# Results\n\nWhat bounds the scan: the JVM.\n\n<!-- bench:begin -->\n')).toBe(true);
    expect(after.endsWith(`${END}\n\n## Lexicon\n\nkept\n`)).toBe(true);
    expect(after).not.toContain('old figures');
    expect(after).toContain('**1.10 DynamoDB writes per new page**');
    expect(after).toContain('wall **2.00× linkinator');
    expect(after).toContain('| network bound (requests × 20 ms / 8) | 8.0 s |');
    expect(after).toContain('3,300 writes, 120 reads');
    expect(after).toContain('3,000 pages, 30 answered 304, 2 findings, 9 writes');
    expect(after).toContain('| plan-scan | 543 KB |');
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
    expect(json.runs).toHaveLength(3);
  });

  it('says reads were not counted when the scan does not count them, never zero', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-bench-report-'));
    await writeReport(dir, results(null));
    const text = readFileSync(join(dir, 'RESULTS.md'), 'utf8');
    expect(text).toContain('3,300 writes, reads not counted');
    expect(text).toContain(BEGIN);
  });
});
