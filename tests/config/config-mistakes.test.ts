import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../functions/config/load-config.ts';

// The mistakes a bureau's webmaster actually makes in the config, each caught at load with the
// path and the fix, before anything is crawled.

const ORIGIN = 'http://www.mhk.gov.cn';
type Column = Record<string, unknown>;
const config = (portal: Record<string, unknown> = {}, columns?: Column[]) => ({
  portals: [
    {
      id: 'mhk-gtj',
      name: '梅河口市国土资源局',
      homepage: `${ORIGIN}/gtj/index.html`,
      columns: columns ?? [
        { id: 'tdsc', name: '土地市场', url: `${ORIGIN}/gtj/tdsc/index.html`, kind: 'notice' },
        { id: 'rsxx', name: '人事信息', url: `${ORIGIN}/gtj/rsxx/`, kind: 'personnel' },
      ],
      ...portal,
    },
  ],
});

function problemsOf(data: unknown): string[] {
  try {
    parseConfig(data, 'portals.json', () => {});
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const warningsOf = (data: unknown) => {
  const warnings: string[] = [];
  parseConfig(data, 'portals.json', (w) => warnings.push(w));
  return warnings;
};

describe('config mistakes', () => {
  it('names a wrong type as a wrong type, not as a missing field', () => {
    const problems = problemsOf(config({ crawl: { concurrency: '2', robots: 'yes' } }));
    expect(problems).toEqual([
      'portals[0].crawl.concurrency: expected a number, got text (write it without quotes). Fix: correct the value.',
      'portals[0].crawl.robots: expected true or false, got text. Fix: correct the value.',
    ]);
  });

  it('still says a field that is absent is missing', () => {
    const c = config() as { portals: Record<string, unknown>[] };
    delete c.portals[0]!.name;
    expect(problemsOf(c)).toEqual(['portals[0].name: required field is missing. Fix: add it (expected text).']);
  });

  it('refuses an unknown rule id in disabledRules, listing the valid ones and the nearest', () => {
    const c = config({}, [
      { id: 'tdsc', name: '土地市场', url: `${ORIGIN}/gtj/tdsc/`, kind: 'notice', disabledRules: ['stale-colum'] },
    ]);
    const [problem] = problemsOf(c);
    expect(problem).toMatch(/^portals\[0\]\.columns\[0\]\.disabledRules\[0\]: "stale-colum" is not a rule id/);
    expect(problem).toContain('did you mean "stale-column"?');
    expect(problem).toContain('empty-column, empty-page');
  });

  it('refuses a warning line above its veto line, default veto lines included', () => {
    expect(problemsOf(config({ thresholds: { emptyColumnWarning: 6, emptyColumnVeto: 4 } }))).toEqual([
      expect.stringMatching(
        /^portals\[0\]\.thresholds\.emptyColumnWarning: the warning line emptyColumnWarning 6 is above its veto line emptyColumnVeto 4\b.*Fix: keep emptyColumnWarning at or below emptyColumnVeto/,
      ),
    ]);
    expect(problemsOf(config({ thresholds: { homepageWarningDays: 20 } }))).toEqual([
      expect.stringContaining('homepageMaxAgeDays 14 (default)'),
    ]);
  });

  it('refuses a score line deducting more per finding than its maximum', () => {
    const c = config({ score: { deductions: { 'empty-page': { points: 5, maxPoints: 2 } } } });
    expect(problemsOf(c)).toEqual([
      expect.stringMatching(/^portals\[0\]\.score\.deductions\.empty-page\.points: 5 per finding is above/),
    ]);
  });

  it('refuses an impossible date', () => {
    const c = config({ obsoleteNames: [{ old: '国土资源局', new: '自然资源局', since: '2026-02-30' }] });
    expect(problemsOf(c)).toEqual([
      expect.stringMatching(/^portals\[0\]\.obsoleteNames\[0\]\.since: is not a calendar date/),
    ]);
  });

  it('refuses one column listed twice under URLs written differently', () => {
    const c = config({}, [
      { id: 'rsxx', name: '人事信息', url: `${ORIGIN}/gtj/rsxx/index.html`, kind: 'personnel' },
      { id: 'rsxx2', name: '人事', url: 'http://WWW.mhk.gov.cn:80/gtj/rsxx#top', kind: 'personnel' },
    ]);
    expect(problemsOf(c)).toEqual([
      expect.stringMatching(/^portals\[0\]\.columns\[1\]\.url: .* is the same page as portals\[0\]\.columns\[0\]\.url/),
    ]);
  });

  it('refuses credentials in a URL', () => {
    const problems = problemsOf(config({ homepage: 'http://admin:s3cret@www.mhk.gov.cn/gtj/' }));
    expect(problems).toEqual([expect.stringMatching(/^portals\[0\]\.homepage: must not carry credentials/)]);
  });

  it('refuses a 50 MB name at load, naming its length', () => {
    const problems = problemsOf(config({ name: '局'.repeat(50_000_000) }));
    expect(problems).toEqual([
      'portals[0].name: is 50000000 characters long; at most 2048 are allowed. Fix: shorten it.',
    ]);
    expect(problemsOf(config({ name: '局'.repeat(101) }))).toEqual([
      'portals[0].name: is 101 characters long; at most 100 are allowed. Fix: shorten it.',
    ]);
  });

  it('refuses a list far past any real one', () => {
    const expectedColumns = Array.from({ length: 1001 }, (_, i) => `栏目${i}`);
    expect(problemsOf(config({ expectedColumns }))).toEqual([
      'portals[0].expectedColumns: has 1001 entries; at most 1000 are allowed. Fix: split the file or shorten the list.',
    ]);
  });

  it('refuses a config file over 10 MB before reading it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dw-config-size-')), 'portals.json');
    writeFileSync(file, JSON.stringify(config()) + ' '.repeat(11 * 1024 * 1024));
    expect(() => loadConfig(file)).toThrow(
      /portals\.json: the config is not valid:\n {2}- is 11\.0 MB; a config is at most 10 MB/,
    );
  });

  it('warns of a column on another site, and not of one on a sub-domain of the portal’s', () => {
    const c = config({}, [
      { id: 'xxgk', name: '信息公开', url: 'http://xxgk.mhk.gov.cn/gtj/', kind: 'notice' },
      { id: 'hdjl', name: '互动交流', url: 'http://www.mhk.gov.com/hdjl/', kind: 'interaction' },
      { id: 'zcwj', name: '政策文件', url: 'http://www.gov.cn/zhengce/', kind: 'policy' },
    ]);
    expect(warningsOf(c)).toEqual([
      expect.stringMatching(
        /^portals\[0\]\.columns\[1\]\.url: www\.mhk\.gov\.com is not the homepage's site \(www\.mhk\.gov\.cn\); this column's failures will count as mhk-gtj's own outage/,
      ),
      expect.stringMatching(/^portals\[0\]\.columns\[2\]\.url: www\.gov\.cn is not the homepage's site/),
    ]);
    expect(warningsOf(config())).toEqual([]);
    expect(warningsOf(config({ homepage: 'http://xxgk.mhk.gov.cn/' }))).toEqual([]);
  });
});
