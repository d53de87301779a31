import { describe, expect, it } from 'vitest';
import { chineseWorkingCalendar } from '../../functions/calendar/working-days.ts';
import { annualStats } from '../../functions/stats/count.ts';
import { col, item, page, portal, record } from '../support/record-builders.ts';

describe('annualStats: counting', () => {
  const columns = [
    col('gzdt', '工作动态', 'news', '办公室'),
    col('tdly', '土地利用', 'notice', '土地利用科'),
    col('tzgg', '通知公告', 'notice'), // no department
    col('rsxx', '人事信息', 'personnel', '办公室'), // nothing in it
  ];
  const stats = annualStats({
    portal: portal(columns),
    year: 2017,
    columns: [
      record('gzdt', [
        item('a', '一月动态', '2017-01-04'),
        item('b', '去年动态', '2016-12-30'),
        item('c', '明年动态', '2018-01-02'),
        // The list says 2016 but the page's 发布日期 wins.
        item('d', '跨年动态', '2016-12-31'),
        item('e', '无日期动态', null),
        // The list shows no date, the page does.
        item('f', '页面有日期', null),
        item('shared', '同时列在两个栏目', '2017-03-15'),
      ]),
      record('tdly', [
        item('shared', '同时列在两个栏目', '2017-03-15'), // counted for gzdt, the first configured column
        item('g', '批复公告', '2017-03-01'),
        item('h', '批复公告二', '2017-12-31'),
      ]),
      record('tzgg', [item('i', '通知', '2017-07-07'), item('e', '无日期动态', null)]),
      // A column no longer in the config is ignored.
      record('old', [item('z', '旧栏目', '2017-05-05')]),
    ],
    pages: [page('d', 'gzdt', { publishedDate: '2017-01-01' }), page('f', 'gzdt', { publishedDate: '2017-06-30' })],
  });

  it('counts an item in the year of its page date, else its list date, once per URL', () => {
    expect(stats.total).toBe(7);
    expect(stats.byColumn.map((c) => [c.columnId, c.count, c.undated])).toEqual([
      ['gzdt', 4, 1],
      ['tdly', 2, 0],
      ['tzgg', 1, 0],
      ['rsxx', 0, 0],
    ]);
    expect(stats.undated).toBe(1); // e, listed twice, counted once
  });

  it('keeps config order, names and kinds, zero counts included', () => {
    expect(stats.byColumn[3]).toEqual({
      columnId: 'rsxx',
      name: '人事信息',
      kind: 'personnel',
      department: '办公室',
      count: 0,
      undated: 0,
      withBothDates: 0,
      late: 0,
    });
    expect(stats.byColumn[2]?.department).toBeNull();
  });

  it('sums departments in the portal order, columns without one under the site’s webmaster', () => {
    expect(stats.byDepartment).toEqual([
      { department: '办公室', count: 4 },
      { department: '土地利用科', count: 2 },
      { department: '网站整体（信息中心）', count: 1 },
    ]);
  });

  it('counts per month', () => {
    expect(stats.byMonth).toEqual([2, 0, 2, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
    expect(stats.byMonth.reduce((a, b) => a + b, 0)).toBe(stats.total);
  });

  it('counts another year from the same records', () => {
    const y2016 = annualStats({
      portal: portal(columns),
      year: 2016,
      columns: [record('gzdt', [item('b', 'x', '2016-12-30'), item('d', 'y', '2016-12-31')])],
      pages: [page('d', 'gzdt', { publishedDate: '2017-01-01' })],
    });
    expect(y2016.total).toBe(1);
    expect(y2016.byMonth[11]).toBe(1);
  });
});

describe('annualStats: timeliness in Chinese working days', () => {
  // 2017-09-15 + 20 working days = 2017-10-19: the National Day week (10-01..10-08) is off and
  // Saturday 09-30 is a make-up working day — 34 calendar days, yet on time.
  it('uses the 2017 holiday calendar (checked against the calendar itself)', () => {
    expect(chineseWorkingCalendar.workingDaysBetween('2017-09-15', '2017-10-19')).toBe(20);
    expect(chineseWorkingCalendar.workingDaysBetween('2017-09-14', '2017-10-19')).toBe(21);
  });

  const columns = [col('zcwj', '政策文件', 'policy', '法规科'), col('gkzn', '政府信息公开指南', 'static', '办公室')];
  const stats = annualStats({
    portal: portal(columns),
    year: 2017,
    columns: [
      record('zcwj', [
        item('ontime', '准时文件', '2017-10-19'),
        item('late', '超期文件', '2017-10-19'),
        item('listonly', '只有列表日期', '2017-05-20'),
        item('nogen', '无成文日期', '2017-05-20'),
        item('before', '先发后成文', '2017-05-20'),
        item('ancient', '成文日期超出日历', '2017-01-05'),
      ]),
      record('gkzn', [item('guide', '指南', '2017-12-01')]),
    ],
    pages: [
      page('ontime', 'zcwj', { title: '准时文件', generatedDate: '2017-09-15', publishedDate: '2017-10-19' }),
      page('late', 'zcwj', { title: '超期文件', generatedDate: '2017-09-14', publishedDate: '2017-10-19' }),
      // No 发布日期 on the page: the list date stands in, as for the late-publication rule.
      page('listonly', 'zcwj', { generatedDate: '2017-04-01' }),
      page('nogen', 'zcwj', { publishedDate: '2017-05-20' }),
      page('before', 'zcwj', { generatedDate: '2017-05-25', publishedDate: '2017-05-20' }),
      page('ancient', 'zcwj', { generatedDate: '1999-12-20', publishedDate: '2017-01-05' }),
      // Static columns are not judged (a guide revised long after it was written is fine).
      page('guide', 'gkzn', { generatedDate: '2016-01-01', publishedDate: '2017-12-01' }),
    ],
  });

  it('counts items within 20 working days, late ones, and dates the calendar cannot judge', () => {
    expect(stats.timeliness).toMatchObject({
      limitWorkingDays: 20,
      withBothDates: 4,
      within20WorkingDays: 2,
      late: 2,
      unknown: 1,
      share: 0.5,
    });
    expect(stats.timeliness.lateItems.map((l) => [l.title, l.workingDays])).toEqual([
      ['超期文件', 21],
      ['只有列表日期', chineseWorkingCalendar.workingDaysBetween('2017-04-01', '2017-05-20')],
    ]);
    expect(stats.byColumn.map((c) => [c.columnId, c.withBothDates, c.late])).toEqual([
      ['zcwj', 4, 2],
      ['gkzn', 0, 0],
    ]);
  });

  it('has no share when nothing could be judged', () => {
    const none = annualStats({ portal: portal(columns), year: 2017, columns: [], pages: [] });
    expect(none.timeliness.share).toBeNull();
    expect(none.total).toBe(0);
    expect(none.byMonth).toEqual(Array(12).fill(0));
  });
});

describe('annualStats: policy documents and their 解读', () => {
  const columns = [
    col('zcwj', '政策文件', 'policy', '法规科'),
    col('zcjd', '政策解读', 'interpretation', '法规科'),
    col('gzdt', '工作动态', 'news', '办公室'),
  ];
  const stats = annualStats({
    portal: portal(columns),
    year: 2017,
    columns: [
      record('zcwj', [
        item('d1', '梅河口市国土资源局关于开展2017年度土地变更调查工作的通知', '2017-10-19'),
        item('d2', '梅河口市国土资源局关于印发《土地执法监察工作制度》的通知', '2017-03-08'),
        item('d3', '梅河口市国土资源局关于加强耕地占补平衡管理的通知', '2017-06-01'),
        item('d4', '梅河口市国土资源局关于规范土地储备管理工作的实施意见', '2017-12-05'),
        item('d5', '梅河口市国土资源局城乡建设用地增减挂钩管理办法', '2017-08-01'),
        item('old', '梅河口市国土资源局关于2016年度工作的通知', '2016-05-01'), // another year
        item('jd', '关于某文件的解读', '2017-08-02'), // a 解读 filed among documents: not a document
      ]),
      record('zcjd', [
        item('i1', '《关于开展2017年度土地变更调查工作的通知》解读', '2017-10-23'),
        item('i2', '《土地执法监察工作制度》政策解读', '2018-01-03'), // next year: still explains it
        item('i3', '图文：一起来看新规', '2017-06-02'), // its page cites the document in 《》
      ]),
      record('gzdt', [item('n1', '城乡建设用地增减挂钩管理办法解读', '2017-08-03')]), // a 解读 outside the column
    ],
    pages: [page('i3', 'zcjd', { title: '图文：一起来看新规', textSignals: { cites: ['加强耕地占补平衡管理'] } })],
  });

  it('counts documents with and without an interpretation', () => {
    expect(stats.policy).toMatchObject({ documents: 5, withInterpretation: 4, withoutInterpretation: 1 });
    expect(stats.policy.without.map((d) => d.title)).toEqual(['梅河口市国土资源局关于规范土地储备管理工作的实施意见']);
  });

  it('counts a document whose 解读 only links to it, quoting no title, as the missing-interpretation rule does', () => {
    const doc = item('d4', '梅河口市国土资源局关于规范土地储备管理工作的实施意见', '2017-12-05');
    const interp = item('i4', '图解：一图看懂土地储备新规', '2017-12-06');
    const count = (links: { url: string; text: string; kind: 'a' }[]) =>
      annualStats({
        portal: portal(columns),
        year: 2017,
        columns: [record('zcwj', [doc]), record('zcjd', [interp])],
        pages: [page('i4', 'zcjd', { title: interp.title, links })],
      }).policy;
    expect(count([{ url: doc.url, text: '原文链接', kind: 'a' }])).toMatchObject({
      documents: 1,
      withInterpretation: 1,
      without: [],
    });
    expect(count([])).toMatchObject({ documents: 1, withInterpretation: 0 });
  });
});
