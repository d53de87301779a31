import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parseDateCell, type DateContext } from './dates.ts';
import {
  ancestors,
  bodyElements,
  describe,
  flatText,
  inFurniture,
  isElement,
  isInvisible,
  isTextNode,
  visibleChars,
  walk,
} from './dom.ts';
import { absoluteUrl, isAttachmentUrl, normalizeText } from './text.ts';
import { tick } from './budget.ts';

// Finding the content list among the links of a list page. Every link that could be an item is
// a candidate; each candidate's row is the largest element around it that holds no other
// candidate (li, tr, a table-like div …). Rows with the same shape form a group, and the group
// that looks most like content — dated rows, article URLs, real titles, outside the page
// furniture — is the list. Grouping by shape rather than by parent keeps lists that a template
// splits into several <ul class="list"> blocks, or into sections, together.

/** Link texts of pagers and "more" links: never items. */
const PAGER_TEXT =
  /^(首页|尾页|末页|上一页|下一页|上页|下页|前一页|后一页|第?\d+页?|更多|more|查看更多|>>|<<|>|<|»|«|›|‹|返回|go|跳转|确定)$/i;

export interface Candidate {
  link: Element;
  url: string;
  /** Visible text of the link, without a date printed inside it. */
  text: string;
  titleAttr: string;
}

export interface Row {
  candidate: Candidate;
  /** The row element (holds this candidate and no other). */
  el: Element;
  /** Where the row's date and 文号 cells are looked for. */
  scope: Element;
  dates: { date: string; cell: AnyNode }[];
}

/** Text of a link, leaving out a date-only child (`<a><span>2017-12-05</span>标题</a>`). */
function linkText(link: Element, ctx: DateContext): string {
  const parts: string[] = [];
  walk(link, (n) => {
    if (isTextNode(n)) parts.push(n.data);
    else if (isElement(n) && !isInvisible(n)) return n === link || !isDateCell(n, ctx);
    return false;
  });
  return normalizeText(parts.join(''));
}

/** The date an element holds as its only text, or null. A date cell is short: longer text is not read. */
function dateCellOf(el: Element, ctx: DateContext): string | null {
  const chars = visibleChars(el);
  if (chars === 0 || chars > 40) return null;
  const t = flatText(el);
  return t.length <= 40 ? parseDateCell(t, ctx) : null;
}

const isDateCell = (el: Element, ctx: DateContext) => dateCellOf(el, ctx) !== null;

export function findCandidates($: CheerioAPI, baseUrl: string, ctx: DateContext): Candidate[] {
  const out: Candidate[] = [];
  bodyElements($).forEach((el) => {
    tick();
    if (el.name !== 'a' || el.attribs.href === undefined) return;
    const url = absoluteUrl(el.attribs.href ?? '', baseUrl);
    // Per-item downloads (.pdf/.docx beside the title link) are not items.
    if (!url || isAttachmentUrl(url)) return;
    const text = linkText(el, ctx);
    const titleAttr = normalizeText(el.attribs.title ?? '');
    const label = text || titleAttr;
    if (label.length < 4 || PAGER_TEXT.test(label)) return;
    out.push({ link: el, url, text, titleAttr });
  });
  return out;
}

/** Every date-only cell inside a row, in document order. */
function dateCells(scope: Element, ctx: DateContext): { date: string; cell: AnyNode }[] {
  const out: { date: string; cell: AnyNode }[] = [];
  walk(scope, (n) => {
    if (isTextNode(n)) {
      const d = n.data.trim().length <= 40 ? parseDateCell(n.data, ctx) : null;
      if (d) out.push({ date: d, cell: n });
      return false;
    }
    if (!isElement(n) || isInvisible(n)) return false;
    const d = n === scope ? null : dateCellOf(n, ctx);
    if (d) out.push({ date: d, cell: n });
    return !d;
  });
  return out;
}

const ROW_TAGS = new Set(['li', 'tr', 'dd', 'dt']);

/**
 * Elements a row never grows past, so that a list with a single item keeps a small row: a table
 * row, a definition, and a list item that is its list's only item.
 */
function isRowBoundary(el: Element): boolean {
  if (el.name === 'tr' || el.name === 'dd') return true;
  return el.name === 'li' && !!el.parent && isElement(el.parent) && el.parent.children.filter(isElement).length === 1;
}

/** Rows: for each candidate, the largest ancestor that contains no other candidate. */
export function buildRows(candidates: Candidate[], ctx: DateContext): Row[] {
  const count = new Map<Element, number>();
  for (const c of candidates) for (const a of [c.link, ...ancestors(c.link)]) count.set(a, (count.get(a) ?? 0) + 1);
  return candidates.map((candidate) => {
    let el = candidate.link;
    for (
      let p = el.parent;
      p && isElement(p) && p.name !== 'body' && count.get(p) === 1 && !isRowBoundary(el);
      p = p.parent
    )
      el = p;
    // When two links share a row (a category tag and the title), the row tag still holds the date.
    const rowTag = [candidate.link, ...ancestors(candidate.link)].find((a) => ROW_TAGS.has(a.name));
    const scope = rowTag && ancestors(el).includes(rowTag) && (count.get(rowTag) ?? 0) <= 3 ? rowTag : el;
    return { candidate, el, scope, dates: dateCells(scope, ctx) };
  });
}

/** An address that looks like an article (t20171205_123.html, content_5353307.htm, ?id=12193). */
export function isArticleUrl(url: string): boolean {
  const u = new URL(url);
  const last = u.pathname.split('/').pop() ?? '';
  return /\d{4,}/.test(last) || /\/20\d{4}\//.test(u.pathname) || /[?&](id|infoid|articleid|docid)=\d+/i.test(u.search);
}

function rowScore(row: Row): number {
  const title =
    row.candidate.titleAttr.length > row.candidate.text.length ? row.candidate.titleAttr : row.candidate.text;
  return 1 + (row.dates.length > 0 ? 3 : 0) + (isArticleUrl(row.candidate.url) ? 2 : 0) + (title.length >= 8 ? 1 : 0);
}

/** Shape of a row: its own tag/classes and those of its parent and grandparent. */
function signature(el: Element): string {
  const [p, g] = ancestors(el);
  return [el, p, g].map((x) => (x ? describe(x) : '')).join('<');
}

/** Row and parent part of a signature, when the parent is a named list (ul.list_bd, not a bare ul). */
function namedListShape(key: string): string | null {
  const [row, parent] = key.split('<');
  return parent && parent.includes('.') ? `${row}<${parent}` : null;
}

function groupScore(group: Row[]): number {
  // Content rows carry a date or point at an article; a group of links to column directories
  // (../zcwj/, /xxgk/) is a menu, however long, and an empty column has no list at all.
  const contentRows = group.filter((r) => r.dates.length > 0 || isArticleUrl(r.candidate.url)).length;
  if (contentRows * 2 < group.length) return 0;
  const score = group.reduce((s, r) => s + rowScore(r), 0);
  // Navigation, breadcrumbs and footers hold many links, but never the list.
  return inFurniture(group[0]!.el) ? score * 0.2 : score;
}

/** The rows of the page's main list, in document order (empty when there is none). */
export function mainList(rows: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = signature(r.el);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  let bestKey: string | null = null;
  let bestScore = 0;
  for (const [key, group] of groups) {
    const score = groupScore(group);
    if (score > bestScore) {
      bestKey = key;
      bestScore = score;
    }
  }
  if (bestKey === null) return [];
  // Sections of a compilation (市级政策 / 区级政策) repeat the same named list under different
  // wrappers: they are one list.
  const shape = namedListShape(bestKey);
  const keys = [...groups.keys()].filter(
    (k) => k === bestKey || (shape !== null && namedListShape(k) === shape && groupScore(groups.get(k)!) > 0),
  );
  const order = new Map(rows.map((r, i) => [r, i]));
  return keys.flatMap((k) => groups.get(k)!).sort((a, b) => order.get(a)! - order.get(b)!);
}
