import { isAttachmentUrl } from '../extract/text.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { ItemSnapshot } from '../model/snapshot.ts';
import type { PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { runQueue } from '../local/work-queue.ts';
import { fetchDetailPage } from './detail-page.ts';
import { awaitsReply, isInteraction, needsMessagePage } from './message-record.ts';
import { outstandingUrls } from './outstanding-pages.ts';
import { portalHosts } from './portal-hosts.ts';
import {
  dueReason,
  isRevalidation,
  mustWrite,
  revalidationCap,
  scheduleDue,
  type RevalidationSchedule,
} from './revalidation.ts';
import { crawlSettings } from './settings.ts';
import { classify } from '../net/link-checker.ts';
import { streakBefore } from './check-links.ts';
import type { RecordedScans } from './recorded-scans.ts';

// The detail pages (详情页) a column lists that are due this scan (revalidation.ts says which and
// why), fetched and stored. Pages are parsed one at a time and only their metadata is kept, so
// memory does not grow with the size of the portal.

/** One BatchWriteItem's worth of pages. */
const PAGE_WRITE_BATCH = 25;

export interface DetailPagesCrawl {
  pagesFetched: number;
  pagesParsed: number;
  pagesWritten: number;
  /** Known pages asked again though listed the same (outstanding, rolling turn, age), and how many of them came back unchanged. */
  revalidated: number;
  revalidatedUnchanged: number;
  /** One a page that failed, sorted. */
  warnings: string[];
}

/**
 * Fetches the due pages among `items` and stores those that changed. `knownPages` is read and
 * brought up to date with what was written. `outstanding`: the column's pages with open or
 * acknowledged findings, as the plan gave them; absent, they are read from the store.
 */
export async function crawlDetailPages(
  input: {
    portal: PortalConfig;
    column: ColumnConfig;
    /** Stamps the pages it stores first (recorded-scans.ts). */
    scanId?: string;
    asOf: string;
    items: ItemSnapshot[];
    outstanding?: readonly string[];
  },
  deps: {
    fetcher: Fetcher;
    repo: Repository;
    /** The column's stored pages by URL (crawl-column.ts reads them from the column record); updated with what is written. */
    knownPages: Map<string, PageRecord>;
    /** Which scans are recorded: a failing page's broken streak counts only those (absent: none before this one). */
    recorded?: RecordedScans;
    now: () => Date;
  },
): Promise<DetailPagesCrawl> {
  const { portal, column, scanId, asOf } = input;
  const { now } = deps;
  const settings = crawlSettings(portal);
  const hosts = portalHosts(portal);
  const known = deps.knownPages;
  const schedule: RevalidationSchedule = {
    asOf,
    today: now().toISOString().slice(0, 10),
    outstanding: new Set(input.outstanding ?? outstandingUrls(await deps.repo.listFindings(portal.id))),
    refreshDays: settings.refreshDays,
    revalidateDays: settings.revalidateDays,
  };
  let pagesFetched = 0;
  let pagesParsed = 0;
  let revalidated = 0;
  let revalidatedUnchanged = 0;
  const toWrite: PageRecord[] = [];
  // Written a batch at a time as pages come in, not at the end: a crawl that dies (a Lambda
  // timeout on a huge first scan) keeps what it fetched, and its retry finds those pages fresh.
  let unwritten: PageRecord[] = [];
  const keep = async (page: PageRecord) => {
    toWrite.push(page);
    unwritten.push(page);
    if (unwritten.length < PAGE_WRITE_BATCH) return;
    const batch = unwritten;
    unwritten = [];
    await deps.repo.putPages(portal.id, batch);
  };
  const warnings: string[] = [];
  const cap = revalidationCap(settings.minIntervalMs);
  const { fetch: due, deferred } = scheduleDue(
    input.items.flatMap((item) => {
      if (!hosts.has(new URL(item.url).host) || isAttachmentUrl(item.url)) return [];
      const page = known.get(item.url);
      // A message whose list row says all the rules need is not fetched; one still awaiting its
      // reply is asked again every scan (its list entry may not change when the answer comes).
      if (isInteraction(column) && !needsMessagePage(item, page)) return [];
      const reason =
        dueReason(item, page, schedule) ?? (isInteraction(column) && awaitsReply(page) ? 'outstanding' : null);
      return reason ? [{ item, reason }] : [];
    }),
    asOf,
    cap,
  );
  // A detail page warning (detail-page.ts), so a column state reused tomorrow does not carry it over.
  if (deferred > 0)
    warnings.push(`detail page revalidations: ${deferred} left for a later scan (at most ${cap} a scan)`);

  let failed = false;
  const crawlDetail = async ({ item, reason }: (typeof due)[number]) => {
    const listed = { url: item.url, columnId: column.id, listTitle: item.title, listDate: item.date };
    const stored = known.get(item.url);
    const fetched = await fetchDetailPage(listed, stored, { portal, scanId, asOf, fetcher: deps.fetcher, now });
    const recorded = deps.recorded ?? { current: scanId ?? '', last: null };
    const got = { ...fetched, record: withBrokenStreak(fetched.record, stored, recorded, asOf) };
    if (failed) return; // the task has failed; this page is fetched again on the retry
    pagesFetched += 1;
    if (got.detail) pagesParsed += 1;
    if (got.warning) warnings.push(got.warning);
    if (isRevalidation(reason)) {
      revalidated += 1;
      if (got.unchanged) revalidatedUnchanged += 1;
    }
    if (mustWrite(got, stored, schedule)) await keep(got.record);
  };
  // A few lanes per host keep its gate busy without queueing the whole column at once: after a
  // failure (the store refusing a batch) no new page is started, and nothing is written late.
  const settled = await runQueue(due, 2 * settings.concurrency * hosts.size, async (it) => {
    if (failed) return;
    try {
      await crawlDetail(it);
    } catch (e) {
      failed = true;
      throw e;
    }
  });
  // Even when the crawl failed, the pages fetched so far are kept: the retry starts from them.
  if (unwritten.length > 0) await deps.repo.putPages(portal.id, unwritten);
  for (const p of toWrite) known.set(p.url, p);
  const failure = settled.find((r) => !r.ok);
  if (failure && !failure.ok) throw failure.error;
  // Sorted: fetches finish in any order, and the column's state must hash the same when nothing changed.
  return {
    pagesFetched,
    pagesParsed,
    pagesWritten: toWrite.length,
    revalidated,
    revalidatedUnchanged,
    warnings: warnings.sort(),
  };
}

/**
 * The page's record with its broken streak: a page that fails as a broken link would is judged as
 * one (two scans in a row), by its own record rather than a link record of its own.
 */
export function withBrokenStreak(
  record: PageRecord,
  stored: PageRecord | undefined,
  recorded: RecordedScans,
  asOf: string,
): PageRecord {
  const { broken: _was, ...page } = record;
  if (classify(record.fetch) !== 'broken') return page;
  const base = stored?.broken ? streakBefore(stored.broken, recorded) : { brokenStreak: 0 };
  const brokenStreak = Math.min(2, base.brokenStreak + 1);
  const brokenSince = base.brokenStreak ? (base.brokenSince ?? asOf) : asOf;
  return { ...page, broken: { brokenStreak, brokenSince, scanId: recorded.current, recordedStreak: base } };
}
