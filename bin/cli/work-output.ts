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
    ...r.topFixes.map((f, i) => `    提分最多 ${i + 1}. ${f.text}`),
  ];
}

/** Overdue work per department, most first: how many, the oldest, whose 信息员. */
export function workLines(r: ScanResult): string[] {
  const byDept = new Map<string, { officer: string; count: number; oldest: number; title: string }>();
  for (const f of r.findings) {
    const w = workOf(f, r.portal, r.asOf);
    if (!w.overdue) continue;
    const d = byDept.get(w.owner.department) ?? { officer: w.owner.officer, count: 0, oldest: -1, title: '' };
    d.count += 1;
    if (w.ageDays > d.oldest) Object.assign(d, { oldest: w.ageDays, title: f.title });
    byDept.set(w.owner.department, d);
  }
  if (byDept.size === 0) return ['  整改：没有逾期未整改的问题'];
  const rows = [...byDept].sort(([, a], [, b]) => b.count - a.count || b.oldest - a.oldest);
  return [
    `  逾期未整改：${rows.reduce((n, [, d]) => n + d.count, 0)} 项（findings list --overdue）`,
    ...rows.map(([dept, d]) => `    ${dept}（信息员 ${d.officer}）${d.count} 项，最久 ${d.oldest} 天：${d.title}`),
  ];
}
