// The inspection score estimate as the digest shows it, on the first line of every copy. The
// estimate itself is computed elsewhere (functions/score/); this is only the part of it the digest
// reads, so plugging the estimate in is one mapping at the caller. Always labelled an estimate
// (估算): only some of the official point values are public.

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

/** "65 → 72 ↑": the first and the latest known weeks of the trend. */
export function scoreTrend(trend: (number | null)[]): string {
  const known = trend.filter((s): s is number => s !== null);
  if (known.length < 2) return '数据不足';
  const [first, last] = [known[0]!, known.at(-1)!];
  return `${first} → ${last} ${last > first ? '↑' : last < first ? '↓' : '→'}`;
}

/** "检查评分估算 72 分（合格）· 8周趋势 65 → 72 ↑ · 估算" */
export const scoreHeadline = (s: DigestScore) =>
  `检查评分估算 ${s.score} 分（${s.verdict}）· 8周趋势 ${scoreTrend(s.trend)} · 估算`;

/** The reasons and the three fixes worth most, one line each; nothing when there are none. */
export function scoreDetails(s: DigestScore): string[] {
  const lines: string[] = [];
  if (s.reasons.length) lines.push(`${s.verdict === '不合格' ? '不合格原因' : '扣分'}：${s.reasons.join('；')}`);
  const fixes = [...s.topFixes].sort((a, b) => b.points - a.points).slice(0, 3);
  if (fixes.length) lines.push(`提分最多：${fixes.map((f) => `${f.what}（+${f.points} 分）`).join('；')}`);
  return lines;
}
