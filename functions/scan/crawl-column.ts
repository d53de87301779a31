import { hashOf, sha256 } from '../common/hash.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { ColumnRecord, PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { ColumnSnapshot } from '../model/snapshot.ts';
import { crawlDetailPages } from './detail-pages.ts';
import { readColumnList, type ColumnListing } from './list-pages.ts';
import { failStreakBefore, mustRestamp, recordedScans, type RecordedScans } from './recorded-scans.ts';
import { isAttachmentUrl } from '../extract/text.ts';
import { portalHosts } from './portal-hosts.ts';
import { itemRoomFor, listedPages, packPages, pagesOfColumn } from './column-pages.ts';

// Crawls one column (栏目): its list pages (list-pages.ts), then the detail pages that are due
// (detail-pages.ts), then its state with its pages' records (column-pages.ts), written only when
// something in it changed. The stored pages come from the column's own record, not a read a page.

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
  /** The column's state as it stands after the crawl (written or not). */
  record: ColumnRecord;
}

export async function crawlColumn(input: CrawlColumnInput, deps: CrawlColumnDeps): Promise<CrawlColumnResult> {
  const { portal, column, scanId, asOf } = input;
  const now = deps.now ?? (() => new Date());
  const [previous, recorded] = await Promise.all([
    deps.previous !== undefined ? deps.previous : deps.repo.getColumn(portal.id, column.id),
    deps.recorded ?? recordedScans(deps.repo, portal.id, scanId),
  ]);
  const [listing, stored] = await Promise.all([
    readColumnList({ portal, column, asOf }, { fetcher: deps.fetcher, previous }),
    // A column that could not carry its pages' links reads them from the page records, so that
    // a page written back keeps its links and the next pack can carry them again.
    pagesOfColumn(portal.id, previous, deps.repo, { needLinks: true }),
  ]);
  const known = new Map(stored.map((p) => [p.url, p]));
  // Listed pages the column does not carry: new ones, a page another column listed first, or the
  // pages a killed first crawl of this column already stored (its retry starts from them).
  // Only what the crawl could have stored: not attachments or other hosts' pages, read in vain every scan.
  const hosts = portalHosts(portal);
  const uncarried = listing.items
    .filter((i) => !known.has(i.url) && hosts.has(new URL(i.url).host) && !isAttachmentUrl(i.url))
    .map((i) => i.url);
  if (uncarried.length) for (const p of await deps.repo.getPages(portal.id, uncarried)) known.set(p.url, p);
  const details = await crawlDetailPages(
    { portal, column, scanId, asOf, items: listing.items, outstanding: input.outstanding },
    { fetcher: deps.fetcher, repo: deps.repo, knownPages: known, recorded, now },
  );
  listing.warnings.push(...details.warnings);
  const pages = listedPages(listing.items, known);
  const { written: columnWritten, record } = await saveColumn(
    portal.id,
    { column, scanId, listing, pages, previous, recorded },
    deps.repo,
  );
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
    record,
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
    pages: PageRecord[];
    previous: ColumnRecord | null;
    recorded: RecordedScans;
  },
  repo: Repository,
): Promise<{ written: boolean; record: ColumnRecord }> {
  const { column, listing, pages, previous, recorded } = crawled;
  const recordedFailStreak = failStreakBefore(previous, recorded);
  const failStreak = listing.fetch.ok ? 0 : recordedFailStreak + 1;
  const state = { ...listing, failStreak };
  // Plain JSON, not canonical: carried pages come back from the record's own JSON in the order
  // they were written, so an unchanged column serialises the same, at a fraction of the cost.
  // Pages read from their own records come back in DynamoDB's attribute order: canonical then.
  const pagesJson = JSON.stringify(pages);
  const fromPageRecords = previous !== null && (!previous.pagesZ || previous.pagesTrimmed === true);
  const stateHash = hashOf({ ...state, pages: fromPageRecords ? hashOf(pages) : sha256(pagesJson) });
  if (previous?.stateHash === stateHash && !mustRestamp(previous.scanId, recorded))
    return { written: false, record: previous };
  const bare: ColumnRecord = { columnId: column.id, ...state, recordedFailStreak, stateHash, scanId: crawled.scanId };
  const record: ColumnRecord = { ...bare, ...packPages(pages, pagesJson, itemRoomFor(bare)) };
  await repo.putColumn(portalId, record);
  return { written: true, record };
}
