import { describe, expect, it } from 'vitest';
import { addDays } from '../../functions/calendar/dates.ts';
import { expiredContent } from '../../functions/rules/expired-content.ts';
import { AS_OF, column, context, page, snapshot } from '../support/builders.ts';

const URL = 'http://gtj.example.gov.cn/tzgg/1.html';
const run = (...pages: ReturnType<typeof page>[]) => {
  const s = snapshot({
    columns: [column({ id: 'tzgg', name: '通知公告', kind: 'notice', department: '办公室' })],
    pages,
  });
  return expiredContent(s, context(s));
};
const ended = (ends: string, text = `公示期至${ends}`) =>
  page(URL, 'tzgg', { title: '用地公示', textSignals: { periods: [{ text, ends }] } });

describe('expired-content', () => {
  it('flags a listed page whose notice period ended 89 days before the as-of date', () => {
    const [f, ...rest] = run(ended('2017-10-18', '公示期为2017年10月9日至2017年10月18日'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'expired-content',
      severity: 'minor',
      url: URL,
      columnId: 'tzgg',
      department: '办公室',
      evidence: { period: '公示期为2017年10月9日至2017年10月18日', ends: '2017-10-18', daysSinceEnd: 89 },
    });
    expect(f!.action).toContain('请办公室信息员将已过期的《用地公示》移入历史信息栏目');
  });

  it('flags a period ended 31 days ago but not one ended exactly 30 days ago', () => {
    expect(run(ended(addDays(AS_OF, -31)))).toHaveLength(1);
    expect(run(ended(addDays(AS_OF, -30)))).toEqual([]);
  });

  it('does not flag a period that ends in the future', () => {
    expect(run(ended('2019-03-01'))).toEqual([]);
  });

  it('reports the most recently ended period of several', () => {
    const p = page(URL, 'tzgg', {
      textSignals: {
        periods: [
          { text: '有效期至2016年1月1日', ends: '2016-01-01' },
          { text: '公示期至2017年10月18日', ends: '2017-10-18' },
        ],
      },
    });
    expect(run(p)[0]!.evidence).toMatchObject({ ends: '2017-10-18', daysSinceEnd: 89 });
  });

  it('does not flag a page whose latest stated period is still running', () => {
    const p = page(URL, 'tzgg', {
      textSignals: {
        periods: [
          { text: '原有效期至2016年1月1日', ends: '2016-01-01' },
          { text: '延续有效期至2025年1月1日', ends: '2025-01-01' },
        ],
      },
    });
    expect(run(p)).toEqual([]);
  });

  it('flags a page whose 有效性 says 失效 or 废止, with the validity as evidence', () => {
    const [f] = run(page(URL, 'tzgg', { validity: '已废止' }));
    expect(f).toMatchObject({ rule: 'expired-content', evidence: { validity: '已废止' } });
    expect(run(page(URL, 'tzgg', { validity: '失效' }))).toHaveLength(1);
  });

  it('does not flag a page whose 有效性 is 有效, nor one without periods', () => {
    expect(run(page(URL, 'tzgg', { validity: '有效' }), page(`${URL}?2`, 'tzgg'))).toEqual([]);
  });
});
