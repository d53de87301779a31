import { describe, expect, it } from 'vitest';
import { backdatedPublication } from '../../functions/rules/backdated-publication.ts';
import { column, context, HOST, page, snapshot } from '../support/builders.ts';

const run = (firstSeen: string, publishedDate: string | null, over: { firstScan?: boolean } = {}) => {
  const url = `${HOST}/tzgg/201801/t1.html`;
  const s = snapshot({
    columns: [
      column(
        { id: 'tzgg', name: '通知公告', kind: 'notice' },
        { items: [{ title: '关于某事项的通知', url, date: publishedDate }] },
      ),
    ],
    pages: [page(url, 'tzgg', { firstSeen, publishedDate })],
  });
  return backdatedPublication(s, context(s, { firstScanAsOf: '2018-01-08', firstScan: false, ...over }));
};

describe('backdated-publication', () => {
  it('flags an item first seen 9 working days after the date it shows', () => {
    const [f] = run('2018-01-15', '2018-01-02');
    expect(f).toMatchObject({
      rule: 'backdated-publication',
      severity: 'major',
      evidence: { publishedDate: '2018-01-02', firstSeen: '2018-01-15', workingDays: 9, maxWorkingDays: 3 },
    });
    expect(f!.message).toContain('疑似补发后倒填发稿日期');
  });

  it('does not flag 3 working days (a weekend in between is not a delay)', () => {
    expect(run('2018-01-15', '2018-01-10')).toEqual([]);
  });

  it('counts working days across the National Day week: 2017-09-29 → 2017-10-09 is 1', () => {
    expect(run('2017-10-09', '2017-09-29')).toEqual([]);
  });

  it('never judges items that were already there at the first scan', () => {
    expect(run('2018-01-08', '2017-06-01')).toEqual([]);
  });

  it('never fires on a first scan', () => {
    expect(run('2018-01-15', '2018-01-02', { firstScan: true })).toEqual([]);
  });

  it('uses the list date when the page shows none', () => {
    expect(run('2018-01-15', null)).toEqual([]);
  });
});
