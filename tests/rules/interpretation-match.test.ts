import { describe, expect, it } from 'vitest';
import {
  coreTitle,
  documentNames,
  interpretationFinder,
  interpretationNames,
  isInterpretation,
  isPolicyDocument,
  policyPaper,
  similarity,
  type PolicyPaper,
} from '../../functions/rules/interpretation-match.ts';
import { HOST, page, TIMEOUT } from '../support/builders.ts';

const DOC_TITLE = '梅河口市国土资源局关于印发《土地执法监察工作制度》的通知';
const paper = (slug: string, title: string, over: Partial<PolicyPaper> = {}): PolicyPaper => ({
  url: `${HOST}/${slug}.html`,
  title,
  listTitle: null,
  cites: [],
  links: [],
  ...over,
});
const doc = (over: Partial<PolicyPaper> = {}) => paper('zcwj/t1', DOC_TITLE, over);
/** How the 解读 explains the document, or null. */
const how = (d: PolicyPaper, i: PolicyPaper) => interpretationFinder([i], '梅河口市国土资源局')(d)[0]?.how ?? null;

describe('the names a document goes by and a 解读 gives', () => {
  it('derives the names a document is cited by, and its core title', () => {
    expect(documentNames(DOC_TITLE)).toEqual(['关于印发土地执法监察工作制度的通知', '土地执法监察工作制度']);
    expect(documentNames('梅河口市国土资源局城乡建设用地增减挂钩管理办法', '梅河口市国土资源局')).toEqual([
      '城乡建设用地增减挂钩管理办法',
    ]);
    expect(coreTitle(DOC_TITLE)).toBe('土地执法监察工作制度');
    expect(coreTitle('梅河口市国土资源局关于加强耕地占补平衡管理的通知')).toBe('加强耕地占补平衡管理');
  });

  it('reads what a 解读 quotes, and its bare title', () => {
    expect(interpretationNames('《国土资源信访工作办法》解读')).toEqual({
      cited: ['国土资源信访工作办法'],
      bare: '国土资源信访工作办法',
    });
    expect(interpretationNames('图解：新规', ['中华人民共和国土地管理法', '条例'])).toEqual({
      cited: ['中华人民共和国土地管理法'],
      bare: null,
    });
    // "解读" alone names nothing.
    expect(interpretationNames('解读')).toEqual({ cited: [], bare: null });
  });
});

describe('the evidence that a 解读 explains a document', () => {
  it('takes a 《title》 the 解读 quotes, in its title or in its body', () => {
    expect(how(doc(), paper('zcjd/t1', '《土地执法监察工作制度》政策解读'))).toBe('cites');
    expect(how(doc(), paper('zcjd/t1', '一起来看新规', { cites: ['关于印发土地执法监察工作制度的通知'] }))).toBe(
      'cites',
    );
  });

  it('takes a link either way, with no title in common', () => {
    const interp = paper('zcjd/t1', '图解：我局执法监察新规');
    expect(how(doc(), interp)).toBeNull();
    expect(how(doc(), { ...interp, links: [doc().url] })).toBe('link');
    expect(how(doc({ links: [interp.url] }), interp)).toBe('link');
  });

  it('takes a bare title that a name contains, or one close to the core title', () => {
    expect(
      how(
        paper('zcwj/t5', '梅河口市国土资源局城乡建设用地增减挂钩管理办法'),
        paper('gzdt/n1', '城乡建设用地增减挂钩管理办法解读'),
      ),
    ).toBe('title');
    expect(
      how(
        paper('zcwj/t3', '梅河口市国土资源局关于加强耕地占补平衡管理的通知'),
        paper('zcjd/t3', '关于加强耕地占补平衡管理通知的解读'),
      ),
    ).toBe('title');
  });

  it('does not pair unrelated titles, nor a name of under 4 characters', () => {
    expect(similarity('土地执法监察工作制度', '国土资源信访工作办法')).toBeLessThan(0.6);
    expect(how(doc(), paper('zcjd/t2', '《国土资源信访工作办法》解读'))).toBeNull();
    expect(how(doc(), paper('zcjd/t2', '《制度》解读', { cites: ['工作'] }))).toBeNull();
  });

  it('lists every 解读 that explains a document', () => {
    const a = paper('zcjd/a', '《土地执法监察工作制度》解读');
    const b = paper('zcjd/b', '图解', { links: [doc().url] });
    const c = paper('zcjd/c', '《国土资源信访工作办法》解读');
    expect(interpretationFinder([a, b, c])(doc())).toEqual([
      { interpretation: a, how: 'cites' },
      { interpretation: b, how: 'link' },
    ]);
  });
});

describe('what counts as a 解读 and as a policy document', () => {
  it('reads a page only when it shows content, else keeps the list title', () => {
    const url = `${HOST}/zcjd/t9.html`;
    const read = page(url, 'zcjd', {
      title: '新规图解',
      textSignals: { cites: ['土地执法监察工作制度'] },
      links: [{ url: 'x', text: '原文' }],
    });
    expect(policyPaper(url, '《土地执法监察工作制度》解读', read)).toEqual({
      url,
      title: '新规图解',
      listTitle: '《土地执法监察工作制度》解读',
      cites: ['土地执法监察工作制度'],
      links: ['x'],
    });
    expect(policyPaper(url, '新规图解', { ...read, fetch: TIMEOUT })).toEqual({
      url,
      title: '新规图解',
      listTitle: null,
      cites: [],
      links: [],
    });
    expect(policyPaper(url, '新规图解', { ...read, notFound: true }).cites).toEqual([]);
  });

  it('takes an interpretation column’s entries, and any entry whose page or list title says 解读', () => {
    expect(isInterpretation('interpretation', paper('a', '图文：新规'))).toBe(true);
    expect(isInterpretation('news', paper('a', '新规图解', { listTitle: '新规解读' }))).toBe(true);
    expect(isInterpretation('news', paper('a', '新规图解'))).toBe(false);
    expect(isPolicyDocument('policy', paper('a', DOC_TITLE))).toBe(true);
    expect(isPolicyDocument('policy', paper('a', '关于某文件的解读'))).toBe(false);
    expect(isPolicyDocument('notice', paper('a', DOC_TITLE))).toBe(false);
  });
});
