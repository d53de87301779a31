import { daysBetween, latestDate } from '../calendar/dates.ts';
import { CalendarCoverageError, type WorkingCalendar } from '../calendar/working-days.ts';
import type { ColumnSnapshot, FetchOutcome, ItemSnapshot, PageSnapshot, PortalSnapshot } from '../model/snapshot.ts';

// Small questions several rules ask of a snapshot, answered once so the rules agree.

/** The URL is gone for good (404/410): a missing column or a broken link, never an outage. */
export const isGone = (fetch: FetchOutcome) => !fetch.ok && (fetch.status === 404 || fetch.status === 410);

/**
 * The server could not be reached or failed: timeout, connection or TLS error (no status), or
 * 5xx. 401/403/429 are the server refusing a robot, which proves nothing about the public.
 */
export const isUnreachable = (fetch: FetchOutcome) => !fetch.ok && (fetch.status === undefined || fetch.status >= 500);

// Texts CMSs show instead of content. Matched against the whole title (after removing spaces
// and punctuation) so a real title such as “关于暂无违法用地的说明” is never taken for one.
const PLACEHOLDER =
  /^(?:(?:本|该)?栏目)?(?:暂无|暂时没有|目前没有|暂未发布|没有|无)(?:相关)?(?:信息|内容|数据|记录|文件|公开信息)?(?:发布|公开)?$|^(?:本|该)?(?:栏目|页面|网站)?(?:正在)?建设中$|^敬请期待$|^(?:内容)?待(?:更新|补充)$/;

export function isPlaceholderTitle(title: string): boolean {
  const bare = title.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
  return bare === '' || PLACEHOLDER.test(bare);
}

/** Items that are real entries, not a placeholder row. */
export const realItems = (items: ItemSnapshot[]) => items.filter((i) => !isPlaceholderTitle(i.title));

export function columnById(snapshot: PortalSnapshot, id: string): ColumnSnapshot | undefined {
  return snapshot.columns.find((c) => c.column.id === id);
}

/** The date a column's list shows for a URL, if any column lists it with one. */
export function listDateOf(snapshot: PortalSnapshot, url: string): string | null {
  for (const c of snapshot.columns) for (const i of c.items) if (i.url === url && i.date) return i.date;
  return null;
}

/** When a page was published: its own 发布日期, else the date its list shows, else null. */
export const publishedOf = (snapshot: PortalSnapshot, page: PageSnapshot): string | null =>
  page.publishedDate ?? listDateOf(snapshot, page.url);

/** How a finding names a page: its title, else its URL. */
export const pageTitle = (page: PageSnapshot): string => page.title?.trim() || page.url;

/** Dates on or before `asOf`: an item dated later is either a typo or, when replaying a saved
 *  portal with --as-of, did not exist yet; either way it proves no update as of that day. */
export const datesUpTo = (items: ItemSnapshot[], asOf: string) =>
  items.map((i) => i.date).filter((d): d is string => d !== null && d <= asOf);

/**
 * How fresh the homepage is: its newest dated item, or for a navigation-only homepage the
 * newest item of any column (the inspection then looks at second-level pages).
 */
export function homepageFreshness(snapshot: PortalSnapshot, asOf: string) {
  const own = latestDate(datesUpTo(snapshot.homepage.items, asOf));
  const source: 'homepage' | 'columns' = own !== null ? 'homepage' : 'columns';
  const newest = own ?? latestDate(snapshot.columns.flatMap((c) => datesUpTo(c.items, asOf)));
  return { source, newest, ageDays: newest === null ? null : daysBetween(newest, asOf) };
}

/**
 * Working days from `from` to `to` (negative when `to` is earlier), or null when a date lies
 * outside the years the calendar carries: such a page is skipped, never counted by weekdays.
 */
export function workingDaysOrNull(calendar: WorkingCalendar, from: string, to: string): number | null {
  try {
    return from <= to ? calendar.workingDaysBetween(from, to) : -calendar.workingDaysBetween(to, from);
  } catch (e) {
    if (e instanceof CalendarCoverageError) return null;
    throw e;
  }
}
