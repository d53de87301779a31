import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  CalendarCoverageError,
  calendarCoverage,
  chineseWorkingCalendar as cal,
  isCoveredDate,
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
  it('agrees with the chinese-days API on every day of 2017 and 2025', () => {
    // The API is asked in a child process pinned to Asia/Shanghai, where it is trustworthy,
    // so the comparison runs whatever the host's time zone.
    const script = `const c=require('chinese-days');const out={};for(const y of [2017,2025]){for(let t=Date.UTC(y,0,1);t<=Date.UTC(y,11,31);t+=864e5){const d=new Date(t);out[d.toISOString().slice(0,10)]=c.isWorkday(new Date(d.getUTCFullYear(),d.getUTCMonth(),d.getUTCDate()));}}process.stdout.write(JSON.stringify(out));`;
    const table = JSON.parse(
      execFileSync('node', ['-e', script], {
        env: { ...process.env, TZ: 'Asia/Shanghai' },
        cwd: process.cwd(),
      }).toString(),
    ) as Record<string, boolean>;
    expect(Object.keys(table)).toHaveLength(730);
    for (const [d, working] of Object.entries(table)) expect(cal.isWorkingDay(d), d).toBe(working);
  });
});
