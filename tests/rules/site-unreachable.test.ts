import { describe, expect, it } from 'vitest';
import { siteUnreachable } from '../../functions/rules/site-unreachable.ts';
import { column, context, http, snapshot, TIMEOUT, week } from '../support/builders.ts';
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

  it('flags a column whose list page is not a web page at once, major, saying why and what to do', () => {
    const unreadable: FetchOutcome = {
      ok: false,
      status: 200,
      error: '列表页不是网页：application/json',
      kind: 'other',
    };
    const [f, ...rest] = run(OK, unreadable, { failureStreak: { [COL]: 1 } });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'major', url: COL, evidence: { status: 200, unreadable: true } });
    expect(f!.message).toContain('列表页不是网页：application/json');
    expect(f!.action).toContain('栏目列表网页');
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

describe('site-unreachable over the week (站点无法访问: ≥ 5 % of ≥ 100 homepage probes)', () => {
  const down = { failureStreak: { [HOME]: 2 } };
  const failure = {
    url: HOME,
    at: '2018-01-15T01:30:00.000Z',
    reason: 'timeout' as const,
    error: 'timeout after 15000 ms',
    ms: 15000,
    source: 'probe' as const,
  };

  it('is major while under 5 % of the week’s probes failed, and says how many and why', () => {
    const [f] = run(TIMEOUT, OK, { ...down, availability: week(100, 4, { recentFailures: [failure] }) });
    expect(f).toMatchObject({
      severity: 'major',
      evidence: {
        probes: 100,
        probeFailures: 4,
        probeFailurePercent: 4,
        availability: 'warning',
        recentProbeFailures: ['2018-01-15T01:30:00.000Z timeout after 15000 ms（15000 ms）'],
      },
    });
  });

  it('turns veto at 5 % of the week’s probes', () => {
    const [f] = run(TIMEOUT, OK, { ...down, availability: week(140, 7) });
    expect(f).toMatchObject({ severity: 'veto', evidence: { probeFailurePercent: 5, availability: 'veto' } });
  });

  it('opens on the week alone when the homepage answered the scan but failed 1 probe in 20', () => {
    const [f, ...rest] = run(OK, OK, { availability: week(336, 17) });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'veto', url: HOME, evidence: { probes: 336, probeFailures: 17 } });
    expect(f!.message).toContain('已达站点无法访问否决线');
  });

  it('never judges fewer than 100 probes: a down homepage stays major, a healthy one clean', () => {
    expect(run(TIMEOUT, OK, { ...down, availability: week(99, 50) })[0]).toMatchObject({
      severity: 'major',
      evidence: { availability: 'insufficient-data' },
    });
    expect(run(OK, OK, { availability: week(99, 50) })).toEqual([]);
  });

  it('keeps a failing column major whatever the week: the share is the front door’s', () => {
    const findings = run(OK, TIMEOUT, { failureStreak: { [COL]: 2 }, availability: week(140, 2) });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ url: COL, severity: 'major' });
    expect(findings[0]!.evidence).not.toHaveProperty('probes');
  });

  it('honours a portal’s own veto line', () => {
    const s = snapshot({
      homepage: { url: HOME, fetch: TIMEOUT },
      portal: { thresholds: { unreachableVetoPercent: 10 } },
    });
    const [f] = siteUnreachable(s, context(s, { ...down, availability: week(100, 6) }));
    expect(f!.severity).toBe('major');
  });
});
