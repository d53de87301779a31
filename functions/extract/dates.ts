// Dates as government pages print them: 2017-12-31, 2017/5/11 8:22:16, 2017.12.31,
// 2017年12月31日 17:35, and on list pages often without a year: [12-31], 12-31, 12月31日.
// Everything is returned as YYYY-MM-DD, and only real calendar dates are accepted.

export interface DateContext {
  /** YYYY-MM-DD the page was seen; a date without a year is the latest one not after it. */
  referenceDate?: string;
}

// A year, then month and day, separated by - / . or 年 月 (日 optional). Not glued to other digits,
// so "12:222026-07-13" (a malformed PubDate) does not yield a date starting at "222026".
const FULL_DATE = /(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?/g;
// Month and day only. The look-arounds keep it from matching inside a full date, a time, a
// range like "1-10月", or a version number.
const MONTH_DAY = /(?<![\d\-/.:年])(\d{1,2})\s*(?:(?:-|\/)\s*(\d{1,2})(?![\d\-/.:月日号])|月\s*(\d{1,2})\s*日)/g;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when y-m-d is a real calendar date, else null. */
export function toIsoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Every full (year-month-day) date in a text, in order of appearance. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FULL_DATE)) {
    const iso = toIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) out.push(iso);
  }
  return out;
}

/** The latest real date with this month and day that is not after the reference date. */
function resolveMonthDay(month: number, day: number, referenceDate: string): string | null {
  const refYear = Number(referenceDate.slice(0, 4));
  if (!Number.isFinite(refYear)) return null;
  // Going back up to 8 years finds the previous 02-29 too.
  for (let y = refYear; y >= refYear - 8; y -= 1) {
    const iso = toIsoDate(y, month, day);
    if (iso && iso <= referenceDate) return iso;
  }
  return null;
}

/**
 * The first date in a text, as YYYY-MM-DD. Full dates win over month-day forms anywhere in the
 * text; a month-day date is resolved against `referenceDate` (today when none is given).
 */
export function parseDate(text: string, context: DateContext = {}): string | null {
  const full = findDates(text);
  if (full.length > 0) return full[0]!;
  for (const m of text.matchAll(MONTH_DAY)) {
    const month = Number(m[1]);
    const day = Number(m[2] ?? m[3]);
    const iso = resolveMonthDay(month, day, context.referenceDate ?? todayIso());
    if (iso) return iso;
  }
  return null;
}

// A label in front of a date cell ("发布日期：", "[发布时间]") and brackets around it ("[12-31]").
const CELL_LABEL = /^[[【(（]?\s*(?:发布|公布|成文|生成|印发|更新)?(?:日期|时间)\s*[\]】)）]?\s*[:：]?\s*/;
const TIME = /(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/;
const CELL = new RegExp(
  '^[\\[【(（]?\\s*(' +
    '(?:19|20)\\d{2}\\s*(?:[-/.]|年)\\s*\\d{1,2}\\s*(?:[-/.]|月)\\s*\\d{1,2}\\s*日?' +
    '|\\d{1,2}\\s*(?:-|/)\\s*\\d{1,2}' +
    '|\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日' +
    ')' +
    TIME.source +
    '\\s*[\\]】)）]?$',
);

/**
 * The date when a text is nothing but a date (a list's date cell: "2017-12-05", "[12-05]",
 * "发布日期：2017年12月5日 10:00"), else null. A date inside a sentence does not count.
 */
export function parseDateCell(text: string, context: DateContext = {}): string | null {
  const t = text
    .replace(/[\s\u00a0\u3000\u200b]+/g, ' ')
    .trim()
    .replace(CELL_LABEL, '');
  return CELL.test(t) ? parseDate(t, context) : null;
}
