import { describe, expect, it } from 'vitest';
import { annualStats, type AnnualStats } from '../../functions/stats/count.ts';
import { csvField, formatStatsText, statsCsv, statsJson } from '../../functions/stats/format.ts';
import { col, HOST, item, page, portal, record } from '../support/record-builders.ts';

describe('output', () => {
  const columns = [col('tdly', '土地利用', 'notice', '土地利用科'), col('zcwj', '政策文件', 'policy', '法规科')];
  const stats: AnnualStats = annualStats({
    portal: portal(columns),
    year: 2017,
    columns: [
      record('tdly', [item('a', '批复公告', '2017-03-01'), item('b', '公告二', '2017-04-01')]),
      record('zcwj', [item('q', '关于"三公"经费, 预算的说明', '2017-05-01')]),
    ],
    pages: [
      page('q', 'zcwj', {
        title: '关于"三公"经费, 预算的说明',
        generatedDate: '2017-01-03',
        publishedDate: '2017-05-02',
      }),
    ],
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    const csv = statsCsv(stats);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('portal,year,section,key,name,value');
    expect(lines).toContain('mhk-gtj,2017,total,,,3');
    expect(lines).toContain('mhk-gtj,2017,column,tdly,土地利用,2');
    expect(lines).toContain('mhk-gtj,2017,column-late,zcwj,政策文件,1');
    expect(lines).toContain('mhk-gtj,2017,month,03,3月,1');
    expect(lines).toContain('mhk-gtj,2017,timeliness,share,,0');
    expect(lines).toContain(`mhk-gtj,2017,late,${HOST}/i/q.html,"关于""三公""经费, 预算的说明",80`);
    expect(lines).toContain(`mhk-gtj,2017,policy-without,${HOST}/i/q.html,"关于""三公""经费, 预算的说明",`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes the report sentence in the seed style, then tables', () => {
    const text = formatStatsText(stats);
    expect(text).toContain('2017年网上公开信息3条：土地利用2条；政策文件1条。');
    expect(text).toContain('按栏目：');
    expect(text).toContain('按科室：');
    expect(text).toContain('按月份：');
    expect(text).toContain('成文日期与发布日期齐全的1条中，0条在20个工作日内公开（0.0%），1条超过20个工作日');
    expect(text).toContain('政策文件1件：有解读0件，无解读1件。');
  });

  it('files a column without a department under the site’s webmaster, as the digest does', () => {
    const unowned = annualStats({
      portal: portal([col('tzgg', '通知公告', 'notice')]),
      year: 2017,
      columns: [record('tzgg', [item('n', '通知', '2017-07-07')])],
      pages: [],
    });
    const rows = formatStatsText(unowned).split('\n');
    expect(rows).toContain('  通知公告  网站整体（信息中心）  1     0     0');
    expect(rows).toContain('  网站整体（信息中心）  1');
  });

  it('prints the stats as JSON', () => {
    const doc = JSON.parse(statsJson(stats)) as AnnualStats;
    expect(doc).toEqual(stats);
    expect(Object.keys(doc)).toEqual([
      'portalId',
      'portalName',
      'year',
      'total',
      'undated',
      'byColumn',
      'byDepartment',
      'byMonth',
      'timeliness',
      'policy',
      'guides',
    ]);
  });
});
