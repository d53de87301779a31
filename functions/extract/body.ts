import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { tick } from './budget.ts';
import { inFurniture, isElement, isInvisible, isTextNode, walk } from './dom.ts';

// Finding the article body. Publishing systems wrap it in a known container (TRS: TRS_Editor /
// trs_editor_view / #zoom, 大汉 JCMS: #zoom, Hanweb: #UCAP-CONTENT …). Those are trusted even when
// empty: an empty editor container is exactly the "content only as an attachment" case. Pages
// without one fall back to generic article containers, then to the block with the most
// paragraph text (text density).

const EDITOR_CONTAINERS = [
  '.TRS_Editor',
  '.trs_editor_view',
  '.TRS_UEDITOR',
  '.trs_paper_default',
  '#UCAP-CONTENT',
  '.Custom_UnionStyle',
  '#zoom',
  '#Zoom',
  '.zoom',
  '#fontzoom',
  '.view',
  '#ivs_content',
  '.ivs_content',
];
const ARTICLE_CONTAINERS = [
  '.article-content',
  '.article_content',
  '.articleContent',
  '.pages_content',
  '.content-text',
  '.detail-content',
  '.detail_content',
  '.xl_content',
  '.con_text',
  '.txt_content',
  '.zwnr',
  '.zw',
  '.main-text',
  '#content',
  'article',
  '.article',
  '.wjnr',
  '.content-main',
  '.content_main',
  '.content',
  '.con',
  '.text',
];
/** Characters of text that make a container an article rather than page furniture. */
const SUBSTANTIAL = 200;

/** Text length of a subtree (blanks not counted), skipping what `skip` rejects. */
export function textLength(node: AnyNode, skip: (n: AnyNode) => boolean): number {
  let n = 0;
  walk(node, (c) => {
    if (skip(c)) return false;
    if (isTextNode(c)) n += c.data.replace(/[\s\u00a0\u3000\u200b]+/g, '').length;
    return isElement(c) && !isInvisible(c);
  });
  return n;
}

function largest(els: Element[], skip: (n: AnyNode) => boolean): Element | null {
  let best: Element | null = null;
  let bestLen = -1;
  for (const el of els) {
    const len = textLength(el, skip);
    if (len > bestLen) {
      best = el;
      bestLen = len;
    }
  }
  return best;
}

const notLink = (x: AnyNode) => isElement(x) && x.name === 'a';

/** Paragraph text directly in a block: its own text nodes and paragraph children, links excluded. */
function ownParagraphText(el: Element): number {
  let n = 0;
  for (const c of el.children) {
    if (isTextNode(c)) n += c.data.trim().length;
    else if (isElement(c) && ['p', 'span', 'font', 'strong', 'b', 'section'].includes(c.name))
      n += textLength(c, notLink);
  }
  return n;
}

/**
 * The element holding the article body, or null. `skip` tells which nodes (title, metadata
 * rows) do not count as body text.
 */
/** Whether an element matches a selector of the lists above: `.class`, `#id` or a tag name (as css-select does). */
function matches(el: Element, selector: string, classes: string[]): boolean {
  if (selector.startsWith('.')) return classes.includes(selector.slice(1));
  if (selector.startsWith('#')) return el.attribs.id === selector.slice(1);
  return el.name === selector;
}

/**
 * The elements each list matches, by selector in list order and each in document order, as
 * `selectors.flatMap((s) => $(s).toArray())` returns them. One walk of the page instead of one
 * per selector: 35 walks were a tenth of a detail page's extraction.
 */
function containersByList($: CheerioAPI, lists: string[][]): Element[][] {
  const found = lists.map((list) => list.map((): Element[] => []));
  for (const root of $.root().toArray())
    walk(root, (n) => {
      if (!isElement(n)) return 'children' in n;
      const classes = (n.attribs.class ?? '').split(/\s+/);
      lists.forEach((list, l) =>
        list.forEach((selector, s) => {
          if (matches(n, selector, classes)) found[l]![s]!.push(n);
        }),
      );
      return true;
    });
  return found.map((bySelector) => bySelector.flat());
}

export function findBodyContainer($: CheerioAPI, skip: (n: AnyNode) => boolean): Element | null {
  const [editorMatches, articleMatches] = containersByList($, [EDITOR_CONTAINERS, ARTICLE_CONTAINERS]);
  const pick = (els: Element[]) => els.filter((el) => !inFurniture(el));

  const editors = pick(editorMatches!);
  if (editors.length > 0) return largest(editors, skip);

  // A generic .content often wraps half the page; the innermost match is the body. An empty
  // innermost one (an empty .content-main) stands, unless an outer match holds real text.
  const articles = pick(articleMatches!);
  const holdsArticle = new Set<AnyNode>();
  for (const el of articles) {
    // Marking stops at an ancestor already marked: its own ancestors are marked too.
    for (let p = el.parent; p && !holdsArticle.has(p); p = p.parent) {
      tick();
      holdsArticle.add(p);
    }
  }
  const innermost = articles.filter((el) => !holdsArticle.has(el));
  const inner = largest(innermost, skip);
  if (inner) {
    if (textLength(inner, skip) > 0) return inner;
    const outer = largest(articles, skip);
    return outer && textLength(outer, skip) >= SUBSTANTIAL ? outer : inner;
  }

  let best: Element | null = null;
  let bestScore = 0;
  $('div, td, section, article').each((_, el) => {
    tick();
    if (!isElement(el) || inFurniture(el)) return;
    const score = ownParagraphText(el);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  });
  return best;
}
