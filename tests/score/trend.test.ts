import { describe, expect, it } from 'vitest';
import { formatTrend, scoreTrend, type ScorePoint } from '../../functions/score/trend.ts';

const p = (asOf: string, score: number): ScorePoint => ({ asOf, score, verdict: score < 60 ? '不合格' : '合格' });

// asOf Monday 2018-03-05. The eight 7-day weeks ending on it, worked out by hand (February 2018
// has 28 days): 01-09..01-15, 01-16..01-22, 01-23..01-29, 01-30..02-05, 02-06..02-12,
// 02-13..02-19, 02-20..02-26, 02-27..03-05.
const AS_OF = '2018-03-05';

describe('score trend', () => {
  it('keeps the latest estimate of each 7-day week ending on asOf, oldest first, null for a week without a scan', () => {
    const points = [
      p('2018-01-08', 50), // the day before the first week: left out
      p('2018-01-15', 64), // week 1, its last day: the latest of that week
      p('2018-01-10', 62), // week 1, earlier (the order given does not matter)
      p('2018-01-23', 58), // week 3, its first day
      p('2018-02-26', 70), // week 7, its last day
      p('2018-02-27', 71), // week 8, its first day
      p('2018-03-06', 99), // after asOf: left out
    ];
    const trend = scoreTrend(points, AS_OF);
    expect(trend.map((w) => [w.from, w.to])).toEqual([
      ['2018-01-09', '2018-01-15'],
      ['2018-01-16', '2018-01-22'],
      ['2018-01-23', '2018-01-29'],
      ['2018-01-30', '2018-02-05'],
      ['2018-02-06', '2018-02-12'],
      ['2018-02-13', '2018-02-19'],
      ['2018-02-20', '2018-02-26'],
      ['2018-02-27', '2018-03-05'],
    ]);
    expect(trend.map((w) => w.point?.score ?? null)).toEqual([64, null, 58, null, null, null, 70, 71]);
    expect(trend[2]!.point!.verdict).toBe('不合格');
    expect(formatTrend(trend)).toBe('64 → — → 58 → — → — → — → 70 → 71 ↑');
  });

  it('reads the day of a timestamp and keeps the later of two scans of one day', () => {
    const trend = scoreTrend([p('2018-03-05T01:00:00Z', 70), p('2018-03-05T09:00:00Z', 72)], AS_OF, 1);
    expect(trend).toEqual([{ from: '2018-02-27', to: '2018-03-05', point: p('2018-03-05T09:00:00Z', 72) }]);
  });

  it('shows the weeks since the first scored one, and which way the latest went', () => {
    expect(formatTrend(scoreTrend([p('2018-02-26', 71), p('2018-03-01', 62)], AS_OF))).toBe('71 → 62 ↓');
    expect(formatTrend(scoreTrend([p('2018-02-26', 71), p('2018-03-01', 71)], AS_OF))).toBe('71 → 71 持平');
    expect(formatTrend(scoreTrend([p('2018-03-01', 78.5)], AS_OF))).toBe('78.5');
    // No scan this week: the gap shows, the arrow compares the last two scored weeks.
    expect(formatTrend(scoreTrend([p('2018-02-19', 60), p('2018-02-26', 65)], AS_OF))).toBe('60 → 65 → — ↑');
    expect(formatTrend(scoreTrend([], AS_OF))).toBe('暂无评分');
  });
});
