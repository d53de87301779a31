// Each Lambda's bundle as the stack deploys it (lib/bundling.ts, the example config inlined) and its
// cold import: a fresh `node` process, with the stack's NODE_OPTIONS and a Lambda-like environment,
// timing `await import(bundle)` from inside. Median of `runs` processes per function.
// Run alone: npx tsx bench/lambda.ts [--runs 10] [--analyze]
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../functions/config/load-config.ts';
import { esbuildOptions, EXTERNAL_MODULES, HANDLERS, type HandlerName } from '../lib/bundling.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What the deployed function is judged on: the bundle Lambda loads, and the time to import it. */
export const LAMBDA_TARGETS = { bytes: 1024 * 1024, importMs: 150 };

export interface LambdaFigure {
  name: HandlerName;
  /** index.mjs, the code Lambda loads. */
  bytes: number;
  /** index.mjs.map, also in the zip (the stack sets --enable-source-maps). */
  mapBytes: number;
  /** Median of the child's own performance.now() around `await import(bundle)`. */
  importMs: number;
  /** Median CPU (user + system) the import took: what a loaded machine does not inflate. */
  cpuMs: number;
  /** Median of the child's time from process start to the end of the import (node's own start included). */
  processMs: number;
  /** Every run, in the order taken. */
  samples: number[];
}

// The environment Lambda would give the function: the stack's variables, with placeholders for
// its resources. The import creates SDK clients but sends nothing, so nothing needs to answer.
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  DW_TABLE_NAME: 'disclosure-watch-bench',
  DW_CRAWL_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/crawl.fifo',
  DW_SES_FROM: 'alerts@example.gov.cn',
  POWERTOOLS_SERVICE_NAME: 'disclosure-watch',
  POWERTOOLS_METRICS_NAMESPACE: 'DisclosureWatch',
  NODE_OPTIONS: '--enable-source-maps',
};

const MARK = 'dw-cold-import ';
const CHILD = `const c0 = process.cpuUsage();
const t0 = performance.now();
await import(process.argv[1]);
const t1 = performance.now();
const c = process.cpuUsage(c0);
const cpuMs = (c.user + c.system) / 1000;
process.stdout.write('\\n${MARK}' + JSON.stringify({ importMs: t1 - t0, cpuMs, processMs: t1 }) + '\\n');`;

interface Sample {
  importMs: number;
  cpuMs: number;
  processMs: number;
}

export interface BuiltBundle {
  name: HandlerName;
  file: string;
  metafile: esbuild.Metafile;
}

/** Builds every handler with the stack's options into `dir` (inside the repo when externals must resolve). */
export async function buildBundles(dir: string, configJson = exampleConfigJson()): Promise<BuiltBundle[]> {
  return Promise.all(
    HANDLERS.map(async (name) => {
      const file = join(dir, name, 'index.mjs');
      const result = await esbuild.build({ ...esbuildOptions(name, configJson, file), metafile: true });
      return { name, file, metafile: result.metafile };
    }),
  );
}

export function exampleConfigJson(): string {
  return JSON.stringify(loadConfig(join(repoRoot, 'deploy', 'portals.example.json')));
}

function coldImport(file: string): Sample {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(file).href], {
    env: { PATH: process.env.PATH, ...LAMBDA_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = out.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`importing ${file} printed no timing: ${out.slice(-500)}`);
  return JSON.parse(line.slice(MARK.length)) as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Bundles every handler and times its cold import, `runs` fresh processes each. The functions are
 * interleaved run by run so a busy moment on the machine lands on all of them, not on one.
 */
export async function measureLambdas({ runs = 10 }: { runs?: number } = {}): Promise<LambdaFigure[]> {
  // Inside the repo, so an external package resolves from its node_modules as the runtime's own would.
  const dir = mkdtempSync(join(repoRoot, '.lambda-bench-'));
  try {
    const bundles = await buildBundles(dir);
    const taken = new Map(bundles.map((b) => [b.name, [] as Sample[]]));
    for (const b of bundles) coldImport(b.file); // warm the file cache: Lambda reads from a warm image too
    for (let i = 0; i < runs; i++) for (const b of bundles) taken.get(b.name)!.push(coldImport(b.file));
    return bundles.map((b) => {
      const t = taken.get(b.name)!;
      return {
        name: b.name,
        bytes: statSync(b.file).size,
        mapBytes: statSync(`${b.file}.map`).size,
        importMs: median(t.map((x) => x.importMs)),
        cpuMs: median(t.map((x) => x.cpuMs)),
        processMs: median(t.map((x) => x.processMs)),
        samples: t.map((x) => x.importMs),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as a markdown table, with the targets and what the import includes. */
export function lambdaTable(figures: LambdaFigure[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const ok = (f: LambdaFigure) =>
    f.bytes <= LAMBDA_TARGETS.bytes && f.importMs <= LAMBDA_TARGETS.importMs ? 'yes' : '**no**';
  const externals = EXTERNAL_MODULES.length ? EXTERNAL_MODULES.join(', ') : 'none';
  return [
    `| function | bundle | source map | cold import (median) | its CPU | process start → imported | ≤ 1 MB and ≤ 150 ms |`,
    `|---|---|---|---|---|---|---|`,
    ...figures.map(
      (f) =>
        `| ${f.name} | ${kb(f.bytes)} | ${kb(f.mapBytes)} | ${f.importMs.toFixed(0)} ms | ${f.cpuMs.toFixed(0)} ms | ${f.processMs.toFixed(0)} ms | ${ok(f)} |`,
    ),
    '',
    `Externals (left to the runtime): ${externals}. The import time is judged on the bundle as deployed,` +
      ` with NODE_OPTIONS=--enable-source-maps as the stack sets it; node ${process.version} here, node 24 in Lambda.`,
  ].join('\n');
}

/** The heaviest inputs of one bundle, by esbuild's own analysis. */
export function heaviestInputs(b: BuiltBundle, top = 15): string {
  const inputs = Object.entries(b.metafile.outputs).flatMap(([, o]) => Object.entries(o.inputs));
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of inputs) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1]! : path.split('/').slice(0, 2).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `  ${(v / 1024).toFixed(0).padStart(5)} KB  ${k}`)
    .join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (flag: string) => process.argv.indexOf(flag);
  const runs = arg('--runs') > 0 ? Number(process.argv[arg('--runs') + 1]) : 10;
  if (arg('--analyze') > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'dw-lambda-analyze-'));
    try {
      for (const b of await buildBundles(dir)) {
        console.log(`${b.name}: ${(statSync(b.file).size / 1024).toFixed(0)} KB\n${heaviestInputs(b)}`);
        writeFileSync(join(dir, `${b.name}.meta.json`), JSON.stringify(b.metafile));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`Cold import, ${runs} fresh node ${process.version} processes per function:\n`);
  console.log(lambdaTable(await measureLambdas({ runs })));
}
