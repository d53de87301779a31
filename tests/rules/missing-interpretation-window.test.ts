import { describe, expect, it } from 'vitest';
import { calendarCoverage, chineseWorkingCalendar } from '../../functions/calendar/working-days.ts';
import { missingInterpretation } from '../../functions/rules/missing-interpretation.ts';
import { column, context, HOST, page, snapshot } from '../support/builders.ts';

// “三同步” allows the 解读 3 working days: on the scan date a document published 2 working days
// earlier without one is not late yet. The rule waits until the window has closed, counting
// working days (调休 and holidays), not calendar days.

const DOC = `${HOST}/zcwj/t1.html`;
const run = (publishedDate: string, asOf: string, interpretation?: { date: string }) => {
  const pages = [page(DOC, 'zcwj', { title: '梅河口市国土资源局关于加强建设用地批后监管的通知', publishedDate })];
  if (interpretation)
    pages.push(
      page(`${HOST}/zcjd/t1.html`, 'zcjd', {
        title: '《关于加强建设用地批后监管的通知》解读',
        publishedDate: interpretation.date,
      }),
    );
  const s = snapshot({
    columns: [
      column({ id: 'zcwj', name: '政策文件', kind: 'policy', department: '法规科' }),
      column({ id: 'zcjd', name: '政策解读', kind: 'interpretation', department: '法规科' }),
    ],
    pages,
  });
  return missingInterpretation(s, context(s, { asOf }));
};
const before = (asOf: string, n: number) => chineseWorkingCalendar.addWorkingDays(asOf, -n);

describe('missing-interpretation waits for the 3-working-day window to close', () => {
  const asOf = '2018-01-15'; // a Monday

  it('near-miss: published 2 working days before the scan, no 解读 yet: not late', () => {
    expect(before(asOf, 2)).toBe('2018-01-11');
    expect(run(before(asOf, 2), asOf)).toEqual([]);
  });

  it('published exactly 3 working days before: the last allowed day, not late yet', () => {
    expect(run(before(asOf, 3), asOf)).toEqual([]);
  });

  it('published 4 working days before without a 解读: late', () => {
    expect(before(asOf, 4)).toBe('2018-01-09');
    expect(run(before(asOf, 4), asOf).map((f) => f.evidence.publishedDate)).toEqual(['2018-01-09']);
  });

  it('counts working days across National Day: 10 calendar days later the window is still open', () => {
    // 2017-09-29 (Fri); 09-30 is a make-up working day, 10-01..08 off, 10-09 the second working day.
    expect(run('2017-09-29', '2017-10-09')).toEqual([]);
    expect(run('2017-09-29', '2017-10-11')).toHaveLength(1);
  });

  it('still reports a 解读 that came late once the window is over', () => {
    const [f] = run(before(asOf, 6), asOf, { date: before(asOf, 1) });
    expect(f!.evidence).toMatchObject({ workingDays: 5, maxWorkingDays: 3 });
  });

  it('beyond the calendar’s years, decides by calendar days rather than guessing working days', () => {
    const year = Number(calendarCoverage().last.slice(0, 4)) + 2;
    expect(run(`${year}-03-02`, `${year}-03-05`)).toEqual([]);
    expect(run(`${year}-01-05`, `${year}-03-05`)).toHaveLength(1);
  });
});
