import { describe, expect, it } from 'vitest';
import { findDates, parseDate, parseDateCell, toIsoDate } from '../../functions/extract/dates.ts';

describe('parseDate', () => {
  it.each([
    ['2017-12-31', '2017-12-31'],
    ['2017/12/31', '2017-12-31'],
    ['2017/5/11 8:22:16', '2017-05-11'],
    ['2017.12.31', '2017-12-31'],
    ['2022.07.15', '2022-07-15'],
    ['2017年12月31日', '2017-12-31'],
    ['2017年12月31日 17:35', '2017-12-31'],
    ['2021年06月10日 17:35', '2021-06-10'],
    ['2025-09-18 00:00:00', '2025-09-18'],
    ['2017年5月3日', '2017-05-03'],
  ])('reads the full date %s as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('finds the date inside surrounding text', () => {
    expect(parseDate('发布时间：2024-07-01 17:32 来源：天津市规划和自然资源局')).toBe('2024-07-01');
  });

  it('reads a date whose parts are split over lines', () => {
    expect(parseDate('2021-\n        08-\n        16')).toBe('2021-08-16');
  });

  it('takes the first date of a malformed PubDate that glues two timestamps', () => {
    expect(parseDate('2026-07-13 12:222026-07-13 12:28')).toBe('2026-07-13');
  });

  it('rejects dates that do not exist on the calendar', () => {
    expect(parseDate('2017-02-30')).toBeNull();
    expect(parseDate('2017-13-01')).toBeNull();
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });

  it("resolves [12-31] against the page's reference date (the latest one not after it)", () => {
    expect(parseDate('[12-31]', { referenceDate: '2018-01-15' })).toBe('2017-12-31');
    expect(parseDate('[01-10]', { referenceDate: '2018-01-15' })).toBe('2018-01-10');
  });

  it('resolves the bare 12-31 and the Chinese 12月31日 forms the same way', () => {
    expect(parseDate('12-31', { referenceDate: '2018-01-15' })).toBe('2017-12-31');
    expect(parseDate('12月31日', { referenceDate: '2018-01-15' })).toBe('2017-12-31');
    expect(parseDate('12-05', { referenceDate: '2017-12-05' })).toBe('2017-12-05');
  });

  it('goes back to the last leap year for a month-day of 02-29', () => {
    expect(parseDate('02-29', { referenceDate: '2025-03-01' })).toBe('2024-02-29');
  });

  it('does not read ranges, times or version numbers as month-day dates', () => {
    expect(parseDate('1-10月德清县固定资产投资', { referenceDate: '2016-11-22' })).toBeNull();
    expect(parseDate('17:35', { referenceDate: '2016-11-22' })).toBeNull();
    expect(parseDate('v1.2.3')).toBeNull();
  });

  it('returns null when there is no date', () => {
    expect(parseDate('暂无信息')).toBeNull();
    expect(parseDate('')).toBeNull();
  });
});

describe('findDates', () => {
  it('returns every valid full date in order, skipping impossible ones', () => {
    expect(findDates('成文 2017-02-30，印发 2017年3月1日，发布 2018.1.2')).toEqual(['2017-03-01', '2018-01-02']);
  });

  it('ignores month-day forms', () => {
    expect(findDates('[12-31] 12月31日')).toEqual([]);
  });
});

describe('parseDateCell', () => {
  it('accepts a cell that is only a date, with brackets, a time or a label', () => {
    expect(parseDateCell('2017-12-05')).toBe('2017-12-05');
    expect(parseDateCell(' [12-05] ', { referenceDate: '2018-01-01' })).toBe('2017-12-05');
    expect(parseDateCell('发布日期：2017年12月5日 10:00')).toBe('2017-12-05');
  });

  it('rejects a date inside a sentence (a promulgation note is not a date column)', () => {
    expect(parseDateCell('（2025年12月15日北京市人民政府第320号令发布 自2026年1月15日起施行）')).toBeNull();
  });
});

describe('toIsoDate', () => {
  it('pads month and day', () => {
    expect(toIsoDate(2017, 5, 9)).toBe('2017-05-09');
  });
});
