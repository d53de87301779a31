// Calendar-date arithmetic on YYYY-MM-DD strings. Dates are civil dates with no time zone: every
// computation runs on whole UTC days, so the host's TZ (a laptop in New York, a Lambda in UTC)
// can never shift a date by one.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws on anything that is not a real date. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date: expected YYYY-MM-DD, e.g. "2017-09-30"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2017-02-30 over to March; a rolled-over date is a typo, not a date.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`"${date}" is not a calendar date (no such day in that month)`);
  }
  return Math.round(ms / DAY_MS);
}

/** The YYYY-MM-DD date of a day number (inverse of `dayNumber`). */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** Calendar days from `a` to `b` (negative when `b` is earlier): daysBetween('2018-01-01', '2018-01-15') = 14. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** The newest of some dates (null when there is none); YYYY-MM-DD sorts as text. */
export function latestDate(dates: Iterable<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || d > best)) best = d;
  return best;
}

/**
 * Today's date in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a
 * fixed offset is exact and needs no ICU time-zone data (Lambda's Node can lack it).
 */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The ISO 8601 week of a date as "YYYY-Www" (weeks start on Monday; week 1 holds the year's
 * first Thursday), e.g. isoWeek('2018-01-01') = "2018-W01", isoWeek('2016-01-01') = "2015-W53".
 * The weekly digest keys its idempotency on it.
 */
export function isoWeek(date: string): string {
  const n = dayNumber(date);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = n - weekday + 3; // the Thursday of this week decides its year
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
