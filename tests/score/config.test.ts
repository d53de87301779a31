import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../functions/config/load-config.ts';

// The portal's `score` block: weights for the deduction table, with every line id checked, since a
// misspelt id would otherwise leave the default weight in place without a word.

const config = (score: unknown) => ({
  portals: [
    {
      id: 'mhk-gtj',
      name: '梅河口市国土资源局',
      homepage: 'http://127.0.0.1:8080/index.html',
      columns: [{ id: 'gzdt', name: '工作动态', url: 'http://127.0.0.1:8080/gzdt/index.html', kind: 'news' }],
      score,
    },
  ],
});

function problemsOf(data: unknown): string[] {
  try {
    parseConfig(data, 'portals.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('portal config: score', () => {
  it('takes per-line points and maxima', () => {
    const score = {
      deductions: { 'annual-report-missing': { points: 10, maxPoints: 10 }, 'empty-page': { points: 0 } },
    };
    expect(parseConfig(config(score)).portals[0]!.score).toEqual(score);
  });

  it('rejects an unknown line id, naming its path and the valid ids', () => {
    const [problem, ...rest] = problemsOf(config({ deductions: { 'stale-polcy-column': { points: 3 } } }));
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^portals\[0\]\.score\.deductions\.stale-polcy-column: "stale-polcy-column" is not a deduction line id/,
    );
    expect(problem).toContain('stale-policy-column');
    expect(problem).toContain('broken-link-page');
  });

  it('rejects unknown fields and out-of-range points', () => {
    expect(problemsOf(config({ deduction: {} }))[0]).toMatch(/^portals\[0\]\.score: unknown field "deduction"/);
    expect(problemsOf(config({ deductions: { 'empty-page': { point: 1 } } }))[0]).toMatch(
      /^portals\[0\]\.score\.deductions\.empty-page: unknown field "point"/,
    );
    expect(problemsOf(config({ deductions: { 'empty-page': { points: -1 } } }))[0]).toMatch(
      /^portals\[0\]\.score\.deductions\.empty-page\.points: must be 0 or more/,
    );
  });
});
