import { baseUrlOf, collectLinks } from './links.ts';
import { budgetFor, checkpoint, tick, underBudget, type Budget } from './budget.ts';
import { loadHtml } from './parse.ts';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { DateContext } from './dates.ts';
import { ancestors, bodyElements, flatText, inFurniture, isElement, isTextNode, visibleChars, walk } from './dom.ts';
import { buildRows, findCandidates, mainList, type Row } from './list-rows.ts';
import { findPagination } from './pager.ts';
import { normalizeText, squeeze } from './text.ts';
import type { ListItem, ListPage } from './types.ts';

// A column list page (栏目列表页): its items, the pager, and the "nothing here" placeholder.

export interface ListOptions {
  /** YYYY-MM-DD the page was fetched; resolves dates printed without a year ([12-31]). */
  referenceDate?: string;
}

const TRUNCATED = /(\.{2,}|…+|。。。)$/;
const DOC_NO = /^[\u4e00-\u9fa5A-Za-z]{0,16}\s*[〔[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\s*\d{1,5}\s*号$/;
// What templates print instead of an empty list (暂无信息, 正在建设中, 本栏目建设中 …).
const PLACEHOLDER = /暂无(?:相关)?(?:信息|内容|数据|记录)|建设中|无内容|没有(?:相关)?(?:信息|内容|数据)/;

type Column = 'published' | 'generated' | 'docNo' | 'title';

/** What a header cell announces (文件名 | 文件号 | 成文日期 | 发布日期). */
function columnOf(text: string): Column | null {
  const t = squeeze(text);
  if (/^(发布|公布|公开|更新)?(日期|时间)$/.test(t)) return 'published';
  if (/^(成文|生成|印发|发文)(日期|时间)$/.test(t)) return 'generated';
  if (/^(文号|文件号|发文字号|文件编号|发文文号)$/.test(t)) return 'docNo';
  if (/^(标题|名称|文件名|文件名称|信息名称)$/.test(t)) return 'title';
  return null;
}

function cellsOf(el: Element): Element[] {
  return el.children.filter(isElement);
}

/**
 * The header row of a table-like list: a row-shaped element before the first item whose cells
 * name the columns. Returns the column of each cell position.
 */
function headerColumns(first: Row): (Column | null)[] | null {
  const tryRow = (el: Element | null | undefined): (Column | null)[] | null => {
    if (!el) return null;
    const cols = cellsOf(el).map((c) => columnOf(flatText(c)));
    return cols.filter(Boolean).length >= 2 ? cols : null;
  };
  // Look at the elements before the first row, at its level and up to three levels up, and
  // inside them (a header wrapped in its own <div class="tb_head"> or <thead>).
  for (let el: Element | null = first.el, depth = 0; el && depth < 4; el = el.parent as Element | null, depth++) {
    for (let prev = el.prev; prev; prev = prev.prev) {
      if (!isElement(prev)) continue;
      const direct = tryRow(prev);
      if (direct) return direct;
      for (const inner of [...cellsOf(prev), ...cellsOf(prev).flatMap(cellsOf)]) {
        const cols = tryRow(inner);
        if (cols) return cols;
      }
    }
  }
  return null;
}

function cleanDocNo(text: string): string | null {
  const s = text.replace(/\s+/g, '');
  return s.replace(/[〔〕[\]［］()（）号第]/g, '') ? s : null;
}

/** The row cell (direct child of the row) that holds a node. */
function cellIndex(row: Element, node: AnyNode): number {
  const cells = cellsOf(row);
  const chain = [node, ...ancestors(node)];
  return cells.findIndex((c) => chain.includes(c));
}

function toItem(row: Row, header: (Column | null)[] | null): ListItem {
  const { candidate } = row;
  const { text, titleAttr } = candidate;
  const truncated = TRUNCATED.test(text) && squeeze(titleAttr).length > squeeze(text.replace(TRUNCATED, '')).length;
  const title = truncated || !text ? titleAttr : text;
  const item: ListItem = {
    title,
    href: candidate.link.attribs.href!.trim(),
    url: candidate.url,
    date: null,
  };
  if (truncated) item.displayText = text;

  // Dates: by the header's column names when there is a header, else the last date cell (the
  // publish date is the last column of 公开目录 tables; a lone date is the publish date).
  const byColumn = (col: Column) =>
    header ? (row.dates.find((d) => header[cellIndex(row.scope, d.cell)] === col)?.date ?? null) : null;
  if (header && header.includes('published')) {
    item.date = byColumn('published');
    if (header.includes('generated')) item.generatedDate = byColumn('generated');
  } else {
    item.date = row.dates.at(-1)?.date ?? null;
  }

  // 文号: the 文号 column when the header names one (empty → null), else a cell that reads like
  // one (京规自发〔2024〕298号) outside the title link.
  const docColumn = header ? header.indexOf('docNo') : -1;
  const docCellEl = docColumn >= 0 ? cellsOf(row.scope)[docColumn] : undefined;
  if (docCellEl) item.docNo = cleanDocNo(flatText(docCellEl));
  else {
    const docCell = findDocNoCell(row.scope, candidate.link);
    if (docCell !== undefined) item.docNo = docCell;
  }
  return item;
}

function findDocNoCell(scope: Element, link: Element): string | null | undefined {
  let found: string | null | undefined;
  const visit = (n: AnyNode): boolean => {
    if (found !== undefined || n === link) return false;
    if (isElement(n)) {
      // A 文号 cell is short: longer text is not read, only looked into.
      const chars = visibleChars(n);
      const t = chars > 0 && chars <= 40 ? flatText(n) : '';
      if (t && t.length <= 40 && DOC_NO.test(t.replace(/\s+/g, ''))) {
        found = cleanDocNo(t);
        return false;
      }
      return true;
    } else if (isTextNode(n)) {
      const t = normalizeText(n.data);
      if (t.length <= 40 && DOC_NO.test(t.replace(/\s+/g, ''))) found = cleanDocNo(t);
    }
    return false;
  };
  for (const child of scope.children) walk(child, visit);
  return found;
}

/** 暂无信息 and friends, shown where the list would be: the innermost element saying so. */
function findPlaceholder($: CheerioAPI): string | null {
  let found: string | null = null;
  bodyElements($).forEach((el) => {
    tick();
    if (!isElement(el) || el.name === 'a' || el.name === 'script' || el.name === 'style') return;
    const chars = visibleChars(el);
    if (chars === 0 || chars > 30) return;
    const t = flatText(el);
    if (t.length === 0 || t.length > 30 || !PLACEHOLDER.test(t) || inFurniture(el)) return;
    if (found === null || t.length < found.length) found = t;
  });
  return found;
}

/** A list page read under `budget`; past it, ExtractionBudgetExceeded. */
export function extractList(html: string, pageUrl: string, options: ListOptions = {}, budget?: Budget): ListPage {
  const pageBudget = budgetFor(`list page ${pageUrl}`, budget);
  return underBudget(pageBudget, () => readList(html, pageUrl, options, pageBudget));
}

function readList(html: string, pageUrl: string, options: ListOptions, budget: Budget): ListPage {
  const $ = loadHtml(html, budget);
  const baseUrl = baseUrlOf($, pageUrl);
  const ctx: DateContext = { referenceDate: options.referenceDate };

  let rows = mainList(buildRows(findCandidates($, baseUrl, ctx), ctx));
  // An empty column shows 暂无信息 where the list would be; a stray undated link or two found
  // elsewhere on such a page (网站地图, a related article) is not its content.
  checkpoint();
  const placeholder = findPlaceholder($);
  if (placeholder && rows.length <= 2 && rows.every((r) => r.dates.length === 0)) rows = [];
  const header = rows.length > 0 ? headerColumns(rows[0]!) : null;
  const seen = new Set<string>();
  const items: ListItem[] = [];
  for (const row of rows) {
    if (seen.has(row.candidate.url)) continue;
    seen.add(row.candidate.url);
    items.push(toItem(row, header));
  }
  const { totalPages, nextPageUrl } = findPagination($, pageUrl, baseUrl);
  return {
    items,
    totalPages,
    nextPageUrl,
    placeholder: items.length === 0 ? placeholder : null,
    links: collectLinks($, baseUrl),
  };
}
