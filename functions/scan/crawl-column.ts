import { hashOf } from '../common/hash.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { ColumnRecord, PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { ColumnSnapshot } from '../model/snapshot.ts';
import { crawlDetailPages } from './detail-pages.ts';
import { readColumnList, type ColumnListing } from './list-pages.ts';
import { failStreakBefore, mustRestamp, recordedScans, type RecordedScans } from './recorded-scans.ts';

// Crawls one column (栏目): its list pages (list-pages.ts), then the detail pages that are due
// (detail-pages.ts), then its state, written only when something in it changed.

export interface CrawlColumnInput {
  portal: PortalConfig;
  column: ColumnConfig;
  scanId: string;
  asOf: string;
  /** The column's pages with open or acknowledged findings, asked again this scan (absent: read from the store). */
  outstanding?: readonly string[];
}

export interface CrawlColumnDeps {
  fetcher: Fetcher;
  repo: Repository;
  /** Known pages of the portal by URL, when the caller loaded them once for a whole scan. */
  knownPages?: Map<string, PageRecord>;
  /** The column's stored state when the caller already has it (undefined: read it; null: none). */
  previous?: ColumnRecord | null;
  /** Which scans are recorded, when the caller read it once for a whole scan (absent: read here). */
  recorded?: RecordedScans;
  now?: () => Date;
}

export interface CrawlColumnResult {
  columnId: string;
  snapshot: ColumnSnapshot;
  pagesFetched: number;
  pagesParsed: number;
  pagesWritten: number;
  /** Known pages asked again though listed the same, and how many came back unchanged. */
  revalidated: number;
  revalidatedUnchanged: number;
  columnWritten: boolean;
}

export async function crawlColumn(input: CrawlColumnInput, deps: CrawlColumnDeps): Promise<CrawlColumnResult> {
  const { portal, column, scanId, asOf } = input;
  const now = deps.now ?? (() => new Date());
  const [previous, recorded] = await Promise.all([
    deps.previous !== undefined ? deps.previous : deps.repo.getColumn(portal.id, column.id),
    deps.recorded ?? recordedScans(deps.repo, portal.id, scanId),
  ]);
  const listing = await readColumnList({ portal, column, asOf }, { fetcher: deps.fetcher, previous });
  const details = await crawlDetailPages(
    { portal, column, scanId, asOf, items: listing.items, outstanding: input.outstanding },
    { fetcher: deps.fetcher, repo: deps.repo, knownPages: deps.knownPages, now },
  );
  listing.warnings.push(...details.warnings);
  const columnWritten = await saveColumn(portal.id, { column, scanId, listing, previous, recorded }, deps.repo);
  const { fetch, listPages, items, placeholder, warnings } = listing;
  return {
    columnId: column.id,
    snapshot: { column, fetch, listPages, items, placeholder, warnings },
    pagesFetched: details.pagesFetched,
    pagesParsed: details.pagesParsed,
    pagesWritten: details.pagesWritten,
    revalidated: details.revalidated,
    revalidatedUnchanged: details.revalidatedUnchanged,
    columnWritten,
  };
}

/**
 * Writes the column's state unless it hashes as the stored one does and that one's stamp counts;
 * true when written. The failure streak adds this scan to what the last recorded scan left.
 */
async function saveColumn(
  portalId: string,
  crawled: {
    column: ColumnConfig;
    scanId: string;
    listing: ColumnListing;
    previous: ColumnRecord | null;
    recorded: RecordedScans;
  },
  repo: Repository,
): Promise<boolean> {
  const { column, listing, previous, recorded } = crawled;
  const recordedFailStreak = failStreakBefore(previous, recorded);
  const failStreak = listing.fetch.ok ? 0 : recordedFailStreak + 1;
  const state = { ...listing, failStreak };
  const stateHash = hashOf(state);
  if (previous?.stateHash === stateHash && !mustRestamp(previous.scanId, recorded)) return false;
  const record: ColumnRecord = {
    columnId: column.id,
    ...state,
    recordedFailStreak,
    stateHash,
    scanId: crawled.scanId,
  };
  await repo.putColumn(portalId, record);
  return true;
}
