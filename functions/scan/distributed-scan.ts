import type { Fetcher } from '../net/fetcher.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { Repository } from '../store/repository.ts';
import { evaluatePortal, type ScanResult } from './evaluate.ts';
import { checkLinksOf } from './check-links.ts';
import { taskName, type CrawlMessage } from './messages.ts';
import { portalFetcher } from './settings.ts';
import { networkSince, scanCountersOf, zeroCounters, type CrawlCounters } from './counters.ts';
import { recordedScans } from './recorded-scans.ts';
import { crawlTarget, describeTarget, resolveTarget, type CrawledTarget } from './crawl-target.ts';

// A scan spread over Lambdas: plan (distributed-start.ts: one message per column) → crawl each column
// → evaluate once the last one is done. Each step is idempotent, because SQS and DynamoDB Streams deliver at
// least once: a repeated plan re-sends the same deduplication ids, a repeated task is
// recognised by its name in the run, a repeated evaluation finds the run already evaluated.

export type TaskOutcome = { done: 'crawled'; counted: boolean; last: boolean } | { done: 'skipped'; reason: string };

/** Crawls one column (or the homepage) of a run and counts it done; `last` is true for exactly one task. */
export async function runCrawlTask(
  message: CrawlMessage,
  portal: PortalConfig,
  deps: { repo: Repository; fetcher?: Fetcher; now?: () => Date },
): Promise<TaskOutcome> {
  const { repo } = deps;
  const run = await repo.getRun(portal.id, message.scanId);
  if (!run) return { done: 'skipped', reason: `scan ${message.scanId} is unknown (expired or never planned)` };
  if (run.status !== 'crawling') return { done: 'skipped', reason: `scan ${message.scanId} is already ${run.status}` };
  if (run.doneTasks?.includes(taskName(message))) {
    // A redelivery of a task already counted (its batch timed out, or SQS delivered twice):
    // no second crawl. It may still have to close the run, if its first attempt died before that.
    const last = run.done >= run.total && (await repo.advanceRun(portal.id, message.scanId, 'crawling', 'crawled'));
    return last
      ? { done: 'crawled', counted: false, last }
      : { done: 'skipped', reason: `${taskName(message)} was already crawled in scan ${message.scanId}` };
  }

  const target = resolveTarget(portal, message.target);
  if (!target) {
    // The config changed mid-scan. The task still counts, or the run would never close.
    const { last } = await countTask(message, portal, repo, { ...zeroCounters(), writes: 1 });
    return {
      done: 'skipped',
      reason: `${describeTarget(message.target)} is no longer in portal ${portal.id}'s config${last ? '; the run is crawled' : ''}`,
    };
  }

  const fetcher = deps.fetcher ?? portalFetcher(portal);
  const network = networkSince(fetcher);
  const writesBefore = repo.writes;
  let crawled: CrawledTarget;
  try {
    crawled = await crawlTarget(
      { portal, scanId: message.scanId, asOf: message.asOf, target, outstanding: message.outstanding },
      { fetcher, repo, now: deps.now },
    );
  } finally {
    if (!deps.fetcher) await fetcher.close();
  }
  const { pagesParsed, revalidated, revalidatedUnchanged } = crawled;
  // The write that counts the task is one more.
  const counters: CrawlCounters = {
    ...network(),
    pagesParsed,
    revalidated,
    revalidatedUnchanged,
    writes: repo.writes - writesBefore + 1,
  };
  return { done: 'crawled', ...(await countTask(message, portal, repo, counters)) };
}

async function countTask(message: CrawlMessage, portal: PortalConfig, repo: Repository, counters: CrawlCounters) {
  const { counted, run: after } = await repo.completeRunTask(portal.id, message.scanId, taskName(message), counters);
  // The task that completes the count closes the run. A redelivered task tries too: its first
  // attempt may have died between counting and closing. The conditional write lets one through.
  const last =
    after.done >= after.total &&
    after.status === 'crawling' &&
    (await repo.advanceRun(portal.id, message.scanId, 'crawling', 'crawled'));
  return { counted, last };
}

/** Evaluates a crawled run once: link check, rules, reconcile, scan record, run marked evaluated; null when already evaluated. */
export async function evaluateRun(
  runKey: { portalId: string; scanId: string },
  portal: PortalConfig,
  deps: { repo: Repository; fetcher?: Fetcher; offsiteFetcher?: Fetcher },
): Promise<ScanResult | null> {
  const run = await deps.repo.getRun(runKey.portalId, runKey.scanId);
  if (run?.status === 'evaluated') return null;
  // The stream showed this run crawled; a read that disagrees is a fault, and throwing lets the stream retry.
  if (run?.status !== 'crawled')
    throw new Error(
      `scan ${runKey.scanId} of portal ${runKey.portalId} is ${run ? run.status : 'not in the store'}; expected crawled`,
    );
  // Read once for both steps: the columns carry the pages (column-pages.ts).
  const [recorded, columns] = await Promise.all([
    recordedScans(deps.repo, portal.id, run.scanId),
    // Consistent: the crawl Lambdas wrote them a moment ago, and a stale read written back would undo their work.
    deps.repo.listColumns(portal.id, { consistent: true }),
  ]);
  const links = await checkLinksOf(
    { portal, asOf: run.asOf, recorded },
    { repo: deps.repo, fetcher: deps.fetcher, offsiteFetcher: deps.offsiteFetcher, columns },
  );
  const result = await evaluatePortal(
    { portal, scanId: run.scanId, asOf: run.asOf, startedAt: run.startedAt, ...scanCountersOf(run.counters, links) },
    deps.repo,
    { columns },
  );
  result.warnings.unshift(...links.warnings);
  await deps.repo.advanceRun(portal.id, run.scanId, 'crawled', 'evaluated');
  return result;
}
