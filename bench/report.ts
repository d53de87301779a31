import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ProcessFigures } from './measure.ts';

// The benchmark's report: results.json with every run's raw figures, and the measured section of
// RESULTS.md, between its markers, so the analysis written around it by hand survives a re-run.

export interface RunFigures {
  wallMs: number;
  /** Requests the portal's server answered during this process. */
  requests: number;
  node: ProcessFigures;
  jvm?: ProcessFigures;
}
export interface ScanRun extends RunFigures {
  pages: number;
  findings: number;
  writes: number;
  /** Items read from the store; null when the scan's output does not count them. */
  reads: number | null;
  /** Requests answered 304, and body bytes received, as the scan counts them (null: not counted). */
  notModified: number | null;
  bytes: number | null;
  /** Links asked with a request of their own: on a first scan, every link target that is not a crawled page. */
  linksAsked?: number | null;
  /** The scan's own time from the store being up (DynamoDB Local started) to its end; null when not reported. */
  afterStoreMs?: number | null;
}
export interface PeerRun extends RunFigures {
  /** Pages handled (Crawlee) or links checked (linkinator). */
  pages: number;
  failed: number;
}
export interface RunRecord {
  run: number;
  order: string[];
  cold: ScanRun;
  rescan: ScanRun;
  linkinator: PeerRun;
  crawlee: PeerRun;
}
export interface LambdaFigure {
  name: string;
  bytes: number;
  importMs: number;
}
export interface BenchResults {
  command: string;
  date: string;
  machine: ReturnType<typeof machine>;
  peers: { linkinator: string; crawlee: string };
  site: { pages: number; columns: number; htmlPages: number; latencyMs: number; asOf: string };
  concurrency: number;
  runs: RunRecord[];
  lambdas: { figures: LambdaFigure[]; text: string };
  cost?: { text: string };
}

export const BEGIN = '<!-- bench:begin -->';
export const END = '<!-- bench:end -->';

export function machine() {
  const c = cpus();
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    cpuMHz: c[0]?.speed ?? 0,
    memoryMb: Math.round(totalmem() / 2 ** 20),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    java: (java.stderr || java.stdout || 'not found').split('\n')[0]!.trim(),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const cpuMs = (p: ProcessFigures) => p.userMs + p.systemMs;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (x: number) => `${Math.round(x).toLocaleString('en-US')} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

type Role = 'cold' | 'rescan' | 'linkinator' | 'crawlee';
const LABELS: Record<Role, string> = {
  cold: 'disclosure-watch, cold first scan',
  rescan: 'disclosure-watch, re-scan of the unchanged site',
  linkinator: 'linkinator `--recurse`',
  crawlee: 'Crawlee CheerioCrawler',
};

/** The derived figures, from the medians of the runs. */
export function derived(r: BenchResults) {
  const cold = r.runs.map((x) => x.cold);
  const pages = median(cold.map((c) => c.pages));
  return {
    writesPerNewPage: median(cold.map((c) => c.writes / c.pages)),
    nodeCpuMsPerPage: median(cold.map((c) => cpuMs(c.node) / c.pages)),
    coldWallOverLinkinator: median(r.runs.map((x) => x.cold.wallMs / x.linkinator.wallMs)),
    networkBoundMs: (median(cold.map((c) => c.requests)) * r.site.latencyMs) / r.concurrency,
    pages,
  };
}

function row(role: Role, all: RunFigures[], extra: string): string {
  const m = (f: (x: RunFigures) => number) => median(all.map(f));
  const jvm = all.every((x) => x.jvm);
  const cpu = `node ${sec(m((x) => cpuMs(x.node)))} (user ${sec(m((x) => x.node.userMs))}, sys ${sec(m((x) => x.node.systemMs))})${jvm ? ` + JVM ${sec(m((x) => cpuMs(x.jvm!)))}` : ''}`;
  const rss = `node ${mb(m((x) => x.node.peakRssMb))}${jvm ? `, JVM ${mb(m((x) => x.jvm!.peakRssMb))}` : ''}`;
  return `| ${LABELS[role]} | ${sec(m((x) => x.wallMs))} | ${cpu} | ${rss} | ${int(m((x) => x.requests))} | ${extra} |`;
}

function scanExtra(all: ScanRun[]): string {
  const reads = all.every((x) => typeof x.reads === 'number')
    ? `${int(median(all.map((x) => x.reads!)))} reads`
    : 'reads not counted';
  const answered304 = all.every((x) => typeof x.notModified === 'number')
    ? `, ${int(median(all.map((x) => x.notModified!)))} answered 304`
    : '';
  const afterStore = all.every((x) => typeof x.afterStoreMs === 'number')
    ? `, ${sec(median(all.map((x) => x.afterStoreMs!)))} once the store was up`
    : '';
  return `${int(median(all.map((x) => x.pages)))} pages${answered304}${afterStore}, ${int(median(all.map((x) => x.findings)))} findings, ${int(median(all.map((x) => x.writes)))} writes, ${reads}`;
}

function rawTable(r: BenchResults): string {
  const lines = [
    '| run | process | wall | node user / sys | node peak RSS | JVM user / sys | JVM peak RSS | requests | writes | reads |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of r.runs)
    for (const role of ['cold', 'rescan', 'linkinator', 'crawlee'] as const) {
      const x = run[role];
      const scanRun = role === 'cold' || role === 'rescan' ? (x as ScanRun) : undefined;
      const j = x.jvm ? [`${int(x.jvm.userMs)} / ${int(x.jvm.systemMs)} ms`, mb(x.jvm.peakRssMb)] : ['', ''];
      lines.push(
        `| ${run.run} | ${role} | ${int(x.wallMs)} ms | ${int(x.node.userMs)} / ${int(x.node.systemMs)} ms | ${mb(x.node.peakRssMb)} | ${j.join(' | ')} | ${int(x.requests)} | ${scanRun ? int(scanRun.writes) : ''} | ${scanRun?.reads ?? ''} |`,
      );
    }
  return lines.join('\n');
}

function lambdaSection(r: BenchResults): string {
  if (r.lambdas.text) return r.lambdas.text;
  const lines = ['| function | bundle | cold import (median of 10) |', '|---|---|---|'];
  for (const f of r.lambdas.figures) lines.push(`| ${f.name} | ${int(f.bytes / 1024)} KB | ${int(f.importMs)} ms |`);
  return lines.join('\n');
}

export function renderSection(r: BenchResults): string {
  const d = derived(r);
  const m = r.machine;
  const all = (role: Role) => r.runs.map((x) => x[role]);
  return [
    `Measured by \`${r.command}\` on ${r.date.slice(0, 10)} (${r.date.slice(11, 16)} UTC): ${m.cpus} × ${m.cpuModel}, ${int(m.memoryMb)} MB, load average ${m.loadAverageAtStart.join(' ')} at the start; node ${m.node}, ${m.java}; linkinator ${r.peers.linkinator}, @crawlee/cheerio ${r.peers.crawlee}.`,
    '',
    `Site: a generated TRS-style portal of ${int(r.site.pages)} detail pages in ${r.site.columns} columns (${int(r.site.htmlPages)} HTML pages with the list pages and homepage), ${r.site.latencyMs} ms per response, on 127.0.0.1; per-host concurrency ${r.concurrency} for everyone, no interval; scans with \`--as-of ${r.site.asOf}\`. Medians of ${r.runs.length} run${r.runs.length > 1 ? 's' : ''}, the processes taking turns first.`,
    '',
    '| | wall | CPU (user + sys) | peak RSS | requests | other |',
    '|---|---|---|---|---|---|',
    row('cold', all('cold'), scanExtra(r.runs.map((x) => x.cold))),
    row('rescan', all('rescan'), scanExtra(r.runs.map((x) => x.rescan))),
    row(
      'linkinator',
      all('linkinator'),
      `${int(median(all('linkinator').map((x) => x.pages)))} links checked; crawl and status only`,
    ),
    row(
      'crawlee',
      all('crawlee'),
      `${int(median(all('crawlee').map((x) => x.pages)))} pages; crawl and cheerio parse only, queue in memory`,
    ),
    `| network bound (requests × ${r.site.latencyMs} ms / ${r.concurrency}) | ${sec(d.networkBoundMs)} | | | | |`,
    '',
    `Derived (cold first scan): **${d.writesPerNewPage.toFixed(2)} DynamoDB writes per new page** (target ≤ 1.1); **${d.nodeCpuMsPerPage.toFixed(2)} ms of node CPU per page** (target ≤ 2.5); wall **${d.coldWallOverLinkinator.toFixed(2)}× linkinator's** in the same run (target ≤ 1.5).`,
    '',
    'Every run (the JVM is DynamoDB Local, sampled from /proc every 25 ms; node figures are the process’s own `resourceUsage()`):',
    '',
    rawTable(r),
    '',
    '#### Lambda bundles',
    '',
    lambdaSection(r),
    ...(r.cost ? ['', '#### Cost', '', r.cost.text] : []),
  ].join('\n');
}

/** Writes results.json and RESULTS.md's measured section under dir; returns the paths. */
export async function writeReport(dir: string, r: BenchResults): Promise<string[]> {
  const json = join(dir, 'results.json');
  writeFileSync(json, `${JSON.stringify({ ...r, derived: derived(r) }, null, 2)}\n`);
  const md = join(dir, 'RESULTS.md');
  const section = `${BEGIN}\n${renderSection(r)}\n${END}`;
  const before = existsSync(md) ? readFileSync(md, 'utf8') : '';
  const at = before.indexOf(BEGIN);
  const end = before.indexOf(END);
  const text =
    at >= 0 && end > at
      ? before.slice(0, at) + section + before.slice(end + END.length)
      : `${before || '# Benchmark results\n'}\n## The scan against its peers (\`npm run bench\`)\n\n${section}\n`;
  writeFileSync(md, text);
  return [json, md];
}
