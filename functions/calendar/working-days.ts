import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { dayNumber, fromDayNumber } from './dates.ts';

// Chinese working days (工作日): weekends and statutory holidays off, the make-up working days
// (调休, e.g. Saturday 2017-09-30) on — the count the 20-working-day rule of 条例 Art. 26 uses.
//
// The data is chinese-days' published JSON (the State Council's yearly 节假日安排, 2004 onwards),
// not its JS functions: those build their tables through local-time Date objects and shift every
// date by one day on a host west of UTC (checked: 2017-09-30 comes out a day off in New York).
//
// Outside the years the package carries, the calendar THROWS a CalendarCoverageError instead of
// falling back to weekday-only counting: docs/rules.md forbids weekday counts, and a silent fallback
// would mis-date every late-publication finding across a 国庆/春节 week without anyone noticing.
// The fix is an `npm update chinese-days` once the next year's schedule is out (each November).

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** Working days d with from < d <= to; 0 when to <= from. */
  workingDaysBetween(from: string, to: string): number;
  /** The n-th working day after `date` (n > 0), before it (n < 0), or `date` itself (n = 0). */
  addWorkingDays(date: string, n: number): string;
}

export class CalendarCoverageError extends RangeError {
  constructor(
    readonly date: string,
    readonly coverage: { first: string; last: string },
    what = date,
  ) {
    super(
      `working-day calendar: ${what} is outside the years the chinese-days package carries ` +
        `(${coverage.first} … ${coverage.last}). Update it (npm update chinese-days) once the State ` +
        `Council has published that year's holiday schedule; weekday-only counting is never used.`,
    );
    this.name = 'CalendarCoverageError';
  }
}

interface Table {
  first: number;
  /** cumulative[i] = working days in [first, first + i]. */
  cumulative: Int32Array;
  coverage: { first: string; last: string };
}

let table: Table | null = null;

/** Built on first use: one pass over ~8 400 days, then every question is an array lookup. */
function getTable(): Table {
  if (table) return table;
  const holidays = schedule.holidays as Record<string, string>;
  const workdays = schedule.workdays as Record<string, string>;
  // A year is covered when the package lists holidays in it (every year has 元旦 and 春节).
  const years = Object.keys(holidays).map((d) => Number(d.slice(0, 4)));
  const coverage = { first: `${Math.min(...years)}-01-01`, last: `${Math.max(...years)}-12-31` };
  const first = dayNumber(coverage.first);
  const length = dayNumber(coverage.last) - first + 1;
  const cumulative = new Int32Array(length);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const n = first + i;
    const date = fromDayNumber(n);
    const weekday = new Date(n * 86_400_000).getUTCDay();
    const working = date in workdays || (weekday !== 0 && weekday !== 6 && !(date in holidays));
    if (working) count += 1;
    cumulative[i] = count;
  }
  table = { first, cumulative, coverage };
  return table;
}

/** The first and last date the calendar can answer for. */
export function calendarCoverage(): { first: string; last: string } {
  return { ...getTable().coverage };
}

export function isCoveredDate(date: string): boolean {
  const t = getTable();
  const i = dayNumber(date) - t.first;
  return i >= 0 && i < t.cumulative.length;
}

function index(t: Table, date: string): number {
  const i = dayNumber(date) - t.first;
  if (i < 0 || i >= t.cumulative.length) throw new CalendarCoverageError(date, t.coverage);
  return i;
}

/** Working days in [coverage start, date], read from the table. */
const at = (t: Table, i: number) => t.cumulative[i] ?? 0;

/** Smallest index whose cumulative count reaches `target` (cumulative is non-decreasing). */
function firstReaching(t: Table, target: number): number {
  let lo = 0;
  let hi = t.cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(t, mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export const chineseWorkingCalendar: WorkingCalendar = {
  isWorkingDay(date) {
    const t = getTable();
    const i = index(t, date);
    return at(t, i) - (i > 0 ? at(t, i - 1) : 0) === 1;
  },

  workingDaysBetween(from, to) {
    if (dayNumber(to) <= dayNumber(from)) return 0;
    const t = getTable();
    return at(t, index(t, to)) - at(t, index(t, from));
  },

  addWorkingDays(date, n) {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number, got ${n}`);
    const t = getTable();
    const i = index(t, date);
    if (n === 0) return date;
    // n > 0: the first day after `date` by which n working days have passed.
    // n < 0: the working day that has |n| working days in [it, date) — i.e. |n| working days back.
    const before = i > 0 ? at(t, i - 1) : 0; // working days strictly before `date`
    const target = n > 0 ? at(t, i) + n : before + n + 1;
    const j = target <= 0 ? -1 : firstReaching(t, target);
    if (j < 0 || j >= t.cumulative.length) {
      throw new CalendarCoverageError(date, t.coverage, `${date} ${n > 0 ? '+' : ''}${n} working days`);
    }
    return fromDayNumber(t.first + j);
  },
};
