import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMeasured, type Measured } from './measure.ts';
import {
  derived,
  machine,
  median,
  writeReport,
  type BenchResults,
  type PeerRun,
  type RunRecord,
  type ScanRun,
} from './report.ts';
import { BENCH_AS_OF, startBenchPortal, type BenchPortal } from './site/server.ts';
import { costTable } from './cost.ts';
import { lambdaTable, measureLambdas } from './lambda.ts';

// `npm run bench`: a generated TRS-style portal on 127.0.0.1, crawled in turn by our CLI (a cold
// first scan on a fresh data dir, then a re-scan of the unchanged site), linkinator and Crawlee's
// CheerioCrawler, each a child process measured for wall time, CPU and peak RSS. Writes
// results.json and the measured section of RESULTS.md under --out.

const USAGE = 'npm run bench -- [--pages N] [--columns C] [--runs R] [--latency MS] [--concurrency K] [--out DIR]';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function options() {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '3000' },
      columns: { type: 'string', default: '30' },
      runs: { type: 'string', default: '3' },
      latency: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '8' },
      out: { type: 'string', default: join(root, 'bench') },
    },
  });
  const int = (flag: string, min: number, max: number) => {
    const n = Number(values[flag as keyof typeof values]);
    if (!Number.isInteger(n) || n < min || n > max) {
      console.error(
        `bench: --${flag} must be an integer from ${min} to ${max}, not "${values[flag as keyof typeof values]}". Usage: ${USAGE}`,
      );
      process.exit(2);
    }
    return n;
  };
  // The config's per-host concurrency allows at most 16.
  const o = {
    pages: int('pages', 1, 1_000_000),
    columns: int('columns', 1, 1000),
    runs: int('runs', 1, 100),
    latencyMs: int('latency', 0, 10_000),
    concurrency: int('concurrency', 1, 16),
    out: resolve(values.out),
  };
  if (o.columns > o.pages) {
    console.error(`bench: --columns (${o.columns}) cannot exceed --pages (${o.pages}): every column needs a page.`);
    process.exit(2);
  }
  return o;
}

const progress = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const took = (f: { wallMs: number; requests: number }) =>
  progress(`  ${(f.wallMs / 1000).toFixed(1)} s, ${f.requests} requests`);
/** The version of an installed package, read from its package.json (some export no ./package.json). */
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const cli = join(root, 'bin', 'disclosure-watch.mjs');
const linkinatorCli = join(dirname(require.resolve('linkinator')), 'cli.js');
const tsxLoader = require.resolve('tsx/esm');
const crawleePeer = join(root, 'bench', 'peers', 'crawlee.ts');

interface ScanJson {
  summary: { pages: number; findings: number };
  counters: {
    requests: number;
    notModified?: number;
    bytes?: number;
    writes: number;
    reads?: number;
    linksAsked?: number;
  };
  timing?: { storeWaitMs: number; ms: number };
}

async function scan(label: string, portal: BenchPortal, configFile: string, dataDir: string): Promise<ScanRun> {
  portal.resetRequests();
  const args = ['scan', '--config', configFile, '--data-dir', dataDir, '--format', 'json', '--as-of', BENCH_AS_OF];
  const m = await runMeasured(label, [cli, ...args], { cwd: root, watchJvm: true });
  let r: ScanJson;
  try {
    r = JSON.parse(m.stdout) as ScanJson;
  } catch {
    throw new Error(`${label}: its --format json output is not JSON; it begins: ${m.stdout.slice(0, 300)}`);
  }
  return {
    ...figures(m, portal),
    pages: r.summary.pages,
    findings: r.summary.findings,
    writes: r.counters.writes,
    notModified: r.counters.notModified ?? null,
    bytes: r.counters.bytes ?? null,
    // Not every version counts reads: absent means not measured, never zero.
    reads: typeof r.counters.reads === 'number' ? r.counters.reads : null,
    afterStoreMs: r.timing ? r.timing.ms - r.timing.storeWaitMs : null,
    linksAsked: r.counters.linksAsked ?? null,
  };
}

const figures = (m: Measured, portal: BenchPortal) => ({
  wallMs: m.wallMs,
  requests: portal.requests(),
  node: m.node,
  ...(m.jvm ? { jvm: m.jvm } : {}),
});

async function linkinator(portal: BenchPortal, k: number): Promise<PeerRun> {
  portal.resetRequests();
  // It recurses only below its start URL, so it starts at the site's root, not /index.html; and it
  // prints its text summary, not a JSON list of every link of every page it would spend time on.
  const args = [linkinatorCli, `${portal.origin}/`, '--recurse', '--concurrency', String(k), '--verbosity', 'error'];
  // linkinator exits 1 when it found a broken link: the site's one unreachable off-site link.
  const m = await runMeasured('linkinator', args, { cwd: root, okExitCodes: [0, 1] });
  const said = m.stdout + m.stderr;
  const scanned = /scanned (\d+) links/i.exec(said);
  if (!scanned) throw new Error(`linkinator printed no "Scanned N links" line; it printed:\n${said.slice(-500)}`);
  return {
    ...figures(m, portal),
    pages: Number(scanned[1]),
    failed: Number(/detected (\d+) broken/i.exec(said)?.[1] ?? 0),
  };
}

async function crawlee(portal: BenchPortal, k: number): Promise<PeerRun> {
  portal.resetRequests();
  // Its own empty working directory, to prove it persisted nothing (Crawlee writes ./storage).
  const cwd = mkdtempSync(join(tmpdir(), 'dw-bench-crawlee-'));
  try {
    const args = ['--import', tsxLoader, crawleePeer, `${portal.origin}/index.html`, String(k)];
    const m = await runMeasured('Crawlee CheerioCrawler', args, { cwd });
    if (existsSync(join(cwd, 'storage')))
      throw new Error(`Crawlee wrote ${join(cwd, 'storage')}: the peer must keep its queue in memory.`);
    const r = JSON.parse(m.stdout) as { pages: number; failed: number };
    return { ...figures(m, portal), pages: r.pages, failed: r.failed };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** The cost model (cost.ts) fed with what this run measured. */
function costFigures(r: BenchResults): NonNullable<BenchResults['cost']> {
  const d = derived(r);
  const mid = (f: (x: RunRecord) => number | null) => median(r.runs.map(f).filter((x): x is number => x !== null));
  const reads = r.runs.every((x) => x.rescan.reads !== null) ? mid((x) => x.rescan.reads) : undefined;
  const input = {
    pages: r.site.pages,
    columns: r.site.columns,
    writesPerNewPage: d.writesPerNewPage,
    writesPerUnchangedRescan: mid((x) => x.rescan.writes),
    ...(reads === undefined ? {} : { readsPerUnchangedRescan: reads }),
    requestsPerNewPage: mid((x) => x.cold.requests / x.cold.pages),
    ...(r.runs.every((x) => typeof x.cold.linksAsked === 'number')
      ? { linkTargetsPerPage: mid((x) => x.cold.linksAsked! / x.cold.pages) }
      : {}),
    lambdaMsPerPage: d.nodeCpuMsPerPage,
  };
  return { text: costTable(input) };
}

async function lambdaFigures(): Promise<BenchResults['lambdas']> {
  progress('Lambda bundles: size and cold import, median of 10 fresh processes');
  const figures = await measureLambdas({ runs: 10 });
  return { figures, text: lambdaTable(figures) };
}

async function main() {
  const o = options();
  const started = new Date();
  const host = machine();
  const work = mkdtempSync(join(tmpdir(), 'dw-bench-'));
  progress(
    `generating ${o.pages} pages in ${o.columns} columns, ${o.latencyMs} ms a response, concurrency ${o.concurrency}`,
  );
  const portal = await startBenchPortal({ ...o, asOf: BENCH_AS_OF });
  const configFile = join(work, 'portals.json');
  writeFileSync(configFile, JSON.stringify(portal.config, null, 2));
  const runs: RunRecord[] = [];
  try {
    for (let i = 0; i < o.runs; i++) {
      const record: Partial<RunRecord> = { run: i + 1 };
      const steps = {
        ours: async () => {
          const dataDir = join(work, `data-${i + 1}`);
          progress(`run ${i + 1}/${o.runs}: disclosure-watch cold first scan (fresh --data-dir)`);
          took((record.cold = await scan('disclosure-watch cold first scan', portal, configFile, dataDir)));
          progress(`run ${i + 1}/${o.runs}: disclosure-watch re-scan of the unchanged site`);
          took((record.rescan = await scan('disclosure-watch re-scan', portal, configFile, dataDir)));
          rmSync(dataDir, { recursive: true, force: true });
        },
        linkinator: async () => {
          progress(`run ${i + 1}/${o.runs}: linkinator --recurse --concurrency ${o.concurrency}`);
          took((record.linkinator = await linkinator(portal, o.concurrency)));
        },
        crawlee: async () => {
          progress(`run ${i + 1}/${o.runs}: Crawlee CheerioCrawler, maxConcurrency ${o.concurrency}`);
          took((record.crawlee = await crawlee(portal, o.concurrency)));
        },
      };
      // Alternate who goes first, so a busy moment on the machine does not always land on one.
      const names = Object.keys(steps) as (keyof typeof steps)[];
      const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
      for (const name of order) await steps[name]();
      runs.push({ ...(record as RunRecord), order });
    }
  } finally {
    await portal.close();
    rmSync(work, { recursive: true, force: true });
  }
  const lambdas = await lambdaFigures();
  const results: BenchResults = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    date: started.toISOString(),
    machine: host,
    peers: { linkinator: versionOf('linkinator'), crawlee: versionOf('@crawlee/cheerio') },
    site: {
      pages: o.pages,
      columns: o.columns,
      htmlPages: portal.htmlPaths.length,
      latencyMs: o.latencyMs,
      asOf: BENCH_AS_OF,
    },
    concurrency: o.concurrency,
    runs,
    lambdas,
  };
  results.cost = costFigures(results);
  mkdirSync(o.out, { recursive: true });
  const written = await writeReport(o.out, results);
  progress(`wrote ${written.join(' and ')}`);
}

main().catch((e: unknown) => {
  // A failed step says which process and why; the stack of the harness would say nothing more.
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
