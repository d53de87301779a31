import type { Fetcher } from '../net/fetcher.ts';
import { runQueue } from '../local/work-queue.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { Repository } from '../store/repository.ts';
import { evaluatePortal, type ScanResult } from './evaluate.ts';
import { scanIdAt } from '../common/scan-id.ts';
import { planScan, type CrawlTask } from './plan.ts';
import { crawlSettings, portalFetcher } from './settings.ts';
import { checkLinksOf } from './check-links.ts';
import { crawlTarget, describeTarget, resolveTarget } from './crawl-target.ts';
import { networkSince, scanCountersOf } from './counters.ts';
import { outstandingPagesByColumn } from './outstanding-pages.ts';
import { recordedScans } from './recorded-scans.ts';

// A whole scan of one portal in one process: plan → crawl every task → evaluate. The Lambdas
// run the same steps (distributed-scan.ts): SQS carries the crawl tasks, and the table's
// stream starts the evaluation once the last task is counted. Both crawl a task with
// crawlTarget and add up their counters with counters.ts.

export interface ScanProgress {
  portalId: string;
  done: number;
  total: number;
  pagesFetched: number;
  failures: number;
  current?: string;
}

export interface LocalScanOptions {
  portal: PortalConfig;
  asOf: string;
  /** The store, or a promise of it while DynamoDB Local is still booting. */
  repo: Repository | Promise<Repository>;
  /** The store is new and empty: the first requests need nothing from it and go out while it boots. */
  freshStore?: boolean;
  fetcher?: Fetcher;
  /** For off-site links (defaults to a gentle fetcher of its own). */
  offsiteFetcher?: Fetcher;
  onProgress?: (p: ScanProgress) => void;
  now?: () => Date;
}

export async function runLocalScan(opts: LocalScanOptions): Promise<ScanResult> {
  const { portal, asOf } = opts;
  const settings = crawlSettings(portal);
  const fetcher = opts.fetcher ?? portalFetcher(portal);

  const startedAt = (opts.now?.() ?? new Date()).toISOString();
  const scanId = scanIdAt(opts.now?.() ?? new Date());
  const network = networkSince(fetcher);
  // A new store holds no validators to make these requests conditional: send them now, while
  // the JVM starts, and let the crawl pick the answers up.
  if (opts.freshStore) fetcher.prefetch([portal.homepage, ...portal.columns.map((c) => c.url)]);
  const began = performance.now();
  const repo = await opts.repo;
  const storeWaitMs = Math.round(performance.now() - began);
  const writesBefore = repo.writes;
  const readsBefore = repo.reads;
  // One query each for the portal's columns (which carry their pages: column-pages.ts) and findings.
  const [knownColumns, findings, recorded] = await Promise.all([
    repo.listColumns(portal.id),
    repo.listFindings(portal.id),
    recordedScans(repo, portal.id, scanId),
  ]);
  const previousColumns = new Map(knownColumns.map((c) => [c.columnId, c]));
  // The columns as the crawl leaves them, for the link check and the evaluation.
  const columns = new Map(previousColumns);
  // Planned as plan-scan plans it: each column's task carries its pages with outstanding findings.
  const tasks = planScan(portal, scanId, asOf, outstandingPagesByColumn(portal, findings));

  const progress: ScanProgress = { portalId: portal.id, done: 0, total: tasks.length, pagesFetched: 0, failures: 0 };
  let pagesParsed = 0;
  let revalidated = 0;
  let revalidatedUnchanged = 0;
  const warnings: string[] = [];
  const worker = async (task: CrawlTask) => {
    // Planned from this very config a moment ago: every column is in it.
    const target = resolveTarget(portal, task.target)!;
    progress.current = target.kind === 'homepage' ? '首页' : target.column.name;
    const r = await crawlTarget(
      { portal, scanId, asOf, target, outstanding: task.outstanding },
      { fetcher, repo, previousColumns, recorded, now: opts.now },
    );
    if (r.column) columns.set(r.column.columnId, r.column);
    progress.pagesFetched += r.pagesFetched;
    pagesParsed += r.pagesParsed;
    revalidated += r.revalidated;
    revalidatedUnchanged += r.revalidatedUnchanged;
    progress.done += 1;
    progress.failures = network().failures;
    opts.onProgress?.({ ...progress });
  };
  // Columns run side by side; the host limiter keeps the bureau's server at its politeness limits.
  const settled = await runQueue(tasks, Math.max(2, settings.concurrency * 2), worker);
  settled.forEach((s, i) => {
    if (!s.ok)
      warnings.push(
        `crawl of ${describeTarget(tasks[i]!.target)} failed: ${(s.error as Error)?.message ?? String(s.error)}`,
      );
  });

  // Taken before the link check, which uses the same fetcher and counts its own share.
  const crawl = { ...network(), pagesParsed, revalidated, revalidatedUnchanged, writes: repo.writes - writesBefore };
  // Only the configured columns: a record of a column dropped from the config is not judged.
  const current = portal.columns.flatMap((c) => columns.get(c.id) ?? []);
  const links = await checkLinksOf(
    { portal, asOf, recorded },
    { repo, fetcher, offsiteFetcher: opts.offsiteFetcher, columns: current },
  );
  warnings.push(...links.warnings);

  const counted = scanCountersOf(crawl, links);
  // The findings as read before the crawl: a decision taken since makes its write conditional
  // fail, and the finding is read again then (save-findings.ts).
  const result = await evaluatePortal({ portal, scanId, asOf, startedAt, ...counted, readsBefore }, repo, {
    columns: current,
    findings,
  });
  result.warnings.unshift(...warnings);
  result.timing = { storeWaitMs, ms: Math.round(performance.now() - began) };
  if (!opts.fetcher) await fetcher.close();
  return result;
}
