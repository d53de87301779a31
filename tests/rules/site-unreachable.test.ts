import { describe, expect, it } from 'vitest';
import { siteUnreachable } from '../../functions/rules/site-unreachable.ts';
import { column, context, http, snapshot, TIMEOUT } from '../support/builders.ts';
import type { FetchOutcome } from '../../functions/model/snapshot.ts';
import type { RuleContext } from '../../functions/rules/types.ts';

const HOME = 'http://gtj.example.gov.cn/index.html';
const COL = 'http://gtj.example.gov.cn/tdsc/index.html';
const run = (home: FetchOutcome, col: FetchOutcome, over: Partial<RuleContext>) => {
  const s = snapshot({
    homepage: { fetch: home },
    columns: [column({ id: 'tdsc', name: '土地市场', department: '土地利用科' }, { fetch: col })],
  });
  return siteUnreachable(s, context(s, over));
};
const OK: FetchOutcome = { ok: true, status: 200 };

describe('site-unreachable', () => {
  it('flags a column that timed out on 2 scans in a row, naming column and department', () => {
    const [f, ...rest] = run(OK, TIMEOUT, { failureStreak: { [COL]: 2 } });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'site-unreachable',
      severity: 'major',
      url: COL,
      subject: COL,
      columnId: 'tdsc',
      department: '土地利用科',
      evidence: { status: null, error: 'timeout after 15000 ms', failedScans: 2 },
    });
  });

  it('does not flag a column that failed on one scan only', () => {
    expect(run(OK, TIMEOUT, { failureStreak: { [COL]: 1 } })).toEqual([]);
  });

  it('flags a 5xx column but never a 404 (missing-column) or a 403 (a refused robot)', () => {
    expect(run(OK, http(503), { failureStreak: { [COL]: 3 } })).toHaveLength(1);
    expect(run(OK, http(404), { failureStreak: { [COL]: 3 } })).toEqual([]);
    expect(run(OK, http(403), { failureStreak: { [COL]: 3 } })).toEqual([]);
  });

  it('flags the homepage after 2 failed scans', () => {
    const [f] = run(TIMEOUT, OK, { failureStreak: { [HOME]: 2 } });
    expect(f).toMatchObject({ url: HOME, evidence: { failedScans: 2 } });
    expect(f!.columnId).toBeUndefined();
  });

  it('flags the homepage on the portal’s first scan after a single failure, but not a column', () => {
    expect(run(TIMEOUT, OK, { firstScan: true, failureStreak: { [HOME]: 1 } })).toHaveLength(1);
    expect(run(OK, TIMEOUT, { firstScan: true, failureStreak: { [COL]: 1 } })).toEqual([]);
  });

  it('does not flag the homepage after a single failure on a later scan', () => {
    expect(run(TIMEOUT, OK, { failureStreak: { [HOME]: 1 } })).toEqual([]);
  });

  it('counts a vanished homepage (404) as unreachable', () => {
    expect(run(http(404), OK, { failureStreak: { [HOME]: 2 } })).toHaveLength(1);
  });

  it('does not fire for a URL the store has no failed scan for (e.g. not crawled yet)', () => {
    expect(
      run({ ok: false, error: 'not crawled yet' }, TIMEOUT, { firstScan: true, failureStreak: { [COL]: 0 } }),
    ).toEqual([]);
  });

  it('does not fire when fetches succeeded, whatever the streak says', () => {
    expect(run(OK, OK, { failureStreak: { [HOME]: 5, [COL]: 5 } })).toEqual([]);
  });
});

describe('site-unreachable over the week (站点无法访问 ≥ 5 %)', () => {
  const down = { failureStreak: { [HOME]: 2 } };
  it('is major while under 5 % of the week’s attempts failed', () => {
    const [f] = run(TIMEOUT, OK, { ...down, availability: { attempts: 100, failures: 4 } });
    expect(f).toMatchObject({
      severity: 'major',
      evidence: { weekAttempts: 100, weekFailures: 4, weekFailurePercent: 4 },
    });
  });

  it('turns veto at 5 % of the week’s attempts', () => {
    const [f] = run(TIMEOUT, OK, { ...down, availability: { attempts: 100, failures: 5 } });
    expect(f).toMatchObject({ severity: 'veto', evidence: { weekFailurePercent: 5 } });
  });

  it('honours a portal’s own veto line', () => {
    const s = snapshot({
      homepage: { url: HOME, fetch: TIMEOUT },
      portal: { thresholds: { unreachableVetoPercent: 10 } },
    });
    const [f] = siteUnreachable(s, context(s, { ...down, availability: { attempts: 100, failures: 6 } }));
    expect(f!.severity).toBe('major');
  });
});
