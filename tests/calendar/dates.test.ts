import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeek,
  latestDate,
  todayInShanghai,
} from '../../functions/calendar/dates.ts';

describe('dates', () => {
  it('counts calendar days between two dates, negative backwards', () => {
    expect(daysBetween('2018-01-01', '2018-01-15')).toBe(14);
    expect(daysBetween('2018-01-15', '2018-01-01')).toBe(-14);
    expect(daysBetween('2016-02-28', '2016-03-01')).toBe(2); // leap year
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(addDays('2018-03-01', -1)).toBe('2018-02-28');
  });

  it('round-trips addDays and daysBetween', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 20000 }), (n) => {
        expect(daysBetween('2018-01-15', addDays('2018-01-15', n))).toBe(n);
      }),
    );
  });

  it('rejects non-dates with a message showing the expected form', () => {
    expect(isIsoDate('2018-02-29')).toBe(false);
    expect(isIsoDate('2018-1-5')).toBe(false);
    expect(() => daysBetween('yesterday', '2018-01-01')).toThrow(/YYYY-MM-DD/);
  });

  it('gives the Shanghai date, which is already tomorrow after 16:00 UTC', () => {
    expect(todayInShanghai(new Date('2018-01-14T15:59:59Z'))).toBe('2018-01-14');
    expect(todayInShanghai(new Date('2018-01-14T16:00:00Z'))).toBe('2018-01-15');
  });

  it('numbers ISO weeks, including week 53 and weeks that straddle a new year', () => {
    expect(isoWeek('2018-01-01')).toBe('2018-W01'); // a Monday
    expect(isoWeek('2018-01-14')).toBe('2018-W02'); // a Sunday ends its week
    expect(isoWeek('2016-01-01')).toBe('2015-W53');
    expect(isoWeek('2019-12-30')).toBe('2020-W01');
    expect(isoWeek('2020-12-31')).toBe('2020-W53');
  });

  it('picks the latest of some dates, ignoring nulls', () => {
    expect(latestDate(['2017-03-02', null, '2017-12-01', '2017-06-30'])).toBe('2017-12-01');
    expect(latestDate([null, undefined])).toBeNull();
  });
});
