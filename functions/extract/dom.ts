import type { AnyNode, Element } from 'domhandler';

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
 * Visible text of a node. Block elements, table cells and `<br>` become line breaks, so callers
 * can tell "索引号\n000019174" (two cells) from "索引号000019174".
 */
export function textOf(node: AnyNode): string {
  if (isTextNode(node)) return node.data;
  if (!isElement(node) || isInvisible(node)) return '';
  if (node.name === 'br') return '\n';
  let out = '';
  for (const child of node.children) out += textOf(child);
  return isInline(node) ? out : `\n${out}\n`;
}

/** Visible text on one line: every blank run (line breaks included) becomes one space. */
export function flatText(node: AnyNode): string {
  return textOf(node)
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** Ancestors of a node, nearest first (up to, not including, the document root). */
export function ancestors(node: AnyNode): Element[] {
  const out: Element[] = [];
  for (let p = node.parent; p && isElement(p); p = p.parent) out.push(p);
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

export function inFurniture(node: AnyNode): boolean {
  return ancestors(node).some(isFurniture);
}
