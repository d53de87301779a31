import { describe, expect, it } from 'vitest';
import { obsoleteName, usesOldName } from '../../functions/rules/obsolete-name.ts';
import { column, context, item, page, snapshot } from '../support/builders.ts';

const URL = 'http://gtj.example.gov.cn/gzdt/1.html';
const RENAME = { old: '国土资源局', new: '自然资源局', since: '2019-03-01' };
const run = (p: ReturnType<typeof page>, listDate: string | null = null, renames = [RENAME]) => {
  const s = snapshot({
    columns: [
      column({ id: 'gzdt', name: '工作动态', department: '办公室' }, { items: [item(1, listDate, { url: URL })] }),
    ],
    pages: [p],
    portal: { obsoleteNames: renames },
  });
  return obsoleteName(s, context(s, { asOf: '2019-06-01' }));
};
const usingOld = (over: Parameters<typeof page>[2] = {}) =>
  page(URL, 'gzdt', {
    title: '局召开工作会议',
    publishedDate: '2019-04-02',
    textSignals: { obsoleteNames: ['国土资源局'] },
    ...over,
  });

describe('obsolete-name', () => {
  it('flags a page published after the renaming whose body uses the old name', () => {
    const [f, ...rest] = run(usingOld());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'obsolete-name',
      severity: 'minor',
      url: URL,
      subject: URL,
      columnId: 'gzdt',
      department: '办公室',
      evidence: { old: '国土资源局', new: '自然资源局', since: '2019-03-01', publishedDate: '2019-04-02' },
    });
    expect(f!.action).toContain('办公室信息员');
  });

  it('flags a page published on the renaming day itself', () => {
    expect(run(usingOld({ publishedDate: '2019-03-01' }))).toHaveLength(1);
  });

  it('flags an old name in the title even without text signals', () => {
    expect(
      run(page(URL, 'gzdt', { title: '梅河口市国土资源局2019年工作要点', publishedDate: '2019-04-02' })),
    ).toHaveLength(1);
  });

  it('falls back to the list date when the page shows no publication date', () => {
    expect(run(usingOld({ publishedDate: null }), '2019-05-05')[0]!.evidence).toMatchObject({
      publishedDate: '2019-05-05',
    });
    expect(run(usingOld({ publishedDate: null }), '2018-05-05')).toEqual([]);
    expect(run(usingOld({ publishedDate: null }), null)).toEqual([]);
  });

  it('does not flag a page published before the renaming', () => {
    expect(run(usingOld({ publishedDate: '2019-02-28' }))).toEqual([]);
  });

  it('does not flag a page that uses only the new name', () => {
    expect(run(page(URL, 'gzdt', { title: '梅河口市自然资源局2019年工作要点', publishedDate: '2019-04-02' }))).toEqual(
      [],
    );
  });

  it('does not count an old name that only occurs inside the new one', () => {
    const nested = { old: '资源局', new: '自然资源局', since: '2019-03-01' };
    expect(
      run(page(URL, 'gzdt', { title: '自然资源局工作要点', publishedDate: '2019-04-02' }), null, [nested]),
    ).toEqual([]);
    expect(usesOldName('自然资源局（原资源局）', '资源局', '自然资源局')).toBe(true);
  });

  it('does nothing when the portal lists no renamings', () => {
    expect(run(usingOld(), null, [])).toEqual([]);
  });
});
