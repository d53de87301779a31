import { scoreHeadline as headline, weeklyScores, type ScoreReport } from '../score/report.ts';

// The inspection score estimate as the digest shows it, on the first line of every copy: the part
// of functions/score/'s report the digest reads. Always labelled an estimate (估算): only some of
// the official point values are public.

export interface DigestScore {
  verdict: '合格' | '不合格';
  score: number;
  /** Why, in words: for 不合格, the veto items reached or the score below 60. */
  reasons: string[];
  /** The score at the end of each of the last 8 weeks, oldest first; null for a week without a scan. */
  trend: (number | null)[];
  /** Points taken off each part (of its cap), and off each department's work, most first. */
  byPart: { part: string; deducted: number; points: number }[];
  byDepartment: { department: string; deducted: number }[];
  /** What would raise the score most, worth the most points first. */
  topFixes: { what: string; points: number }[];
}

export const digestScore = (r: ScoreReport): DigestScore => ({
  verdict: r.verdict,
  score: r.score,
  reasons: r.reasons,
  trend: weeklyScores(r),
  byPart: r.byPart,
  byDepartment: r.byDepartment,
  topFixes: r.topFixes.map((f) => ({
    what: `${f.department}：${f.indicator}（${f.findingIds.length} 处）`,
    points: f.points,
  })),
});

/** "检查评分估算 72 分（合格）· 8周趋势 65 → 72 ↑ · 估算" */
export const scoreHeadline = (s: DigestScore) => headline(s, s.trend);

/** The reasons, the deductions by part and by department, and the three fixes worth most: a line each, when there are any. */
export function scoreDetails(s: DigestScore): string[] {
  const lines: string[] = [];
  if (s.reasons.length) lines.push(`不合格原因：${s.reasons.join('；')}`);
  const parts = s.byPart.filter((p) => p.deducted > 0);
  if (parts.length)
    lines.push(`扣分（按部分）：${parts.map((p) => `${p.part} −${p.deducted}/${p.points}`).join('；')}`);
  if (s.byDepartment.length)
    lines.push(`扣分（按科室）：${s.byDepartment.map((d) => `${d.department} −${d.deducted}`).join('；')}`);
  const fixes = [...s.topFixes].sort((a, b) => b.points - a.points).slice(0, 3);
  if (fixes.length) lines.push(`提分最多：${fixes.map((f) => `${f.what}（+${f.points} 分）`).join('；')}`);
  return lines;
}
