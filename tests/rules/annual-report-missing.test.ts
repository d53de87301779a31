import { describe, expect, it } from 'vitest';
import { annualReportMissing, reportDue } from '../../functions/rules/annual-report-missing.ts';
import { column, context, item, snapshot } from '../support/builders.ts';

const withReports = (titles: string[], kind: 'annual-report' | 'notice' = 'annual-report') =>
  snapshot({
    columns: [
      column(
        { id: 'ndbg', name: '政府信息公开年报', kind, department: '办公室' },
        { items: titles.map((t, i) => item(i, '2017-01-20', { title: t })) },
      ),
    ],
  });

describe('annual-report-missing', () => {
  it('knows which report is due: last year’s after 31 January, else the year before’s', () => {
    expect(reportDue('2018-01-31')).toEqual({ year: 2016, due: '2017-01-31' });
    expect(reportDue('2018-02-01')).toEqual({ year: 2017, due: '2018-01-31' });
  });

  it('flags a portal without the report that fell due on 31 January', () => {
    const s = withReports(['梅河口市国土资源局2015年度政府信息公开工作报告']);
    const [f] = annualReportMissing(s, context(s, { asOf: '2018-02-05' }));
    expect(f).toMatchObject({
      rule: 'annual-report-missing',
      severity: 'major',
      subject: 'annual-report:2017',
      columnId: 'ndbg',
      evidence: { year: 2017, due: '2018-01-31' },
    });
  });

  it('does not flag the 2017 report before 31 January 2018', () => {
    const s = withReports(['梅河口市国土资源局2016年度政府信息公开工作报告']);
    expect(annualReportMissing(s, context(s, { asOf: '2018-01-31' }))).toEqual([]);
  });

  it('finds the report by title in any column, in the variants bureaus use', () => {
    for (const title of [
      '梅河口市国土资源局2017年政府信息公开工作年度报告',
      '2017年度政府信息公开年报',
      '关于2017年度政府信息公开工作报告',
    ]) {
      const s = withReports([title], 'notice');
      expect(annualReportMissing(s, context(s, { asOf: '2018-03-01' })), title).toEqual([]);
    }
  });
});
