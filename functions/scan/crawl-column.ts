import { hashOf } from '../common/hash.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { ColumnRecord, PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { ColumnSnapshot } from '../model/snapshot.ts';
import { crawlDetailPages } from './detail-pages.ts';
import { readColumnList, type ColumnListing } from './list-pages.ts';

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
  const previous = deps.previous !== undefined ? deps.previous : await deps.repo.getColumn(portal.id, column.id);
  const listing = await readColumnList({ portal, column, asOf }, { fetcher: deps.fetcher, previous });
  const details = await crawlDetailPages(
    { portal, column, asOf, items: listing.items, outstanding: input.outstanding },
    { fetcher: deps.fetcher, repo: deps.repo, knownPages: deps.knownPages, now },
  );
  listing.warnings.push(...details.warnings);
  const columnWritten = await saveColumn(portal.id, { column, scanId, listing, previous }, deps.repo);
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

/** Writes the column's state unless it hashes as the stored one does; true when written. */
async function saveColumn(
  portalId: string,
  crawled: { column: ColumnConfig; scanId: string; listing: ColumnListing; previous: ColumnRecord | null },
  repo: Repository,
): Promise<boolean> {
  const { column, listing, previous } = crawled;
  const failStreak = listing.fetch.ok ? 0 : (previous?.failStreak ?? 0) + 1;
  const state = { ...listing, failStreak };
  const stateHash = hashOf(state);
  if (previous?.stateHash === stateHash) return false;
  const record: ColumnRecord = { columnId: column.id, ...state, stateHash, scanId: crawled.scanId };
  await repo.putColumn(portalId, record);
  return true;
}
