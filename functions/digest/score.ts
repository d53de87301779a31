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
  /** What would raise the score most, worth the most points first. */
  topFixes: { what: string; points: number }[];
}

export const digestScore = (r: ScoreReport): DigestScore => ({
  verdict: r.verdict,
  score: r.score,
  reasons: r.reasons,
  trend: weeklyScores(r),
  topFixes: r.topFixes.map((f) => ({
    what: `${f.department}：${f.indicator}（${f.findingIds.length} 处）`,
    points: f.points,
  })),
});

/** "检查评分估算 72 分（合格）· 8周趋势 65 → 72 ↑ · 估算" */
export const scoreHeadline = (s: DigestScore) => headline(s, s.trend);

/** The reasons and the three fixes worth most, one line each; nothing when there are none. */
export function scoreDetails(s: DigestScore): string[] {
  const lines: string[] = [];
  if (s.reasons.length) lines.push(`${s.verdict === '不合格' ? '不合格原因' : '扣分'}：${s.reasons.join('；')}`);
  const fixes = [...s.topFixes].sort((a, b) => b.points - a.points).slice(0, 3);
  if (fixes.length) lines.push(`提分最多：${fixes.map((f) => `${f.what}（+${f.points} 分）`).join('；')}`);
  return lines;
}
