import { addDays } from '../calendar/dates.ts';
import type { Verdict } from './estimate.ts';

// The score week to week, for the digest and the scan's text output. A week is the 7 days ending
// on a day (asOf, asOf − 7, …), not an ISO week: the digest goes out on Monday about the week just
// ended, and a report run on any other day still gets whole weeks that end today.

export interface ScorePoint {
  /** The scan's as-of day, YYYY-MM-DD (of a timestamp, its first 10 characters count). */
  asOf: string;
  score: number;
  verdict: Verdict;
}

export interface TrendWeek {
  /** First and last day of the week, inclusive. */
  from: string;
  to: string;
  /** The latest estimate of the week; null when no scan was scored that week. */
  point: ScorePoint | null;
}

/** The latest estimate of each of the last `weeks` 7-day windows ending on `asOf`, oldest first. */
export function scoreTrend(points: readonly ScorePoint[], asOf: string, weeks = 8): TrendWeek[] {
  const trend: TrendWeek[] = [];
  for (let back = weeks - 1; back >= 0; back--) {
    const to = addDays(asOf, -7 * back);
    const from = addDays(to, -6);
    let latest: ScorePoint | null = null;
    for (const p of points) {
      const day = p.asOf.slice(0, 10);
      // Later in the list wins a tie: two scans of one day keep the one recorded last.
      if (day >= from && day <= to && (latest === null || p.asOf >= latest.asOf)) latest = p;
    }
    trend.push({ from, to, point: latest });
  }
  return trend;
}

/**
 * "62 → 71 ↑": the weekly scores since the first scored week, "—" for a week without a scan,
 * and the direction of the latest score against the one before it.
 */
export function formatTrend(trend: readonly TrendWeek[]): string {
  return formatScores(trend.map((w) => w.point?.score ?? null));
}

/** formatTrend over the weekly scores alone, oldest first (null: no scan that week). */
export function formatScores(weekly: readonly (number | null)[]): string {
  const first = weekly.findIndex((s) => s !== null);
  if (first < 0) return '暂无评分';
  const shown = weekly.slice(first);
  const text = shown.map((s) => (s === null ? '—' : String(s))).join(' → ');
  const scores = shown.filter((s): s is number => s !== null);
  if (scores.length < 2) return text;
  const [before, last] = scores.slice(-2) as [number, number];
  return `${text} ${last > before ? '↑' : last < before ? '↓' : '持平'}`;
}
