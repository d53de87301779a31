import { sha256 } from '../common/hash.ts';
import { addDays, dayNumber, daysBetween } from '../calendar/dates.ts';
import type { ItemSnapshot } from '../model/snapshot.ts';
import type { PageRecord } from '../store/records.ts';

// When a known detail page (详情页) is asked again. A page is fetched when it is new, when its
// list entry changed, or when it failed last time; a page whose list entry stayed the same is
// revalidated, with a conditional GET, when
// - it has an outstanding finding: every scan, so that an edited page resolves its finding the next day;
// - it is its turn on the rolling schedule: one day in `revalidateDays` (7), chosen by the hash of
//   its URL, so every page is seen weekly and each day costs about the same (one seventh of the
//   pages), unless it was fetched earlier the same day;
// - its record is `refreshDays` (30) old: the bound that still holds when scans skip days.
// An unchanged answer (304, or the same content) is not written back, except to keep the record
// younger than `refreshDays` (see `mustWrite`): a re-scan writes what changed, not what it asked.
// Revalidations are capped per column and scan (see `revalidationCap`), so a column whose every
// page has a finding cannot run its task past the Lambda's timeout day after day.

export type DueReason = 'new' | 'listing-changed' | 'failed' | 'outstanding' | 'aged' | 'rolling';

/** Reasons that ask again a page that was fine and listed the same: what the revalidation counters count. */
const REVALIDATIONS: ReadonlySet<DueReason> = new Set(['outstanding', 'aged', 'rolling']);
export const isRevalidation = (reason: DueReason) => REVALIDATIONS.has(reason);

export interface RevalidationSchedule {
  /** The scan's as-of day: whose turn it is on the rolling schedule. */
  asOf: string;
  /** The day the crawl runs (YYYY-MM-DD), by the clock that stamps `fetchedAt`. */
  today: string;
  /** URLs with an open or acknowledged finding. */
  outstanding: ReadonlySet<string>;
  refreshDays: number;
  revalidateDays: number;
}

/**
 * Whether `url` is asked on `asOf` by the rolling schedule. The turn hashes the path and query
 * only: a portal moving from http to https, or to a new host, keeps every page's turn.
 */
export function onRollingTurn(url: string, asOf: string, revalidateDays: number): boolean {
  const { pathname, search } = new URL(url);
  const turn = Number.parseInt(sha256(pathname + search).slice(0, 8), 16) % revalidateDays;
  return dayNumber(asOf) % revalidateDays === turn;
}

/**
 * Whether `url` had a rolling turn on a day after `since` up to `asOf`: days without a scan (a
 * weekend, a failed run) pass their turns to the next scan instead of skipping them. No `since`
 * (no scan before), or a week or more since: every URL.
 */
export function rollingTurnSince(url: string, since: string | null | undefined, asOf: string, days: number): boolean {
  const gap = since ? daysBetween(since, asOf) : days;
  if (gap >= days) return true;
  for (let d = 0; d < Math.max(gap, 1); d++) if (onRollingTurn(url, addDays(asOf, -d), days)) return true;
  return false;
}

/** Requests of one column's revalidations a scan may take: what fits in 150 s at the portal's interval. */
const REVALIDATION_BUDGET_MS = 150_000;

/**
 * How many revalidations one column's crawl starts in a scan: 300 at the default 500 ms between
 * requests, half the crawl-column Lambda's 5 minutes, whatever else the column has to fetch.
 */
export const revalidationCap = (minIntervalMs: number) =>
  Math.floor(REVALIDATION_BUDGET_MS / Math.max(minIntervalMs, 100));

/** Fetched first to last: what must be read, then the pages longest unseen, then findings, then turns. */
const PRIORITY: Record<DueReason, number> = {
  new: 0,
  'listing-changed': 0,
  failed: 0,
  aged: 1,
  outstanding: 2,
  rolling: 3,
};

/**
 * The due pages in the order they are fetched, the revalidations beyond `cap` left for a later
 * scan. Within a reason the order is shuffled by the day, so that when more are due than the cap,
 * a different share goes first each day rather than the same pages every day.
 */
export function scheduleDue<T extends { item: { url: string }; reason: DueReason }>(
  due: readonly T[],
  asOf: string,
  cap: number,
): { fetch: T[]; deferred: number } {
  const shuffled = (d: T) => (isRevalidation(d.reason) ? sha256(`${asOf} ${d.item.url}`) : '');
  const ordered = due
    .map((d, i) => ({ d, i, key: shuffled(d) }))
    .sort((a, b) => PRIORITY[a.d.reason] - PRIORITY[b.d.reason] || a.key.localeCompare(b.key) || a.i - b.i)
    .map((x) => x.d);
  let revalidations = 0;
  const fetch = ordered.filter((d) => !isRevalidation(d.reason) || ++revalidations <= cap);
  return { fetch, deferred: ordered.length - fetch.length };
}

/** Why the listed `item` is fetched this scan, or null when its stored `page` stands. */
export function dueReason(
  item: ItemSnapshot,
  page: PageRecord | undefined,
  schedule: RevalidationSchedule,
): DueReason | null {
  if (!page) return 'new';
  if (page.listTitle !== item.title || (page.listDate ?? null) !== item.date) return 'listing-changed';
  if (!page.fetch.ok) return 'failed';
  if (schedule.outstanding.has(item.url)) return 'outstanding';
  if (ageInDays(page, schedule.today) >= schedule.refreshDays) return 'aged';
  // A page fetched earlier the same day is as fresh as its turn would make it: a second scan that
  // day (a re-run, a check after a fix) does not ask the day's share again.
  if (ageInDays(page, schedule.today) >= 1 && onRollingTurn(item.url, schedule.asOf, schedule.revalidateDays))
    return 'rolling';
  return null;
}

/**
 * Whether a fetched page's record is written. New or changed content, a new list entry or a new
 * fetch outcome always is. An unchanged page is not, unless its record would reach `refreshDays`
 * before its next rolling turn: then `fetchedAt` is brought forward, once in about four weeks
 * with the defaults (its turn at 28 days, the first turn past 30 − 7 = 23), and the bound never
 * makes a page due that its turns already cover.
 */
export function mustWrite(
  got: { record: PageRecord; unchanged: boolean },
  known: PageRecord | undefined,
  schedule: Pick<RevalidationSchedule, 'today' | 'refreshDays' | 'revalidateDays'>,
): boolean {
  if (!known || !got.unchanged) return true;
  if (got.record.listTitle !== known.listTitle || (got.record.listDate ?? null) !== (known.listDate ?? null))
    return true;
  return ageInDays(known, schedule.today) >= schedule.refreshDays - schedule.revalidateDays;
}

/** Whole days since the page was last stored as fetched (a page never fetched is as old as can be). */
function ageInDays(page: PageRecord, today: string): number {
  return page.fetchedAt ? daysBetween(page.fetchedAt.slice(0, 10), today) : Number.POSITIVE_INFINITY;
}
