import type { Element } from 'domhandler';
import type { MessageFacts } from '../model/message.ts';
import { findDates, parseDate, type DateContext } from './dates.ts';
import { budgetFor, tick, underBudget, type Budget } from './budget.ts';
import { loadHtml } from './parse.ts';
import { ancestors, bodyElements, flatText, isElement, textOf } from './dom.ts';
import { extractList, type ListOptions } from './list-extractor.ts';
import { baseUrlOf } from './links.ts';
import { isMessageLabel, readMessageFacts } from './message-facts.ts';
import { absoluteUrl } from './text.ts';
import type { ListItem, ListPage } from './types.ts';

// The list page of an `interaction` column (领导信箱, 咨询留言): which messages it lists, and what
// each row says of them — posting date, reply date, answering unit, status. The rows are found
// by the general list extractor; their cells are read here, in the three layouts county sites use:
//   大汉 Hanweb: a table with a header (标题 | 留言时间 | 状态 | 回复时间), its rows often inside
//     the jpage data island (<script type="text/xml"><datastore>…<record><![CDATA[<tr>…]]>);
//   TRS: <ul><li><a>标题</a><span>提问时间：…</span><span>已答复</span></li>;
//   plain tables: the same as Hanweb, without the data island.

export interface MessageListItem extends ListItem {
  message: MessageFacts;
}

export interface MessageListPage extends Omit<ListPage, 'items'> {
  items: MessageListItem[];
  /** Hanweb jpage: how many messages the column holds (<totalrecord>), null elsewhere. */
  totalRecords: number | null;
  /** Hanweb jpage: how many of them this page carries in its data island. */
  embeddedRecords: number | null;
}

const DATA_ISLAND = /<script[^>]*type\s*=\s*["']?text\/xml["']?[^>]*>([\s\S]*?)<\/script>/gi;
const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;

/**
 * Hanweb's jpage keeps a list's rows in an XML data island that its script renders; no DOM holds
 * them. They are put back where the island was, in a table when they are table rows.
 */
export function unpackHanwebRecords(html: string): { html: string; total: number | null; embedded: number | null } {
  let total: number | null = null;
  let embedded: number | null = null;
  const out = html.replace(DATA_ISLAND, (whole, xml: string) => {
    const records = [...xml.matchAll(RECORD)].map((m) => m[1]!);
    if (!/<datastore/i.test(xml) || records.length === 0) return whole;
    const t = /<totalrecord>\s*(\d+)\s*<\/totalrecord>/i.exec(xml);
    total = (total ?? 0) + (t ? Number(t[1]) : records.length);
    embedded = (embedded ?? 0) + records.length;
    const rows = records.join('\n');
    return /^\s*<tr/i.test(rows)
      ? `<table class="jpage-records">${rows}</table>`
      : `<div class="jpage-records">${rows}</div>`;
  });
  return { html: out, total, embedded };
}

const ROW_TAGS = new Set(['tr', 'li', 'dd', 'dl']);

const cells = (el: Element) => el.children.filter(isElement).filter((c) => c.name === 'td' || c.name === 'th');

/** The <tr> elements of a table, in document order (nested tables' rows too: rare, harmless). */
function rowsOf(el: Element): Element[] {
  return el.children.filter(isElement).flatMap((c) => (c.name === 'tr' ? [c] : rowsOf(c)));
}

/** The header of the table a row is in: the first row whose cells name message fields. */
function tableHeader(row: Element): string[] | null {
  const table = ancestors(row).find((a) => a.name === 'table');
  if (!table) return null;
  // Header rows of Hanweb tables sit in a table of their own just before the data island's.
  const tables = [table, ...(table.prev && isElement(table.prev) ? [table.prev] : [])];
  for (const t of tables) {
    for (const tr of rowsOf(t)) {
      if (tr === row) break;
      const texts = cells(tr).map((c) => flatText(c));
      if (texts.filter(isMessageLabel).length >= 2) return texts;
    }
  }
  return null;
}

/** The facts a list row shows; its title cell is left out (a title may say 未回复 about anything). */
function rowFacts(link: Element, ctx: DateContext): MessageFacts {
  const row = [link, ...ancestors(link)].find((a) => ROW_TAGS.has(a.name)) ?? (link.parent as Element | null) ?? link;
  const header = row.name === 'tr' ? tableHeader(row) : null;
  const parts =
    row.name === 'tr'
      ? cells(row).map((c, i) => ({ label: header?.[i], text: textOf(c), hasLink: containsLink(c, link) }))
      : row.children.map((c) => ({
          label: undefined,
          text: textOf(c),
          hasLink: isElement(c) && containsLink(c, link),
        }));
  const text = parts
    .filter((p) => !p.hasLink)
    .map((p) => (p.label ? `${p.label}：${p.text.trim()}` : p.text))
    .join('\n');
  const facts = readMessageFacts(text, { ...ctx, looseStatus: true });
  if (facts.posted === null) {
    // Unlabeled dates (<span class="date">2017-05-02</span>): the first is when it was posted,
    // a second one beside an answered status is when it was answered.
    const dates = findDates(text);
    const posted = dates[0] ?? parseDate(text, ctx);
    const replied = facts.replied ?? (facts.status === 'answered' ? (dates[1] ?? null) : null);
    return { ...facts, posted, replied, status: replied ? 'answered' : facts.status };
  }
  return facts;
}

function containsLink(el: Element, link: Element): boolean {
  return el === link || ancestors(link).includes(el);
}

/** A message list read under `budget` (one for both its passes); past it, ExtractionBudgetExceeded. */
export function extractMessageList(
  html: string,
  pageUrl: string,
  options: ListOptions = {},
  budget?: Budget,
): MessageListPage {
  const pageBudget = budgetFor(`message list ${pageUrl}`, budget);
  return underBudget(pageBudget, () => readMessageList(html, pageUrl, options, pageBudget));
}

function readMessageList(html: string, pageUrl: string, options: ListOptions, budget: Budget): MessageListPage {
  const unpacked = unpackHanwebRecords(html);
  const page = extractList(unpacked.html, pageUrl, options, budget);
  const $ = loadHtml(unpacked.html, budget);
  const baseUrl = baseUrlOf($, pageUrl);
  const linkByUrl = new Map<string, Element>();
  bodyElements($).forEach((el) => {
    tick();
    if (el.name !== 'a' || el.attribs.href === undefined) return;
    const url = absoluteUrl(el.attribs.href ?? '', baseUrl);
    if (url && !linkByUrl.has(url)) linkByUrl.set(url, el);
  });
  const ctx: DateContext = { referenceDate: options.referenceDate };
  const items = page.items.map((item): MessageListItem => {
    const link = linkByUrl.get(item.url);
    const message = link ? rowFacts(link, ctx) : { posted: item.date, replied: null, status: null, replyUnit: null };
    // The list's date column of a message list is its posting date.
    return { ...item, date: message.posted ?? item.date, message };
  });
  return { ...page, items, totalRecords: unpacked.total, embeddedRecords: unpacked.embedded };
}
