import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { tick } from './budget.ts';

// Small DOM helpers over cheerio's node tree (domhandler), for walks that cheerio's selector API
// does not express well: text with block boundaries, "the next thing after this label".

/** Elements whose content is never visible page text. */
const INVISIBLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'select',
  'option',
  'textarea',
  'head',
  'title',
  'iframe',
]);

/** Inline elements: their text runs on with the surrounding text (no line break). */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'big',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'ins',
  'del',
  'label',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'nobr',
  'wbr',
  'img',
]);

export function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

export function isTextNode(node: AnyNode | null | undefined): node is AnyNode & { data: string } {
  return !!node && node.type === 'text';
}

export function isInvisible(el: Element): boolean {
  return INVISIBLE.has(el.name);
}

export function isInline(el: Element): boolean {
  return INLINE.has(el.name);
}

/**
 * Walks a subtree depth-first without recursion (pages nest thousands deep), ticking the page's
 * budget. `enter` returns false to skip a node's children (and its `leave`).
 */
export function walk(root: AnyNode, enter: (n: AnyNode) => boolean, leave?: (n: AnyNode) => void): void {
  // Two parallel stacks, not an object per node: this runs for every node of every page.
  const nodes: AnyNode[] = [root];
  const left: boolean[] = [false];
  while (nodes.length > 0) {
    tick();
    const node = nodes.pop()!;
    if (left.pop()) {
      leave!(node);
      continue;
    }
    if (!enter(node)) continue;
    if (leave) {
      nodes.push(node);
      left.push(true);
    }
    const children = 'children' in node ? node.children : [];
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      left.push(false);
    }
  }
}

/**
 * Visible text of a node. Block elements, table cells and `<br>` become line breaks, so callers
 * can tell "索引号\n000019174" (two cells) from "索引号000019174". Nodes `skip` rejects read as a
 * blank.
 */
export function textOf(node: AnyNode, skip?: (n: AnyNode) => boolean): string {
  const out: string[] = [];
  walk(
    node,
    (n) => {
      if (skip?.(n)) out.push(' ');
      else if (isTextNode(n)) out.push(n.data);
      else if (!isElement(n) || isInvisible(n)) return false;
      else if (n.name === 'br') out.push('\n');
      else {
        if (!isInline(n)) out.push('\n');
        return true;
      }
      return false;
    },
    (n) => {
      if (!isInline(n as Element)) out.push('\n');
    },
  );
  return out.join('');
}

/** What `/[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/` matches: JavaScript's blanks and the zero-width characters. */
function isBlank(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters of `s` that are not blank, counted in place: every text node of every page passes here. */
function nonBlankLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isBlank(s.charCodeAt(i))) n += 1;
  return n;
}

const visibleCache = new WeakMap<AnyNode, number>();

/** Characters of visible text under a node, blanks not counted; each node is counted once per page. */
export function visibleChars(node: AnyNode): number {
  const known = visibleCache.get(node) ?? leafChars(node);
  if (known !== undefined) {
    visibleCache.set(node, known);
    return known;
  }
  // Post-order without recursion, a running sum per open element: a finished child's count is
  // added to its parent's as it is known, not looked up again (this runs for every node of a page).
  const open: Element[] = [node as Element];
  const next: number[] = [0];
  const sums: number[] = [0];
  while (open.length > 0) {
    tick();
    const top = open.length - 1;
    const el = open[top]!;
    const i = next[top]!;
    if (i === el.children.length) {
      const count = sums[top]!;
      visibleCache.set(el, count);
      open.pop();
      next.pop();
      sums.pop();
      if (top > 0) sums[top - 1]! += count;
      continue;
    }
    next[top] = i + 1;
    const child = el.children[i]!;
    const count = visibleCache.get(child) ?? leafChars(child);
    if (count === undefined) {
      open.push(child as Element);
      next.push(0);
      sums.push(0);
      continue;
    }
    visibleCache.set(child, count);
    sums[top]! += count;
  }
  return visibleCache.get(node)!;
}

/** A node's visible characters when it has no visible children to count; undefined for an element that has. */
function leafChars(n: AnyNode): number | undefined {
  if (isTextNode(n)) return nonBlankLength(n.data);
  if (!isElement(n) || isInvisible(n)) return 0;
  return undefined;
}

/** The one child element holding all of an element's visible text, if there is one. */
function soleTextChild(el: Element): Element | null {
  let sole: AnyNode | null = null;
  for (const c of el.children) {
    if (visibleChars(c) === 0) continue;
    if (sole) return null;
    sole = c;
  }
  return sole && isElement(sole) ? sole : null;
}

const flatCache = new WeakMap<AnyNode, string>();

/**
 * Visible text on one line: every blank run (line breaks included) becomes one space. A wrapper
 * whose text is all in one child has that child's text, so a chain of wrappers is read once.
 */
export function flatText(node: AnyNode): string {
  if (visibleChars(node) === 0) return '';
  const wrappers: Element[] = [];
  let inner = node;
  for (let sole = isElement(inner) ? soleTextChild(inner) : null; sole && !flatCache.has(inner);) {
    tick();
    wrappers.push(inner as Element);
    inner = sole;
    sole = soleTextChild(sole);
  }
  let text = flatCache.get(inner);
  if (text === undefined) {
    text = textOf(inner)
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/[\s\u00a0\u3000]+/g, ' ')
      .trim();
    flatCache.set(inner, text);
  }
  for (const w of wrappers) flatCache.set(w, text);
  return text;
}

/**
 * Every element under the page's <body>, in document order. A selector such as `body *` checks
 * each element's ancestors for the body, which is quadratic on a deep page; this is one walk.
 */
export function bodyElements($: CheerioAPI): Element[] {
  const out: Element[] = [];
  for (const body of $('body').toArray())
    walk(body, (n) => {
      if (n !== body && isElement(n)) out.push(n);
      return 'children' in n;
    });
  return out;
}

/** Ancestors of a node, nearest first (up to, not including, the document root). */
export function ancestors(node: AnyNode): Element[] {
  const out: Element[] = [];
  for (let p = node.parent; p && isElement(p); p = p.parent) {
    tick();
    out.push(p);
  }
  return out;
}

/** `tag.class1.class2` (classes sorted): the shape of an element, for grouping list rows. */
export function describe(el: Element): string {
  const cls = (el.attribs.class ?? '').trim().split(/\s+/).filter(Boolean).sort().join('.');
  return `${el.name}${cls ? `.${cls}` : ''}`;
}

/** class + id of an element, lower-cased, for name-based hints (nav, footer, title …). */
export function nameHints(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}

// Page furniture: header, navigation, breadcrumbs, sidebars, footer. Matched against tag names
// and class/id tokens; used to keep their links and texts out of content decisions. A token
// counts when it starts with a furniture word (nav, header_21_tit, footer-con) or ends with a
// navigation word (main-nav, list_weizhi); "detail_header" or "article-head" is the article's
// own head and does not count.
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const FURNITURE_WORDS =
  'nav|navbar|menu|menus|header|head|top|topbar|footer|foot|bottom|copyright|breadcrumbs?|crumbs?|weizhi|position|location|dh|daohang|sidebar|side|links?|friend|yqlj|share|banner|logo|search';
const FURNITURE_START = new RegExp(`^(${FURNITURE_WORDS})([_-]|\\d|$)`);
const FURNITURE_END =
  /[_-](nav|menu|menus|footer|foot|breadcrumbs?|crumbs?|weizhi|position|location|daohang|sidebar|share|search)$/;

export function isFurniture(el: Element): boolean {
  if (FURNITURE_TAGS.has(el.name)) return true;
  return nameHints(el)
    .split(/\s+/)
    .some((token) => FURNITURE_START.test(token) || FURNITURE_END.test(token));
}

// Per element: it or one of its ancestors is furniture. Filled top-down as asked, so asking for
// every node of a deep page stays linear.
const furnitureCache = new WeakMap<AnyNode, boolean>();

export function inFurniture(node: AnyNode): boolean {
  const unknown: Element[] = [];
  let inside = false;
  for (let p = node.parent; p && isElement(p); p = p.parent) {
    tick();
    const known = furnitureCache.get(p);
    if (known !== undefined) {
      inside = known;
      break;
    }
    unknown.push(p);
  }
  for (let i = unknown.length - 1; i >= 0; i--) {
    inside ||= isFurniture(unknown[i]!);
    furnitureCache.set(unknown[i]!, inside);
  }
  return inside;
}
