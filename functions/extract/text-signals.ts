import { parseDate, toIsoDate } from './dates.ts';
import { findPersonalData, maskPersonalData } from './personal-data.ts';
import type { TextSignals } from '../model/snapshot.ts';
import type { TableNumbers } from './table-banking.ts';

// What the text rules need from a page body, read once at crawl time so rules stay pure and the
// store never keeps whole bodies: stated periods (expired-content), personal data, masked
// (privacy-exposure), old institution names (obsolete-name) and cited 《titles》 (missing-interpretation).

export interface TextSignalOptions {
  /** Old institution names (config `obsoleteNames[].old`) to look for. */
  obsoleteNames: string[];
  /**
   * Current names (config `obsoleteNames[].new`): removed before searching, so an old name that
   * only occurs inside a new one is not reported.
   */
  currentNames?: string[];
  /** YYYY-MM-DD the page was seen: dates a period written without any year (“10月9日至10月18日”). */
  referenceDate?: string;
  /** Long numbers of the page's tables, by the column they stand in (DetailPage.tableNumbers). */
  tableNumbers?: TableNumbers;
}

const FULL = String.raw`(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*日?`;
const MONTH_DAY = String.raw`\d{1,2}\s*月\s*\d{1,2}\s*日`;
const DATE = `(?:${FULL}|${MONTH_DAY})`;
const TO = String.raw`\s*(?:至|到|—|－|-|~|～)\s*`;
const SEP = String.raw`\s*(?:为|是)?\s*[：:]?\s*`;

// Range forms: “公示期为2017年10月9日至2017年10月18日”, “有效期：…至…”, “自…起至…止”.
const RANGE_LABEL = '(?:有效期限?|公示期限?|公示时间|公示日期|公告期限?|公告时间|报名时间|征求意见时间|意见反馈时间)';
const RANGES = [
  // “公示期为7个工作日，自…至…”: the length may come first.
  new RegExp(
    `${RANGE_LABEL}${SEP}(?:\\d+\\s*个?(?:工作日|日|天)\\s*[，,、]?\\s*)?(?:自\\s*)?(${DATE})\\s*(?:起)?${TO}(${DATE})\\s*止?`,
    'g',
  ),
  // “自…起至…” / “自…至…止”: one of 起/止 is required, a bare “自…至…” is usually a reporting range.
  new RegExp(`自\\s*(${DATE})\\s*起\\s*至\\s*(${DATE})\\s*止?`, 'g'),
  new RegExp(`自\\s*(${DATE})\\s*至\\s*(${DATE})\\s*止`, 'g'),
];
// End-only forms: “有效期至2018年3月1日”, “报名截止时间：2017年11月30日”, “截止日期 2017-12-31”.
// A year is required here: a bare month-day deadline cannot be placed in a year safely.
const ENDS = [
  new RegExp(`有效期限?${SEP}(?:至|到|截至|截止)\\s*(${FULL})`, 'g'),
  new RegExp(`(?:报名|申请|受理|报送|提交)?截止(?:时间|日期)?${SEP}(?:到|至)?\\s*(${FULL})`, 'g'),
];

function withYear(text: string, year: string | null, referenceDate: string | undefined): string | null {
  if (/(?:19|20)\d{2}/.test(text)) return parseDate(text);
  const m = /(\d{1,2})\s*月\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  if (year) return toIsoDate(Number(year), Number(m[1]), Number(m[2]));
  return referenceDate ? parseDate(text, { referenceDate }) : null;
}

function readPeriods(text: string, referenceDate: string | undefined): { text: string; ends: string }[] {
  const out: { text: string; ends: string; start: number; end: number }[] = [];
  const overlaps = (s: number, e: number) => out.some((p) => s < p.end && p.start < e);
  const add = (m: RegExpMatchArray, ends: string | null) => {
    const start = m.index!;
    const end = start + m[0].length;
    if (!ends || overlaps(start, end)) return;
    out.push({ text: m[0].replace(/\s+/g, ' ').trim().slice(0, 60), ends, start, end });
  };
  for (const re of RANGES) {
    for (const m of text.matchAll(re)) {
      const from = withYear(m[1]!, null, referenceDate);
      let ends = withYear(m[2]!, from?.slice(0, 4) ?? null, referenceDate);
      // “12月20日至1月5日”: the end falls in the next year.
      if (from && ends && ends < from && !/(?:19|20)\d{2}/.test(m[2]!)) {
        ends = withYear(m[2]!, String(Number(from.slice(0, 4)) + 1), referenceDate);
      }
      add(m, ends);
    }
  }
  for (const re of ENDS) for (const m of text.matchAll(re)) add(m, parseDate(m[1]!));
  return out.sort((a, b) => a.start - b.start).map(({ text: t, ends }) => ({ text: t, ends }));
}

function readCites(text: string): string[] {
  const titles = new Set<string>();
  for (const m of text.matchAll(/《([^《》\n]{1,100})》/g)) {
    const t = m[1]!.trim();
    if (t) titles.add(t);
    if (titles.size >= 10) break;
  }
  return [...titles];
}

export function readTextSignals(bodyText: string, opts: TextSignalOptions): TextSignals {
  // Everything but `personal` is read from the masked text, so no signal can carry a clear number.
  const layout = { accountNumbers: opts.tableNumbers?.account, otherNumbers: opts.tableNumbers?.other };
  const safe = maskPersonalData(bodyText, layout);
  const periods = readPeriods(safe, opts.referenceDate);
  const personal = findPersonalData(bodyText, layout);
  let plain = safe;
  for (const n of opts.currentNames ?? []) if (n) plain = plain.split(n).join('\u0000');
  const obsoleteNames = [...new Set(opts.obsoleteNames.filter((n) => n && plain.includes(n)))];
  const cites = readCites(safe);
  return {
    ...(periods.length ? { periods } : {}),
    ...(personal.length ? { personal } : {}),
    ...(obsoleteNames.length ? { obsoleteNames } : {}),
    ...(cites.length ? { cites } : {}),
  };
}
