import { chineseWorkingCalendar, isCoveredDate, type WorkingCalendar } from '../calendar/working-days.ts';
import type { ColumnKind, PortalConfig } from '../config/schema.ts';
import { departmentOf, SITE_DEPARTMENT } from '../common/department.ts';
import {
  interpretationFinder,
  isInterpretation,
  isPolicyDocument,
  policyPaper,
  type PolicyPaper,
} from '../rules/interpretation-match.ts';
import type { ColumnRecord, PageRecord } from '../store/records.ts';
import { guideStats, type GuideStats } from './guides.ts';

// The numbers a bureau's annual report (政府信息公开工作年度报告, section 一) needs, read from what
// was crawled rather than from memory: "2017年网上公开信息145条：土地利用方面信息29条 …".
//
// Counting rules (kept simple on purpose, so a 信息员 can check any number by hand):
// - Only items currently listed in a configured column count (homepage boxes do not; a page left
//   in the store whose list entry is gone does not).
// - An item's publication date is its page's 发布日期, else the date its list shows. It counts for
//   the year that date falls in. Items with neither date are `undated` and in no year's total.
// - `interaction` columns (领导信箱, 咨询留言) are left out: their items are citizens' messages,
//   not information the bureau published.
// - Each URL counts once: an item listed in several columns counts for the first column in config
//   order (and its department).
// - Timeliness (条例 Art. 26, 20 working days from 成文 to 公开, Chinese working days with 调休):
//   the year's items whose page shows a 成文日期 and that have a publication date (the page's, else
//   the list's — the date the late-publication rule uses too). `static` columns are left out, as
//   the rule leaves them out. Dates the working-day calendar does not cover are `unknown`, not
//   counted either way (weekday-only counting is never used). Published before formed = on time.
// - Policy documents: the year's items in `policy` columns that are not themselves a 解读. A
//   document "has an interpretation" when some 解读 of any year (an item of an `interpretation`
//   column, or any listed item whose title says 解读) explains it, as interpretation-match decides
//   for the missing-interpretation rule too: the report and the findings never disagree.

export const TIMELY_WORKING_DAYS = 20;

export interface ColumnStats {
  columnId: string;
  name: string;
  kind: ColumnKind;
  department: string | null;
  /** Items published in the year. */
  count: number;
  /** Items of the column without any date (in no year). */
  undated: number;
  /** Of `count`: items judged for timeliness, and those later than 20 working days. */
  withBothDates: number;
  late: number;
}

export interface LateItem {
  columnId: string;
  url: string;
  title: string;
  generatedDate: string;
  publishedDate: string;
  workingDays: number;
}

export interface AnnualStats {
  portalId: string;
  portalName: string;
  year: number;
  total: number;
  /** Items with no date at all (not in `total`). */
  undated: number;
  byColumn: ColumnStats[];
  byDepartment: { department: string; count: number }[];
  /** Items per month, January first. */
  byMonth: number[];
  timeliness: {
    limitWorkingDays: number;
    withBothDates: number;
    within20WorkingDays: number;
    late: number;
    /** Items with both dates that the working-day calendar cannot judge. */
    unknown: number;
    /** within / withBothDates, or null when nothing could be judged. */
    share: number | null;
    lateItems: LateItem[];
  };
  policy: {
    documents: number;
    withInterpretation: number;
    withoutInterpretation: number;
    without: { columnId: string; url: string; title: string }[];
  };
  /** 办事指南 with every element they owe, among the guides listed now (stats/guides.ts). */
  guides: GuideStats;
}

export interface AnnualStatsInput {
  portal: PortalConfig;
  year: number;
  columns: ColumnRecord[];
  pages: PageRecord[];
  /** Defaults to the Chinese working-day calendar. */
  calendar?: WorkingCalendar;
}

export function annualStats(input: AnnualStatsInput): AnnualStats {
  const { portal, year } = input;
  const calendar = input.calendar ?? chineseWorkingCalendar;
  const yearPrefix = `${String(year).padStart(4, '0')}-`;
  const pages = new Map(input.pages.map((p) => [p.url, p]));
  const records = new Map(input.columns.map((c) => [c.columnId, c]));
  const seen = new Set<string>();

  const byColumn: ColumnStats[] = [];
  const byMonth = Array.from({ length: 12 }, () => 0);
  const timeliness = { withBothDates: 0, within: 0, late: 0, unknown: 0, lateItems: [] as LateItem[] };
  const documents: (PolicyPaper & { columnId: string })[] = [];
  const interpretations: PolicyPaper[] = [];
  let undated = 0;

  for (const column of portal.columns) {
    if (column.kind === 'interaction') continue; // citizens' messages, not information the bureau published
    const stats: ColumnStats = {
      columnId: column.id,
      name: column.name,
      kind: column.kind,
      department: column.department ?? null,
      count: 0,
      undated: 0,
      withBothDates: 0,
      late: 0,
    };
    byColumn.push(stats);
    for (const item of records.get(column.id)?.items ?? []) {
      if (seen.has(item.url)) continue;
      seen.add(item.url);
      const page = pages.get(item.url);
      const paper = policyPaper(item.url, item.title, page);
      const title = paper.title;
      if (isInterpretation(column.kind, paper)) interpretations.push(paper);
      const published = page?.publishedDate ?? item.date;
      if (!published) {
        stats.undated += 1;
        undated += 1;
        continue;
      }
      if (!published.startsWith(yearPrefix)) continue;
      stats.count += 1;
      const month = Number(published.slice(5, 7));
      if (month >= 1 && month <= 12) byMonth[month - 1] = (byMonth[month - 1] ?? 0) + 1;

      if (isPolicyDocument(column.kind, paper)) documents.push({ ...paper, columnId: column.id });

      const generated = page?.generatedDate;
      if (!generated || column.kind === 'static') continue;
      if (!isCoveredDate(generated) || !isCoveredDate(published)) {
        timeliness.unknown += 1;
        continue;
      }
      const days = calendar.workingDaysBetween(generated, published); // 0 when published <= generated
      stats.withBothDates += 1;
      timeliness.withBothDates += 1;
      if (days <= TIMELY_WORKING_DAYS) {
        timeliness.within += 1;
      } else {
        stats.late += 1;
        timeliness.late += 1;
        timeliness.lateItems.push({
          columnId: column.id,
          url: item.url,
          title,
          generatedDate: generated,
          publishedDate: published,
          workingDays: days,
        });
      }
    }
  }

  const explained = interpretationFinder(interpretations, portal.name);
  const without = documents
    .filter((d) => explained(d).length === 0)
    .map((d) => ({ columnId: d.columnId, url: d.url, title: d.title }));

  return {
    portalId: portal.id,
    portalName: portal.name,
    year,
    total: byColumn.reduce((n, c) => n + c.count, 0),
    undated,
    byColumn,
    byDepartment: departmentCounts(portal, byColumn),
    byMonth,
    timeliness: {
      limitWorkingDays: TIMELY_WORKING_DAYS,
      withBothDates: timeliness.withBothDates,
      within20WorkingDays: timeliness.within,
      late: timeliness.late,
      unknown: timeliness.unknown,
      share: timeliness.withBothDates === 0 ? null : timeliness.within / timeliness.withBothDates,
      lateItems: timeliness.lateItems,
    },
    policy: {
      documents: documents.length,
      withInterpretation: documents.length - without.length,
      withoutInterpretation: without.length,
      without,
    },
    guides: guideStats(portal, input.columns, pages),
  };
}

/** Departments that own a column: the portal's `departments` order, then others, then the site's webmaster. */
function departmentCounts(portal: PortalConfig, byColumn: ColumnStats[]) {
  const counts = new Map<string, number>();
  for (const d of portal.departments ?? []) if (byColumn.some((c) => c.department === d.name)) counts.set(d.name, 0);
  for (const c of byColumn) if (c.department !== null && !counts.has(c.department)) counts.set(c.department, 0);
  if (byColumn.some((c) => c.department === null)) counts.set(SITE_DEPARTMENT, 0);
  for (const c of byColumn) {
    const d = departmentOf(c);
    counts.set(d, (counts.get(d) ?? 0) + c.count);
  }
  return [...counts].map(([department, count]) => ({ department, count }));
}
