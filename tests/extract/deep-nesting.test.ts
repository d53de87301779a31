import { Element, Text } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { Budget, isBudgetExceeded } from '../../functions/extract/budget.ts';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { flatText, inFurniture, textOf, visibleChars } from '../../functions/extract/dom.ts';
import { extractHomepage } from '../../functions/extract/homepage-extractor.ts';
import { findLabels } from '../../functions/extract/labels.ts';
import { extractList } from '../../functions/extract/list-extractor.ts';
import { extractMessageList } from '../../functions/extract/message-list.ts';
import { extractMessagePage } from '../../functions/extract/message-page.ts';
import { MAX_NESTING, nestingDepth } from '../../functions/extract/parse.ts';
import { checkServiceGuide } from '../../functions/extract/service-guide.ts';

// A page of 100,000 nested <div>s once held a scan for minutes and overflowed the stack. The
// DOM walks read such a tree without recursion; the extractors refuse the page with the budget
// error before parsing it; a page nested just under the limit is read in full.

const DEPTH = 100_000;
const URL = 'http://www.example.gov.cn/col/col1/index.html';
const nested = (depth: number, inner: string) =>
  `<html><body>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</body></html>`;
const ITEM = '<a href="/art/2024/1/5/art_1_123456.html">关于印发土地市场管理办法的通知</a><span>2024-01-05</span>';

/** A chain of `depth` <div>s built directly (no parser), the innermost holding `text`. */
function divChain(depth: number, text: string, outerClass?: string): { root: Element; innermost: Element } {
  const innermost = new Element('div', {}, [new Text(text)]);
  let root = innermost;
  for (let i = 1; i < depth; i++)
    root = new Element('div', i === depth - 1 && outerClass ? { class: outerClass } : {}, [root]);
  for (let el: Element = root; el.children[0] instanceof Element; el = el.children[0]) el.children[0].parent = el;
  innermost.children[0]!.parent = innermost;
  return { root, innermost };
}

function refusal(run: () => unknown): unknown {
  try {
    run();
    return null;
  } catch (err) {
    return err;
  }
}

describe('DOM walks on a tree 100,000 deep', () => {
  it('read its text without overflowing the stack', () => {
    const { root, innermost } = divChain(DEPTH, '索引号：', 'nav');
    expect(textOf(root).replace(/\n/g, '')).toBe('索引号：');
    expect(flatText(root)).toBe('索引号：');
    expect(visibleChars(root)).toBe(4);
    expect(inFurniture(innermost)).toBe(true);
    expect(findLabels(root).map((h) => h.label)).toEqual(['索引号']);
  });
});

describe('extractors on a page 100,000 deep', () => {
  const html = nested(DEPTH, ITEM);

  it('measures the nesting in one pass (html, body, the divs, the link)', () => {
    expect(nestingDepth(html)).toBe(DEPTH + 3);
    // Unclosed paragraphs and list items are closed by the next one, as parsers do.
    expect(nestingDepth(`<body>${'<p>x'.repeat(5000)}<ul>${'<li>y'.repeat(5000)}</ul></body>`)).toBeLessThan(5);
  });

  it.each([
    ['detail', () => extractDetail(html, URL)],
    ['list', () => extractList(html, URL)],
    ['homepage', () => extractHomepage(html, URL)],
    ['message list', () => extractMessageList(html, URL)],
    ['message page', () => extractMessagePage(html)],
    ['service guide', () => checkServiceGuide(html)],
  ])('%s: refused with ExtractionBudgetExceeded, not a RangeError', (_, run) => {
    const err = refusal(run);
    expect(isBudgetExceeded(err)).toBe(true);
    expect((err as Error).message).toMatch(/nested 100003 deep/);
  });
});

describe('a page nested just under the limit', () => {
  const html = nested(MAX_NESTING - 10, ITEM);
  // A generous budget: this is about what is read, not how fast.
  const budget = () => new Budget('test page', 60_000);

  it('is read in full by the list and detail extractors', () => {
    expect(extractList(html, URL, {}, budget()).items).toEqual([
      {
        title: '关于印发土地市场管理办法的通知',
        href: '/art/2024/1/5/art_1_123456.html',
        url: 'http://www.example.gov.cn/art/2024/1/5/art_1_123456.html',
        date: '2024-01-05',
      },
    ]);
    const detail = extractDetail(html, URL, budget());
    expect(detail.bodyText).toContain('关于印发土地市场管理办法的通知');
    expect(detail.links.map((l) => l.url)).toEqual(['http://www.example.gov.cn/art/2024/1/5/art_1_123456.html']);
  });

  it('runs out of a spent budget with the budget error', () => {
    const spent = new Budget('test page', -1);
    expect(isBudgetExceeded(refusal(() => extractDetail(html, URL, spent)))).toBe(true);
  });
});
