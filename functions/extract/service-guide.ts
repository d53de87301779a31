import type * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findBodyContainer } from './body.ts';
import { budgetFor, tick, underBudget, type Budget } from './budget.ts';
import { loadHtml } from './parse.ts';
import { flatText, inFurniture, isElement, isFurniture, isInline, isInvisible, isTextNode, walk } from './dom.ts';
import {
  COMBINED,
  CONDITIONAL_GUIDE_ELEMENTS,
  elementOfLabel,
  isFilled,
  owedConditionally,
  REQUIRED_GUIDE_ELEMENTS,
  type LabelKey,
} from './service-guide-elements.ts';
import { normalizeText } from './text.ts';

// A 办事指南 page read for its elements (service-guide-elements.ts). Guides come in three shapes:
//
// - two-column tables (Hanweb/大汉 事项 pages): 事项名称 | value, sometimes four cells a row, or a
//   label row spanning the table with the value (a materials table) in the rows below it;
// - headed sections (TRS editors): <h3>设定依据</h3> or <p><strong>二、设定依据</strong></p> and the
//   paragraphs after it;
// - labelled lines: <strong>办理地点：</strong>…, 【办理时间】…, 联系电话：… in one paragraph.
//
// Both readings (tables, lines) run over the page and their results are pooled: an element counts
// as found when any reading gave it a value. Only the element names are kept, never the text.

export interface ServiceGuideCheck {
  /** Elements with a value, required or owed by the guide (收费标准, 办理时限), in RULES.md order. */
  found: string[];
  /** Required (or owed) elements without a value: absent, or a label with nothing or 无 after it. */
  missing: string[];
  /** The subset of `missing` printed as a label with no value. */
  empty: string[];
}

/**
 * How a line opens a section: heading, bold, bracket, numeral or colon, with its numbering family
 * (一、 （一） 1.). Sections of one guide share a style, so a bare label of the same style ends the
 * section before it, while a （一） list under 一、申请材料 stays its value.
 */
type LabelStyle = string;

interface Line {
  text: string;
  /** The leading bold run, while the line has only had bold text (and blanks). */
  lead: string;
  leadOpen: boolean;
  heading: boolean;
}

interface Section {
  element: LabelKey | null;
  style: LabelStyle;
  /** The text on the label's own line after the label. */
  rest: string;
}

const BLOCK_BREAK = new Set(['br', 'hr']);
const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
const BOLD = new Set(['strong', 'b']);
const CHINESE_NUMERAL =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[条项部分])\s*/;

/** The numbering family a label starts with: 一、 and （一） and 1. are different levels. */
function family(text: string): string {
  if (/^[一二三四五六七八九十]+[、.．]/.test(text)) return '一';
  if (/^[（(][一二三四五六七八九十]+[）)]/.test(text)) return '(一)';
  if (/^第[一二三四五六七八九十]+/.test(text)) return '第一';
  if (/^[（(]\d+[）)]/.test(text)) return '(1)';
  if (/^\d{1,2}[、.．](?!\d)/.test(text)) return '1';
  return '';
}
const BRACKETED = /^[【[［]([^】\]］]{2,16})[】\]］]\s*(.*)$/;
const COLON_LABEL = /^([^:：]{2,16}?)\s*[:：]\s*(.*)$/;

/**
 * The page as lines: block elements, table cells and <br> break lines. Furniture is left out, and
 * so are the tables the table reading has claimed (their cells are label | value pairs).
 */
function linesOf(root: AnyNode, claimed: Set<Element>): Line[] {
  const lines: Line[] = [];
  let cur: Line = { text: '', lead: '', leadOpen: true, heading: false };
  const flush = () => {
    if (cur.text.trim()) lines.push(cur);
    cur = { text: '', lead: '', leadOpen: true, heading: false };
  };
  // How many bold and heading elements the walk is inside.
  let bold = 0;
  let heading = 0;
  const enter = (node: AnyNode): boolean => {
    if (isTextNode(node)) {
      const t = node.data;
      if (cur.leadOpen) {
        if (bold > 0 || !t.trim()) cur.lead += t;
        else cur.leadOpen = false;
      }
      cur.text += t;
      cur.heading ||= heading > 0;
      return false;
    }
    if (!isElement(node)) return node.type === 'root';
    if (isInvisible(node) || isFurniture(node) || claimed.has(node)) return false;
    if (BLOCK_BREAK.has(node.name)) {
      flush();
      return false;
    }
    if (!isInline(node)) flush();
    if (BOLD.has(node.name)) bold++;
    if (HEADINGS.has(node.name)) heading++;
    return true;
  };
  const leave = (node: AnyNode) => {
    if (!isElement(node)) return;
    if (BOLD.has(node.name)) bold--;
    if (HEADINGS.has(node.name)) heading--;
    if (!isInline(node)) flush();
  };
  walk(root, enter, leave);
  flush();
  return lines;
}

/** The section a line opens, if any. Unknown labels open a section too (they end the one before). */
function sectionOf(line: Line): Section | null {
  const text = normalizeText(line.text);
  if (line.heading && text.length <= 24)
    return { element: elementOfLabel(text), style: `heading${family(text)}`, rest: '' };
  // The line starts bold: the bold run is the label when it is short (办理地点：, 一、设定依据).
  const lead = normalizeText(line.lead);
  if (lead.length >= 2 && lead.length <= 24) {
    const [label, inlineValue] = splitColon(lead);
    const rest = normalizeText(`${inlineValue} ${text.slice(lead.length)}`);
    return { element: elementOfLabel(label), style: `bold${family(lead)}`, rest };
  }
  const bracket = BRACKETED.exec(text);
  if (bracket) return { element: elementOfLabel(bracket[1]!), style: 'bracket', rest: bracket[2]! };
  const numeral = CHINESE_NUMERAL.exec(text);
  if (numeral) {
    const [label, rest] = splitColon(text.slice(numeral[0].length));
    if (rest || label.length <= 16) return { element: elementOfLabel(label), style: `numeral${family(text)}`, rest };
  }
  const colon = COLON_LABEL.exec(text);
  if (colon) {
    const element = elementOfLabel(colon[1]!);
    // A plain "X：" line opens a section only for a known element: "电话：…" inside a value does not.
    if (element) return { element, style: 'colon', rest: colon[2]! };
  }
  const bare = elementOfLabel(text);
  return bare && text.length <= 16 ? { element: bare, style: 'colon', rest: '' } : null;
}

function splitColon(s: string): [string, string] {
  const m = /^([^:：]*?)\s*[:：]\s*(.*)$/.exec(s);
  return m ? [m[1]!, m[2]!] : [s, ''];
}

type Values = Map<LabelKey, string[]>;

function add(values: Values, element: LabelKey, value: string) {
  const list = values.get(element) ?? [];
  list.push(normalizeText(value));
  values.set(element, list);
}

/**
 * Headed and labelled sections: a known label's value is the rest of its line and the lines
 * after it, up to the next known label or the next bare unknown label of the same style (九、其他
 * after 八、办理流程). An unknown label with text beside it (第一步：提交申请) is part of a value:
 * reading a value as empty would accuse a guide falsely, so the reading leans towards filled.
 */
function readLines(lines: Line[], values: Values) {
  const sections = lines.map(sectionOf);
  for (let i = 0; i < lines.length; i++) {
    const s = sections[i];
    if (!s?.element) continue;
    const parts = [s.rest];
    for (let j = i + 1; j < lines.length; j++) {
      const next = sections[j];
      if (next && (next.element || (next.style === s.style && next.rest === ''))) break;
      parts.push(lines[j]!.text);
    }
    add(values, s.element, parts.join(' '));
  }
}

/** The rows of a table that are its own (not a nested table's), and their own cells. */
function ownRows($: cheerio.CheerioAPI, table: Element): Element[][] {
  return $(table)
    .find('tr')
    .toArray()
    .filter((tr) => {
      tick();
      return $(tr).closest('table')[0] === table;
    })
    .map((tr) => tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')));
}

/**
 * Label | value tables. A label cell's value is the cell after it; a label alone in its row takes
 * the rows below it up to the next row that starts with a label; a row of labels only is a
 * header whose values are the next row's cells, column by column.
 */
function readTables($: cheerio.CheerioAPI, root: AnyNode, values: Values): Set<Element> {
  const claimed = new Set<Element>();
  for (const table of $(root).find('table').toArray()) {
    if (inFurniture(table)) continue;
    const rows = ownRows($, table);
    const labelOf = (cell: Element) => {
      const text = flatText(cell);
      return text.length <= 20 ? elementOfLabel(text) : null;
    };
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r]!;
      const labels = cells.map(labelOf);
      if (labels.some((l) => l !== null)) claimed.add(table);
      // A cell holding both: 办理地点：政务服务中心一楼.
      for (const cell of cells) {
        const inline = COLON_LABEL.exec(flatText(cell));
        const element = inline ? elementOfLabel(inline[1]!) : null;
        if (element && inline) {
          claimed.add(table);
          add(values, element, inline[2]!);
        }
      }
      if (cells.length >= 2 && labels.every((l) => l !== null)) {
        const below = rows[r + 1] ?? [];
        labels.forEach((l, c) => add(values, l!, below[c] ? flatText(below[c]) : ''));
        continue;
      }
      labels.forEach((element, c) => {
        if (!element) return;
        if (c + 1 < cells.length) return add(values, element, labels[c + 1] ? '' : flatText(cells[c + 1]!));
        if (cells.length > 1) return add(values, element, '');
        const parts: string[] = [];
        for (let k = r + 1; k < rows.length && !(rows[k]![0] && labelOf(rows[k]![0]!)); k++)
          parts.push(rows[k]!.map(flatText).join(' '));
        add(values, element, parts.join(' '));
      });
    }
  }
  return claimed;
}

/** Both readings over one root, and the root's text (to tell whether the guide charges or promises a time). */
function readAll($: cheerio.CheerioAPI, root: AnyNode): { values: Values; text: string } {
  const values: Values = new Map();
  const claimed = readTables($, root, values);
  const lines = linesOf(root, claimed);
  readLines(lines, values);
  const cells = [...claimed].map((t) => flatText(t));
  return { values, text: [...lines.map((l) => l.text), ...cells].join('\n') };
}

/**
 * Reads a guide page and says which elements it has and which it lacks. The article body is read
 * when the page has a recognisable one holding a known label; otherwise the whole page without
 * its furniture (header, navigation, footer), so a footer's 联系电话 never fills a guide's.
 */
export function checkServiceGuide(html: string, budget?: Budget): ServiceGuideCheck {
  const pageBudget = budgetFor('service guide', budget);
  return underBudget(pageBudget, () => readServiceGuide(html, pageBudget));
}

function readServiceGuide(html: string, budget: Budget): ServiceGuideCheck {
  const $ = loadHtml(html, budget);
  const body = findBodyContainer($, () => false);
  let read = body ? readAll($, outermostTable($, body)) : null;
  if (!read || read.values.size === 0) read = readAll($, $.root()[0]!);
  const { values, text } = read;
  const found: string[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  const owed = [
    ...REQUIRED_GUIDE_ELEMENTS,
    ...CONDITIONAL_GUIDE_ELEMENTS.filter((e) => owedConditionally(e, text) || values.has(e)),
  ];
  for (const element of owed) {
    const combined = COMBINED[element];
    const read = [...(values.get(element) ?? []), ...(combined ? (values.get(combined) ?? []) : [])];
    if (read.some((v) => isFilled(element, v))) found.push(element);
    else if (CONDITIONAL_GUIDE_ELEMENTS.includes(element as never) && !owedConditionally(element, text)) continue;
    else {
      missing.push(element);
      if (read.length > 0) empty.push(element);
    }
  }
  return { found, missing, empty };
}

/** A body found inside a table cell is widened to the table: a guide table is one body. */
function outermostTable($: cheerio.CheerioAPI, el: Element): Element {
  const tables = $(el).parents('table').toArray();
  const outer = tables[tables.length - 1];
  return outer && !inFurniture(outer) ? outer : el;
}
