import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HOURS, parseQuietRange, quietHoursOf, sendableAt } from '../../functions/alerts/quiet-hours.ts';

// Beijing time is UTC+8: "2018-01-15 23:30 北京时间" is 15:30Z.
const bj = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours (Asia/Shanghai)', () => {
  it('holds a warning found at night until 07:00 the next morning', () => {
    expect(sendableAt('warning', bj('2018-01-15T23:30:00'))).toEqual(bj('2018-01-16T07:00:00'));
    expect(sendableAt('warning', bj('2018-01-15T22:00:00'))).toEqual(bj('2018-01-16T07:00:00'));
  });

  it('holds a warning found after midnight until 07:00 the same morning', () => {
    expect(sendableAt('warning', bj('2018-01-16T00:00:00'))).toEqual(bj('2018-01-16T07:00:00'));
    expect(sendableAt('warning', bj('2018-01-16T06:59:59.999'))).toEqual(bj('2018-01-16T07:00:00'));
  });

  it('lets a warning through at 07:00 sharp and until 21:59', () => {
    for (const t of ['2018-01-16T07:00:00', '2018-01-16T12:00:00', '2018-01-16T21:59:59.999'])
      expect(sendableAt('warning', bj(t))).toEqual(bj(t));
  });

  it('never holds a veto by default: a leaked ID number goes out at 03:00', () => {
    expect(sendableAt('veto', bj('2018-01-16T03:00:00'))).toEqual(bj('2018-01-16T03:00:00'));
  });

  it('reads the time in Beijing whatever the instant looks like in UTC', () => {
    // 14:30Z is 22:30 in Beijing, though it is afternoon in UTC.
    expect(sendableAt('warning', new Date('2018-01-15T14:30:00Z'))).toEqual(new Date('2018-01-15T23:00:00Z'));
  });

  it('handles a range inside one day', () => {
    const quiet = { warning: '12:00-14:00', veto: null };
    expect(sendableAt('warning', bj('2018-01-16T13:10:00'), quiet)).toEqual(bj('2018-01-16T14:00:00'));
    expect(sendableAt('warning', bj('2018-01-16T11:59:00'), quiet)).toEqual(bj('2018-01-16T11:59:00'));
    expect(sendableAt('warning', bj('2018-01-16T23:00:00'), quiet)).toEqual(bj('2018-01-16T23:00:00'));
  });

  it('takes a portal block over the defaults: left out keeps the default, null clears it', () => {
    expect(quietHoursOf(undefined)).toEqual(DEFAULT_QUIET_HOURS);
    expect(quietHoursOf({ veto: '23:00-06:00' })).toEqual({ warning: '22:00-07:00', veto: '23:00-06:00' });
    expect(quietHoursOf({ warning: null })).toEqual({ warning: null, veto: null });
  });

  it('refuses a malformed range, naming it', () => {
    expect(() => parseQuietRange('22:00~07:00')).toThrow(/"22:00~07:00"/);
    expect(() => parseQuietRange('24:00-07:00')).toThrow(RangeError);
    expect(() => parseQuietRange('07:00-07:00')).toThrow(/different start and end/);
  });
});

describe('quiet hours, properties over any range (wrapping midnight or not) and any instant', () => {
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const range = fc
    .tuple(hhmm, hhmm)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => `${a}-${b}`);
  const instant = fc.integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => new Date(t));
  const minuteOfDayBj = (d: Date) => Math.floor(((d.getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);
  /** The range read as a set of minutes, independently of the code under test. */
  const quietMinute = (r: string, minute: number) => {
    const [s, e] = r.split('-').map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
    return s! < e! ? minute >= s! && minute < e! : minute >= s! || minute < e!;
  };

  it('sends at once outside the range and holds inside it', () => {
    fc.assert(
      fc.property(range, instant, (r, now) => {
        const at = sendableAt('warning', now, { warning: r, veto: null });
        expect(at.getTime() === now.getTime()).toBe(!quietMinute(r, minuteOfDayBj(now)));
      }),
      { numRuns: 2000 },
    );
  });

  it('releases a held alert exactly at the end of the range, less than a day later', () => {
    fc.assert(
      fc.property(range, instant, (r, now) => {
        const at = sendableAt('warning', now, { warning: r, veto: null });
        if (at.getTime() === now.getTime()) return;
        expect(at.getTime()).toBeGreaterThan(now.getTime());
        expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(86_400_000);
        expect(minuteOfDayBj(at) * 60_000).toBe((at.getTime() + 8 * 3_600_000) % 86_400_000); // on a whole minute
        expect(minuteOfDayBj(at)).toBe(Number(r.slice(6, 8)) * 60 + Number(r.slice(9)));
        expect(quietMinute(r, minuteOfDayBj(at))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never releases early: every instant between now and the release is quiet and waits for the same release', () => {
    fc.assert(
      fc.property(range, instant, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (r, now, f) => {
        const quiet = { warning: r, veto: null };
        const at = sendableAt('warning', now, quiet);
        const between = new Date(now.getTime() + Math.floor(f * (at.getTime() - now.getTime())));
        expect(quietMinute(r, minuteOfDayBj(between)) || between.getTime() === now.getTime()).toBe(true);
        expect(sendableAt('warning', between, quiet)).toEqual(at.getTime() === now.getTime() ? between : at);
        expect(sendableAt('warning', at, quiet)).toEqual(at); // the release itself is not held again
      }),
      { numRuns: 2000 },
    );
  });
});
