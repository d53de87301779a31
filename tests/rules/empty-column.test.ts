import { describe, expect, it } from 'vitest';
import { emptyColumn } from '../../functions/rules/empty-column.ts';
import { isPlaceholderTitle } from '../../functions/rules/snapshot-queries.ts';
import { column, context, http, item, snapshot, TIMEOUT } from '../support/builders.ts';

const run = (...cols: Parameters<typeof column>[]) => {
  const s = snapshot({ columns: cols.map((args) => column(...args)) });
  return emptyColumn(s, context(s));
};

describe('empty-column', () => {
  it('flags a column whose list shows only “暂无信息”, as a veto naming column and department', () => {
    const [f, ...rest] = run([
      { id: 'tdsc', name: '土地市场', department: '土地利用科' },
      { items: [], placeholder: '暂无信息' },
    ]);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      rule: 'empty-column',
      severity: 'veto',
      columnId: 'tdsc',
      department: '土地利用科',
      title: '土地市场',
      evidence: { items: 0, placeholder: '暂无信息' },
    });
    expect(f!.subject).toBe(f!.url);
    expect(f!.action).toBe('请土地利用科信息员在「土地市场」栏目补充发布本栏目信息，或在公开目录中说明暂无此类信息。');
    expect(f!.message).toContain('暂无信息');
  });

  it('flags a column with no items and no placeholder', () => {
    expect(run([{ id: 'a' }, { items: [] }])).toHaveLength(1);
  });

  it('flags a column whose only rows are placeholder titles', () => {
    const [f] = run([{ id: 'a' }, { items: [item(1, null, { title: '正在建设中……' })] }]);
    expect(f?.evidence).toMatchObject({ items: 1, placeholder: '正在建设中……' });
  });

  it('does not flag a column with one real item beside a placeholder row', () => {
    expect(run([{ id: 'a' }, { items: [item(1, null, { title: '暂无信息' }), item(2, '2018-01-02')] }])).toEqual([]);
  });

  it('does not flag a column with a single real item', () => {
    expect(run([{ id: 'a' }, { items: [item(1, null)] }])).toEqual([]);
  });

  it('does not flag a column that timed out or answered 404, even with no items', () => {
    expect(run([{ id: 'a' }, { fetch: TIMEOUT, items: [] }], [{ id: 'b' }, { fetch: http(404), items: [] }])).toEqual(
      [],
    );
  });
});

describe('placeholder titles', () => {
  it('recognises the usual CMS placeholders', () => {
    for (const t of [
      '暂无信息',
      '暂无相关信息！',
      '本栏目暂无内容',
      '正在建设中...',
      '栏目建设中',
      '无内容',
      '敬请期待',
      '暂无数据',
      ' ',
    ]) {
      expect(isPlaceholderTitle(t), t).toBe(true);
    }
  });

  it('does not take real titles that merely contain such words for placeholders', () => {
    for (const t of ['关于暂无违法用地情况的说明', '无锡市土地市场动态', '2017年度建设用地计划', '无证采矿案件通报']) {
      expect(isPlaceholderTitle(t), t).toBe(false);
    }
  });
});
