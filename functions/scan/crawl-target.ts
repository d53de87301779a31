import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { ColumnRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { crawlColumn } from './crawl-column.ts';
import type { RevalidationCounters } from './counters.ts';
import { crawlHomepage } from './crawl-homepage.ts';
import type { CrawlTarget } from './plan.ts';
import type { RecordedScans } from './recorded-scans.ts';

// One task of a scan, whichever orchestration runs it (local-scan.ts in one process,
// distributed-scan.ts one Lambda per task): the homepage (首页) or one column (栏目).

/** A task's target as the portal's config has it. */
export type ResolvedTarget = { kind: 'homepage' } | { kind: 'column'; column: ColumnConfig };

/** undefined when the task names a column the config no longer has (it changed mid-scan). */
export function resolveTarget(portal: PortalConfig, target: CrawlTarget): ResolvedTarget | undefined {
  if (target.kind === 'homepage') return target;
  const column = portal.columns.find((c) => c.id === target.columnId);
  return column && { kind: 'column', column };
}

/** For warnings and log lines. */
export const describeTarget = (t: CrawlTarget) => (t.kind === 'homepage' ? 'the homepage' : `column ${t.columnId}`);

export interface CrawlTargetDeps {
  fetcher: Fetcher;
  repo: Repository;
  /** The columns' stored states by column id, when loaded once for a whole scan (absent: each column reads its own). */
  previousColumns?: Map<string, ColumnRecord>;
  /** Which scans are recorded, read once for a whole scan (absent: each target reads it). */
  recorded?: RecordedScans;
  now?: () => Date;
}

export interface CrawledTarget extends RevalidationCounters {
  pagesFetched: number;
  pagesParsed: number;
  /** A column's state after its crawl, with the pages it carries. */
  column?: ColumnRecord;
}

/**
 * Crawls the target; the detail pages fetched, parsed and revalidated are counted (a homepage has
 * none). `outstanding`: a column's pages with outstanding findings, as its task carries them.
 */
export async function crawlTarget(
  input: { portal: PortalConfig; scanId: string; asOf: string; target: ResolvedTarget; outstanding?: string[] },
  deps: CrawlTargetDeps,
): Promise<CrawledTarget> {
  const { target, outstanding, ...scan } = input;
  if (target.kind === 'homepage') {
    await crawlHomepage(scan, { fetcher: deps.fetcher, repo: deps.repo, recorded: deps.recorded, now: deps.now });
    return { pagesFetched: 0, pagesParsed: 0, revalidated: 0, revalidatedUnchanged: 0 };
  }
  const previous = deps.previousColumns ? (deps.previousColumns.get(target.column.id) ?? null) : undefined;
  const crawled = await crawlColumn(
    { ...scan, column: target.column, outstanding },
    {
      fetcher: deps.fetcher,
      repo: deps.repo,
      previous,
      recorded: deps.recorded,
      now: deps.now,
    },
  );
  const { pagesFetched, pagesParsed, revalidated, revalidatedUnchanged } = crawled;
  return { pagesFetched, pagesParsed, revalidated, revalidatedUnchanged, column: crawled.record };
}
