import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import {
  CalendarCoverageError, calendarCoverage, chineseWorkingCalendar as cal, isCoveredDate,
} from '../../functions/calendar/working-days.ts';
import { addDays } from '../../functions/calendar/dates.ts';

describe('chineseWorkingCalendar — the 2017 National Day week', () => {
  it('counts 2017-09-30 (a Saturday make-up day) as a working day', () => {
    expect(cal.isWorkingDay('2017-09-30')).toBe(true);
  });

  it('takes every day of 2017-10-01 … 2017-10-08 off, including the weekdays', () => {
    for (let d = '2017-10-01'; d <= '2017-10-08'; d = addDays(d, 1)) expect(cal.isWorkingDay(d), d).toBe(false);
  });

  it('goes back to work on Monday 2017-10-09', () => {
    expect(cal.isWorkingDay('2017-10-09')).toBe(true);
  });

  it('counts 1 working day from Friday 2017-09-29 to 2017-10-08 (only the make-up Saturday)', () => {
    expect(cal.workingDaysBetween('2017-09-29', '2017-10-08')).toBe(1);
  });

  it('counts 20 working days from 2017-09-22 to 2017-10-26, where weekdays alone would be 24', () => {
    expect(cal.workingDaysBetween('2017-09-22', '2017-10-26')).toBe(20);
  });

  it('adds 1 working day to 2017-09-30 and lands on 2017-10-09', () => {
    expect(cal.addWorkingDays('2017-09-30', 1)).toBe('2017-10-09');
  });

  it('adds 20 working days to 2017-09-22 and lands on 2017-10-26', () => {
    expect(cal.addWorkingDays('2017-09-22', 20)).toBe('2017-10-26');
  });

  it('steps 1 working day back from 2017-10-09, or from inside the holiday, to 2017-09-30', () => {
    expect(cal.addWorkingDays('2017-10-09', -1)).toBe('2017-09-30');
    expect(cal.addWorkingDays('2017-10-05', -1)).toBe('2017-09-30');
  });
});

describe('chineseWorkingCalendar — ordinary weeks and edge cases', () => {
  it('takes an ordinary weekend off and works its weekdays', () => {
    expect(cal.isWorkingDay('2018-01-13')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2018-01-14')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2018-01-15')).toBe(true); // Monday
  });

  it('counts the end day but not the start day', () => {
    expect(cal.workingDaysBetween('2018-01-15', '2018-01-16')).toBe(1);
    expect(cal.workingDaysBetween('2018-01-15', '2018-01-15')).toBe(0);
  });

  it('returns 0 when the end is before the start', () => {
    expect(cal.workingDaysBetween('2018-01-20', '2018-01-10')).toBe(0);
  });

  it('returns the date itself when adding 0 working days, even on a holiday', () => {
    expect(cal.addWorkingDays('2017-10-03', 0)).toBe('2017-10-03');
  });

  it('covers 2004 to 2026, the years chinese-days carries', () => {
    expect(calendarCoverage()).toEqual({ first: '2004-01-01', last: '2026-12-31' });
    expect(isCoveredDate('2026-12-31')).toBe(true);
    expect(isCoveredDate('2027-01-01')).toBe(false);
  });

  it('throws a CalendarCoverageError naming the date and the fix outside the covered years', () => {
    expect(() => cal.isWorkingDay('2003-12-31')).toThrow(CalendarCoverageError);
    expect(() => cal.workingDaysBetween('2026-12-01', '2027-01-10')).toThrow(/2027-01-10 .*npm update chinese-days/);
    expect(() => cal.addWorkingDays('2026-12-30', 5)).toThrow(CalendarCoverageError);
    expect(() => cal.addWorkingDays('2004-01-05', -5)).toThrow(CalendarCoverageError);
  });

  it('rejects a malformed date', () => {
    expect(() => cal.isWorkingDay('2017-9-30')).toThrow(/YYYY-MM-DD/);
    expect(() => cal.isWorkingDay('2017-02-30')).toThrow(/not a calendar date/);
  });

  // The table is read from chinese-days' JSON; its JS API answers the same question through
  // local-time Dates, which is only trustworthy on hosts at or east of UTC.
  const require = createRequire(import.meta.url);
  const api = require('chinese-days') as { isWorkday(d: Date): boolean };
  it.skipIf(new Date().getTimezoneOffset() > 0)('agrees with the chinese-days API on every day of 2017 and 2025', () => {
    for (const year of [2017, 2025]) {
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        const [y, m, day] = d.split('-').map(Number) as [number, number, number];
        expect(cal.isWorkingDay(d), d).toBe(api.isWorkday(new Date(y, m - 1, day)));
      }
    }
  });
});
