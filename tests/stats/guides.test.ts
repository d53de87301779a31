import { describe, expect, it } from 'vitest';
import { annualStats } from '../../functions/stats/count.ts';
import { formatStatsText, statsCsv, statsJson } from '../../functions/stats/format.ts';
import { col, HOST, item, page, portal, record } from '../support/record-builders.ts';

const EIGHT = ['事项名称', '设定依据', '申请条件', '办理材料', '办理地点', '办理时间', '联系电话', '办理流程'];
const columns = [col('bszn', '办事指南', 'service-guide', '行政审批科'), col('tzgg', '通知公告', 'notice')];
const stats = annualStats({
  portal: portal(columns),
  year: 2017,
  columns: [
    record('bszn', [
      item('g1', '抵押登记', '2015-03-01'), // an old guide still listed counts
      item('g2', '临时用地审批', null),
      item('g3', '测绘作业证', '2017-06-01'),
      item('g4', '已删除指南', '2017-06-02'),
      item('g1', '抵押登记', '2015-03-01'), // listed twice: once
    ]),
    record('tzgg', [item('n1', '通知', '2017-02-01')]),
  ],
  pages: [
    page('g1', 'bszn', { title: '抵押登记', guide: { found: EIGHT, missing: [] } }),
    page('g2', 'bszn', {
      title: '临时用地审批',
      guide: { found: EIGHT.slice(0, 6), missing: ['联系电话', '办理流程'] },
    }),
    page('g3', 'bszn', { title: '测绘作业证', guide: { found: EIGHT, missing: [] } }),
    page('g4', 'bszn', { notFound: true, guide: { found: [], missing: EIGHT } }),
    page('n1', 'tzgg', { title: '通知' }),
  ],
});

describe('annual statistics: 办事指南 completeness', () => {
  it('counts the listed guides read, the complete ones and their share', () => {
    expect(stats.guides).toEqual({
      checked: 3,
      complete: 2,
      share: 2 / 3,
      incomplete: [
        { columnId: 'bszn', url: `${HOST}/i/g2.html`, title: '临时用地审批', missing: ['联系电话', '办理流程'] },
      ],
    });
    expect(JSON.parse(statsJson(stats)).guides).toMatchObject({ checked: 3, complete: 2 });
  });

  it('prints the share in the text and the CSV', () => {
    const text = formatStatsText(stats);
    expect(text).toContain('办事指南3件：要素齐全2件（66.7%），要素缺失1件。');
    expect(text).toContain('  · 《临时用地审批》缺少联系电话、办理流程');
    const lines = statsCsv(stats).split('\r\n');
    expect(lines).toContain('mhk-gtj,2017,guides,checked,,3');
    expect(lines).toContain('mhk-gtj,2017,guides,complete,,2');
    expect(lines).toContain(`mhk-gtj,2017,guides,share,,${2 / 3}`);
    expect(lines).toContain(`mhk-gtj,2017,guide-incomplete,${HOST}/i/g2.html,临时用地审批,联系电话、办理流程`);
  });

  it('has no share and no text line for a portal that lists no guide', () => {
    const none = annualStats({ portal: portal([columns[1]!]), year: 2017, columns: [], pages: [] });
    expect(none.guides).toEqual({ checked: 0, complete: 0, share: null, incomplete: [] });
    expect(formatStatsText(none)).not.toContain('办事指南');
    expect(statsCsv(none).split('\r\n')).toContain('mhk-gtj,2017,guides,share,,');
  });
});
