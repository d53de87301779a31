import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chineseWorkingCalendar as cal } from '../../functions/calendar/working-days.ts';
import { addDays, daysBetween } from '../../functions/calendar/dates.ts';

// Properties of working-day arithmetic over the calendar's whole range (2004–2026), keeping
// clear of its edges so an addition never runs past them.

const FIRST = '2004-06-01';
const SPAN = daysBetween(FIRST, '2024-12-31'); // + up to 700 days stays inside 2026
const date = fc.integer({ min: 0, max: SPAN }).map((n) => addDays(FIRST, n));
const steps = fc.integer({ min: 1, max: 60 });

describe('working-day arithmetic', () => {
  it('addWorkingDays(d, n) is n working days after d, and a working day', () => {
    fc.assert(
      fc.property(date, steps, (d, n) => {
        const w = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, w)).toBe(n);
        expect(cal.isWorkingDay(w)).toBe(true);
        // …and the first such day: one day earlier is one working day short.
        expect(cal.workingDaysBetween(d, addDays(w, -1))).toBe(n - 1);
      }),
    );
  });

  it('workingDaysBetween is additive: (a,b) + (b,c) = (a,c) for a <= b <= c', () => {
    fc.assert(
      fc.property(date, fc.nat(350), fc.nat(350), (a, x, y) => {
        const b = addDays(a, x);
        const c = addDays(b, y);
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c));
      }),
    );
  });

  it('stepping n working days back from a working day and n forward returns to it', () => {
    fc.assert(
      fc.property(date, steps, (d, n) => {
        const w = cal.addWorkingDays(d, 1); // a working day
        expect(cal.addWorkingDays(cal.addWorkingDays(w, -n), n)).toBe(w);
      }),
    );
  });

  it('never counts more working days than calendar days', () => {
    fc.assert(
      fc.property(date, fc.nat(60), (a, x) => {
        expect(cal.workingDaysBetween(a, addDays(a, x))).toBeLessThanOrEqual(x);
      }),
    );
  });

  // Exhaustive rather than sampled: the low point is a single fortnight (the 2020 Spring
  // Festival, extended for COVID-19), which random sampling would rarely hit.
  it('leaves at least 4 working days in every 14-day window of 2004–2026, and exactly 4 around 2020 春节', () => {
    let min = Infinity;
    let at = '';
    for (let d = '2004-01-01'; d <= '2026-12-17'; d = addDays(d, 1)) {
      const n = cal.workingDaysBetween(d, addDays(d, 14));
      if (n < min) [min, at] = [n, d];
    }
    expect([min, at]).toEqual([4, '2020-01-19']);
  });
});
