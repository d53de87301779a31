import { overdueByDepartment } from '../../functions/digest/overdue.ts';
import { workOf } from '../../functions/rectification/work.ts';
import { scoreHeadline, weeklyScores, type ScoreReport } from '../../functions/score/report.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';

// The 整改 lines of a scan's text output: the score estimate and where overdue work sits.

export function scoreLines(r: ScoreReport): string[] {
  const parts = r.byPart.map((p) => `${p.part} −${p.deducted}/${p.points}`).join(' · ');
  return [
    `  ${scoreHeadline(r, weeklyScores(r))}`,
    ...(r.reasons.length ? [`    不合格原因：${r.reasons.join('；')}`] : []),
    `    扣分：${parts}`,
    ...(r.byDepartment.length
      ? [`    按科室：${r.byDepartment.map((d) => `${d.department} −${d.deducted}`).join(' · ')}`]
      : []),
    ...r.topFixes.map((f, i) => `    提分最多 ${i + 1}. ${f.text}`),
  ];
}

/** Overdue work per department, most first: how many, the oldest, whose 信息员. */
export function workLines(r: ScanResult): string[] {
  const late = overdueByDepartment(
    r.findings.map((f) => {
      const w = workOf(f, r.portal, r.asOf);
      return { ...w, id: f.id, title: f.title, department: w.owner.department, officer: w.owner.officer };
    }),
  );
  if (late.length === 0) return ['  整改：没有逾期未整改的问题'];
  return [
    `  逾期未整改：${late.reduce((n, d) => n + d.count, 0)} 项（findings list --overdue）`,
    ...late.map(
      (d) => `    ${d.department}（信息员 ${d.officer}）${d.count} 项，最久 ${d.oldest.ageDays} 天：${d.oldest.title}`,
    ),
  ];
}
