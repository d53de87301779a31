import type { ColumnConfig, ColumnKind, PortalConfig } from '../config/schema.ts';
import type { ResolvedThresholds } from './types.ts';

// The default thresholds of docs/rules.md, overlaid with the portal's own `thresholds` and, for the
// stale-column age, a column's `maxAgeDays`. Every number here has its source beside it.

export const DEFAULT_MAX_AGE_DAYS: Readonly<Record<ColumnKind, number | null>> = {
  news: 14, // 动态/要闻: 2 weeks (国办秘函〔2019〕19号, 栏目不更新)
  notice: 183, // 通知公告: 6 months, same source
  policy: 183, // 政策文件: 6 months, same source
  personnel: 365, // 人事: 1 year (monitoring vendors' practice, docs/rules.md)
  planning: 365, // 规划计划: 1 year, same practice
  static: null, // 机构职能, 公开指南: checked for emptiness and broken links only, never stale
  // 政策解读 follow the documents they explain (“三同步”), so they age like `policy`.
  interpretation: 183,
  // 年度报告: one a year, due before 31 January (条例 Art. 49). A report published on 1 January
  // may legitimately be the newest until next year's deadline: 1 Jan → 31 Jan next year is 395
  // days, 396 across a leap year, so the column is stale only once that deadline has passed.
  'annual-report': 396,
  // 办事指南: a guide stays valid until the 事项 changes, so it is judged on its elements, never on age.
  'service-guide': null,
  // 互动交流: its freshness is its messages' (unanswered-message, no-consultation-channel); a
  // quiet mailbox where nobody wrote is not a column the bureau failed to update.
  interaction: null,
};

export const DEFAULT_THRESHOLDS: Readonly<ResolvedThresholds> = {
  homepageMaxAgeDays: 14, // 首页不更新: 2 weeks
  homepageWarningDays: 10, // early-warning line of docs/rules.md
  latePublicationWorkingDays: 20, // 条例 Art. 26
  emptyPageMinChars: 30,
  emptyColumnVeto: 5, // ≥ 5 空白栏目
  emptyColumnWarning: 3,
  staleColumnVeto: 5, // ≥ 5 columns not updated
  staleColumnWarning: 3,
  staleColumnLongVeto: 10, // ≥ 10 columns that should be updated but have not been for long
  staleColumnLongWarning: 7,
  unreachableVetoPercent: 5, // 站点无法访问: ≥ 5 % of a week's homepage probes fail (≥ 100 probes)
  unreachableWarningPercent: 3,
  backdatedWorkingDays: 3, // first seen this long after the date it shows: 伪造发稿日期?
  interpretationWorkingDays: 3, // “三同步”: 解读 within 3 working days (郑州 2016 practice)
  maxAgeDays: DEFAULT_MAX_AGE_DAYS,
};

export function resolveThresholds(portal: PortalConfig): ResolvedThresholds {
  const own = portal.thresholds ?? {};
  const { maxAgeDays: ownMaxAge, ...rest } = own;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const maxAgeDays = { ...DEFAULT_MAX_AGE_DAYS };
  for (const [kind, days] of Object.entries(ownMaxAge ?? {}) as [ColumnKind, number | undefined][]) {
    // An explicit number wins even for `static`: the operator asked for that column kind to be watched.
    if (days !== undefined) maxAgeDays[kind] = days;
  }
  return { ...DEFAULT_THRESHOLDS, ...defined, maxAgeDays };
}

/** Days a column may go without a new item; null = never stale. The column's own setting wins. */
export function maxAgeFor(column: ColumnConfig, thresholds: ResolvedThresholds): number | null {
  return column.maxAgeDays ?? thresholds.maxAgeDays[column.kind];
}
