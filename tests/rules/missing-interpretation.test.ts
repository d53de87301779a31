import { describe, expect, it } from 'vitest';
import { missingInterpretation } from '../../functions/rules/missing-interpretation.ts';
import { similarity } from '../../functions/rules/interpretation-match.ts';
import type { ItemSnapshot, PageSnapshot } from '../../functions/model/snapshot.ts';
import { column, context, HOST, page, snapshot, TIMEOUT } from '../support/builders.ts';

const DOC = `${HOST}/zcwj/t1.html`;
const doc = (over: Partial<PageSnapshot> = {}) =>
  page(DOC, 'zcwj', {
    title: '梅河口市国土资源局关于印发《土地执法监察工作制度》的通知',
    publishedDate: '2017-03-08',
    ...over,
  });
const interp = (n: number, over: Partial<PageSnapshot>) =>
  page(`${HOST}/zcjd/t${n}.html`, 'zcjd', { publishedDate: '2017-03-10', ...over });
const run = (pages: PageSnapshot[], interpretationList: ItemSnapshot[] = []) => {
  const s = snapshot({
    columns: [
      column({ id: 'zcwj', name: '政策文件', kind: 'policy', department: '法规科' }, { items: [] }),
      column(
        { id: 'zcjd', name: '政策解读', kind: 'interpretation', department: '法规科' },
        { items: interpretationList },
      ),
    ],
    pages,
  });
  return missingInterpretation(s, context(s));
};

describe('missing-interpretation (三同步)', () => {
  it('is satisfied by a 解读 citing the document’s 《title》 within 3 working days', () => {
    expect(run([doc(), interp(1, { title: '《土地执法监察工作制度》政策解读' })])).toEqual([]);
  });

  it('is satisfied by a 解读 that links to the document', () => {
    expect(run([doc(), interp(1, { title: '图解：我局执法监察新规', links: [{ url: DOC, text: '原文' }] })])).toEqual(
      [],
    );
  });

  it('is satisfied by a 解读 the document links to', () => {
    expect(
      run([
        doc({ links: [{ url: `${HOST}/zcjd/t1.html`, text: '相关解读' }] }),
        interp(1, { title: '图解：我局执法监察新规' }),
      ]),
    ).toEqual([]);
  });

  it('is satisfied by a listed 解读 whose page could not be read, by its list title and date', () => {
    const listed = { title: '《土地执法监察工作制度》政策解读', url: `${HOST}/zcjd/t1.html`, date: '2017-03-10' };
    expect(run([doc(), interp(1, { title: null, fetch: TIMEOUT })], [listed])).toEqual([]);
    expect(run([doc()], [{ ...listed, date: '2017-03-14' }])[0]!.evidence).toMatchObject({
      interpretation: listed.url,
      workingDays: 4,
    });
  });

  it('is satisfied by a 解读 whose title is close to the document’s', () => {
    expect(
      run([
        doc({ title: '梅河口市国土资源局关于加强耕地占补平衡管理的通知' }),
        interp(1, { title: '关于加强耕地占补平衡管理通知的解读' }),
      ]),
    ).toEqual([]);
  });

  it('flags a document without any 解读, saying none was found', () => {
    const [f] = run([doc()]);
    expect(f).toMatchObject({
      rule: 'missing-interpretation',
      severity: 'major',
      columnId: 'zcwj',
      evidence: { interpretation: null, publishedDate: '2017-03-08' },
    });
    expect(f!.message).toContain('未找到对应的政策解读');
  });

  it('flags a 解读 published 4 working days later, naming both pages', () => {
    const [f] = run([doc(), interp(1, { title: '《土地执法监察工作制度》政策解读', publishedDate: '2017-03-14' })]);
    expect(f!.evidence).toMatchObject({ interpretation: `${HOST}/zcjd/t1.html`, workingDays: 4, matchedBy: 'cites' });
  });

  it('does not judge documents from before the 2016 三同步 rule', () => {
    expect(run([doc({ publishedDate: '2015-06-01' })])).toEqual([]);
  });

  it('does not pair unrelated titles', () => {
    expect(similarity('土地执法监察工作制度', '国土资源信访工作办法')).toBeLessThan(0.6);
    expect(run([doc(), interp(1, { title: '《国土资源信访工作办法》解读' })])).toHaveLength(1);
  });
});
