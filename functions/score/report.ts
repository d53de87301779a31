import type { ScanRecord } from '../store/records.ts';
import type { ScoreEstimate } from './estimate.ts';
import { formatScores, scoreTrend, type ScorePoint, type TrendWeek } from './trend.ts';

// The score estimate as scans, the API and the digest show it: the latest estimate with its
// eight-week trend, read from the scan records that carry one.

/** Scan records read for the trend: eight weeks of daily scans, and a margin for re-runs. */
export const TREND_SCANS = 70;

export interface ScoreReport extends ScoreEstimate {
  /** The latest estimate of each of the last 8 weeks (7-day windows ending on the as-of day), oldest first. */
  trend: TrendWeek[];
}

/** The scored points among scan records (on-demand checks record no scan). */
export const scorePoints = (scans: readonly ScanRecord[]): ScorePoint[] =>
  scans.flatMap((s) => (s.score ? [{ asOf: s.asOf, score: s.score.score, verdict: s.score.verdict }] : []));

export function scoreReport(estimate: ScoreEstimate, earlier: readonly ScanRecord[], asOf: string): ScoreReport {
  const points = [...scorePoints(earlier).filter((p) => p.asOf < asOf), { asOf, ...estimate }];
  return { ...estimate, trend: scoreTrend(points, asOf) };
}

/** "检查评分估算 72 分（合格）· 8周趋势 65 → 72 ↑ · 估算"; `weekly`: the trend's scores, oldest first. */
export function scoreHeadline(r: Pick<ScoreReport, 'score' | 'verdict'>, weekly: readonly (number | null)[]): string {
  return `检查评分估算 ${r.score} 分（${r.verdict}）· 8周趋势 ${formatScores(weekly)} · 估算`;
}

/** The trend's weekly scores, oldest first. */
export const weeklyScores = (r: Pick<ScoreReport, 'trend'>) => r.trend.map((w) => w.point?.score ?? null);
