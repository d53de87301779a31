import { makeFinding, SITE_OFFICER } from './finding.ts';
import type { Rule } from './types.ts';

// 年度报告: 条例 Art. 49 — each department publishes its 政府信息公开工作年度报告 for the previous
// year before 31 January. As of a date, the report due most recently is last year's once 31
// January has passed, else the year before's. It is looked for by title in the annual-report
// column first and then anywhere on the portal (bureaus often post it under 通知公告).

const REPORT = (year: number) =>
  new RegExp(`${year}\\s*年(?:度)?.{0,20}政府信息公开.{0,6}(?:年度)?(?:工作)?(?:报告|年报)`);

/** The year whose report is due by `asOf`, and its deadline. */
export function reportDue(asOf: string): { year: number; due: string } {
  const y = Number(asOf.slice(0, 4));
  const year = asOf > `${y}-01-31` ? y - 1 : y - 2;
  return { year, due: `${year + 1}-01-31` };
}

export const annualReportMissing: Rule = (snapshot, context) => {
  const { year, due } = reportDue(context.asOf);
  const pattern = REPORT(year);
  const titles = [
    ...snapshot.columns.flatMap((c) => c.items.map((i) => i.title)),
    ...[...snapshot.pages.values()].map((p) => p.title ?? ''),
    ...snapshot.homepage.items.map((i) => i.title),
  ];
  if (titles.some((t) => pattern.test(t))) return [];
  const reportColumn = snapshot.columns.find((c) => c.column.kind === 'annual-report');
  // Judge only what was seen: with no column fetched, absence proves nothing.
  if (!snapshot.columns.some((c) => c.fetch.ok)) return [];
  const { portal } = snapshot;
  return [
    makeFinding(portal.id, {
      rule: 'annual-report-missing',
      severity: 'major',
      subject: `annual-report:${year}`,
      url: reportColumn?.column.url ?? snapshot.homepage.url,
      title: `${year}年度政府信息公开工作年度报告`,
      column: reportColumn?.column,
      message: `未在网站上找到${portal.name}${year}年度政府信息公开工作年度报告（应于 ${due} 前公布）。`,
      action: `请${reportColumn?.column.department ? `${reportColumn.column.department}信息员` : SITE_OFFICER}编制并在「${reportColumn?.column.name ?? '政府信息公开年报'}」栏目公布${year}年度报告。`,
      evidence: { year, due, searchedTitles: titles.length, reportColumn: reportColumn?.column.id ?? null },
    }),
  ];
};
