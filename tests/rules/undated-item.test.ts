import { describe, expect, it } from 'vitest';
import { undatedItem } from '../../functions/rules/undated-item.ts';
import { column, context, http, item, page, snapshot } from '../support/builders.ts';
import type { PageSnapshot } from '../../functions/model/snapshot.ts';

const undated = item(1, null, { title: '土地征收补偿方案' });
const run = (opts: { kind?: 'news' | 'static'; pages?: PageSnapshot[]; items?: ReturnType<typeof item>[] } = {}) => {
  const s = snapshot({
    columns: [
      column(
        { id: 'tdzs', name: '土地征收', kind: opts.kind ?? 'news', department: '征地科' },
        { items: opts.items ?? [undated, item(2, '2018-01-10')] },
      ),
    ],
    pages: opts.pages ?? [],
  });
  return undatedItem(s, context(s));
};

describe('undated-item', () => {
  it('flags a list item without a date whose page was not fetched, one finding per item URL', () => {
    const [f, ...rest] = run();
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'undated-item',
      severity: 'minor',
      subject: undated.url,
      url: undated.url,
      title: '土地征收补偿方案',
      columnId: 'tdzs',
      department: '征地科',
      evidence: { listDate: null, pageFetched: false },
    });
  });

  it('flags an undated item whose page has only a 成文日期 and no 发布日期', () => {
    expect(
      run({ pages: [page(undated.url, 'tdzs', { generatedDate: '2017-12-01', publishedDate: null })] }),
    ).toHaveLength(1);
  });

  it('does not flag an undated list item whose page shows a 发布日期', () => {
    expect(run({ pages: [page(undated.url, 'tdzs', { publishedDate: '2017-12-05' })] })).toEqual([]);
  });

  it('does not flag items in a static column', () => {
    expect(run({ kind: 'static' })).toEqual([]);
  });

  it('does not flag placeholder rows or items whose page answered 404', () => {
    expect(run({ items: [item(3, null, { title: '暂无信息' })] })).toEqual([]);
    expect(run({ pages: [page(undated.url, 'tdzs', { notFound: true, fetch: http(404) })] })).toEqual([]);
  });

  it('reports an item listed twice (two list pages) once', () => {
    expect(run({ items: [undated, { ...undated }] })).toHaveLength(1);
  });
});
