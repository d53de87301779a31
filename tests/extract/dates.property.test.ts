import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDates, parseDate } from '../../functions/extract/dates.ts';

// Properties of date extraction over every day from 1990 to 2039, in every format portals print.

const day = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2039, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const FORMATS: ((y: number, m: number, d: number) => string)[] = [
  (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  (y, m, d) => `${y}/${m}/${d} 8:22:16`,
  (y, m, d) => `${y}.${String(m).padStart(2, '0')}.${String(d).padStart(2, '0')}`,
  (y, m, d) => `${y}年${m}月${d}日`,
  (y, m, d) => `发布时间：${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日 17:35`,
];

describe('date extraction properties', () => {
  it('reads back every real date in every printed format', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: FORMATS.length - 1 }), (iso, f) => {
        expect(parseDate(FORMATS[f]!(...parts(iso)))).toBe(iso);
      }),
    );
  });

  it('resolves a month-day without a year to the latest such day not after the reference date', () => {
    fc.assert(
      fc.property(day, day, (iso, reference) => {
        const [, m, d] = parts(iso);
        const got = parseDate(`[${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}]`, {
          referenceDate: reference,
        });
        if (got === null) return; // 02-29 in a year range with no leap day before the reference
        expect(got <= reference).toBe(true);
        expect(got.slice(5)).toBe(iso.slice(5));
        expect(Number(reference.slice(0, 4)) - Number(got.slice(0, 4))).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('never invents a date that is not in the calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2039 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 35 }),
        (y, m, d) => {
          const valid = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
          const got = parseDate(`${y}-${m}-${d}`);
          expect(got !== null).toBe(valid);
        },
      ),
    );
  });

  it('finds every date in a text that lists several', () => {
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 4 }), (isos) => {
        const text = isos.map((iso, i) => `第${i + 1}项${FORMATS[i % 4]!(...parts(iso))}，`).join('');
        expect(findDates(text)).toEqual(isos);
      }),
    );
  });
});
