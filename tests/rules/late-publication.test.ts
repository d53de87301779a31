import { describe, expect, it } from 'vitest';
import { latePublication } from '../../functions/rules/late-publication.ts';
import { column, context, http, item, page, snapshot } from '../support/builders.ts';
import type { PageSnapshot } from '../../functions/model/snapshot.ts';

const URL = 'http://gtj.example.gov.cn/zcwj/1.html';
const run = (over: Partial<PageSnapshot>, listDate: string | null = null, kind: 'policy' | 'static' = 'policy') => {
  const s = snapshot({
    columns: [
      column(
        { id: 'zcwj', name: '政策文件', kind, department: '法规科' },
        { items: [item(1, listDate, { url: URL })] },
      ),
    ],
    pages: [page(URL, 'zcwj', { title: '关于加强土地出让管理的通知', ...over })],
  });
  return latePublication(s, context(s, { asOf: '2018-01-15' }));
};

describe('late-publication', () => {
  // 2017-09-22 → 2017-10-26 is 20 Chinese working days (the 9-30 make-up Saturday counts, the
  // 10-01…10-08 holiday does not); a weekday-only count would say 24 and fire wrongly.
  it('does not flag a document published 20 working days after it was formed across the 2017 National Day week', () => {
    expect(run({ generatedDate: '2017-09-22', publishedDate: '2017-10-26' })).toEqual([]);
  });

  it('flags the same document published one working day later, with both dates and the count', () => {
    const [f] = run({ generatedDate: '2017-09-22', publishedDate: '2017-10-27' });
    expect(f).toMatchObject({
      rule: 'late-publication',
      severity: 'major',
      url: URL,
      columnId: 'zcwj',
      department: '法规科',
      evidence: {
        generatedDate: '2017-09-22',
        publishedDate: '2017-10-27',
        publishedSource: 'page',
        workingDays: 21,
        limit: 20,
      },
    });
    expect(f!.message).toContain('21 个工作日');
  });

  it('uses the list date when the page shows no 发布日期', () => {
    const [f] = run({ generatedDate: '2017-09-22', publishedDate: null }, '2017-11-30');
    expect(f?.evidence).toMatchObject({ publishedDate: '2017-11-30', publishedSource: 'list' });
  });

  it('does not judge a page with no 成文日期, or with no publication date anywhere', () => {
    expect(run({ generatedDate: null, publishedDate: '2017-12-30' })).toEqual([]);
    expect(run({ generatedDate: '2017-01-03', publishedDate: null }, null)).toEqual([]);
  });

  it('does not flag a page published before it was formed', () => {
    expect(run({ generatedDate: '2017-12-01', publishedDate: '2017-06-01' })).toEqual([]);
  });

  it('does not judge static columns or 404 pages', () => {
    expect(run({ generatedDate: '2017-01-03', publishedDate: '2017-12-01' }, null, 'static')).toEqual([]);
    expect(run({ generatedDate: '2017-01-03', publishedDate: '2017-12-01', notFound: true, fetch: http(404) })).toEqual(
      [],
    );
  });

  it('skips a page whose dates fall outside the calendar instead of counting weekdays', () => {
    expect(run({ generatedDate: '2003-05-01', publishedDate: '2004-06-01' })).toEqual([]);
  });

  it('uses the portal threshold latePublicationWorkingDays', () => {
    const s = snapshot({
      columns: [column({ id: 'zcwj', kind: 'policy' }, { items: [item(1, null, { url: URL })] })],
      pages: [page(URL, 'zcwj', { generatedDate: '2017-09-22', publishedDate: '2017-10-26' })],
      portal: { thresholds: { latePublicationWorkingDays: 15 } },
    });
    expect(latePublication(s, context(s))[0]?.evidence).toMatchObject({ workingDays: 20, limit: 15 });
  });
});
