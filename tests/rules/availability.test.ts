import { describe, expect, it } from 'vitest';
import { availabilityLevel, availabilityWindow, failurePercent } from '../../functions/rules/availability.ts';
import type { ProbeDay } from '../../functions/model/availability.ts';

const HOME = 'http://gtj.example.gov.cn/index.html';
const lines = { warningPercent: 3, vetoPercent: 5 };

function day(d: string, attempts: number, failures: number, extra: Partial<ProbeDay> = {}): ProbeDay {
  return {
    day: d,
    attempts,
    failures,
    otherAttempts: 0,
    otherFailures: 0,
    lastAt: `${d}T15:30:00.000Z`,
    streak: 0,
    failed: Array.from({ length: failures }, (_, i) => ({
      url: HOME,
      at: `${d}T0${i % 10}:00:00.000Z`,
      reason: 'timeout' as const,
      error: 'timeout after 15000 ms',
      ms: 15000,
      source: 'probe' as const,
    })),
    ...extra,
  };
}

describe('站点无法访问 from a week of probes', () => {
  it('puts 7 failures in 140 probes exactly at the veto line (5 %)', () => {
    expect(availabilityLevel({ probes: 140, failures: 7 }, lines)).toBe('veto');
  });
  it('reads 6 failures in 140 probes as a warning', () => {
    expect(availabilityLevel({ probes: 140, failures: 6 }, lines)).toBe('warning');
  });
  it('never judges fewer than 100 probes: 5 failures in 99 is insufficient data, not a veto', () => {
    expect(availabilityLevel({ probes: 99, failures: 5 }, lines)).toBe('insufficient-data');
    expect(availabilityLevel({ probes: 99, failures: 99 }, lines)).toBe('insufficient-data');
  });
  it('is ok below the warning line, and a portal may move its lines', () => {
    expect(availabilityLevel({ probes: 336, failures: 10 }, lines)).toBe('ok'); // 2.98 %
    expect(availabilityLevel({ probes: 336, failures: 11 }, lines)).toBe('warning'); // 3.27 %
    expect(availabilityLevel({ probes: 200, failures: 9 }, { warningPercent: 2, vetoPercent: 4 })).toBe('veto');
  });

  it('sums the 7 days ending today and nothing older or newer', () => {
    const days = [
      day('2018-01-08', 48, 9),
      day('2018-01-09', 48, 1),
      day('2018-01-12', 48, 2),
      day('2018-01-15', 20, 1, { streak: 1 }),
      day('2018-01-16', 48, 5),
    ];
    const w = availabilityWindow(days, '2018-01-15', HOME);
    expect(w).toMatchObject({
      from: '2018-01-09',
      to: '2018-01-15',
      probes: 116,
      failures: 4,
      streak: 1,
      lastAt: '2018-01-15T15:30:00.000Z',
    });
    expect(failurePercent(w)).toBe(3.4);
  });

  it('lists the homepage’s latest failures, newest first, and leaves other probe URLs out of them', () => {
    const other = {
      url: 'http://gtj.example.gov.cn/xxgk/',
      at: '2018-01-15T09:00:00.000Z',
      reason: 'http' as const,
      status: 503,
      ms: 40,
      source: 'probe' as const,
    };
    const days = [
      day('2018-01-14', 48, 2),
      day('2018-01-15', 48, 1, {
        failed: [{ url: HOME, at: '2018-01-15T08:00:00.000Z', reason: 'connection', ms: 3, source: 'scan' }, other],
      }),
    ];
    const w = availabilityWindow(days, '2018-01-15', HOME);
    expect(w.recentFailures.map((f) => f.at)).toEqual([
      '2018-01-15T08:00:00.000Z',
      '2018-01-14T01:00:00.000Z',
      '2018-01-14T00:00:00.000Z',
    ]);
  });
});
