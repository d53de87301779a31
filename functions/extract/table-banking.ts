import type { AnyNode, Element } from 'domhandler';
import { flatText, isElement, walk } from './dom.ts';

// A subsidy roster (补贴发放花名册) prints its account numbers in a table: 姓名 | 开户行 | 银行卡号,
// one person a row. In the body text the number then stands after the person's name or the
// bank's, never after 卡号, so the running-text check cannot see a card. The banking context of a
// cell is its column's header and its row; this reads both off the table's grid. The header also
// rules out: a 合同编号 column is not an account column, whatever bank the next cell names.

// A column header that names an account: 银行卡号, 账号, 银行账号, 收款账户, 存折号 ….
const ACCOUNT_HEADER = /卡号|账号|帐号|账户|帐户|银行|开户行|存折|折号/;
// A bank or a rural credit cooperative named in the row (a roster without a header row).
const BANK_NAME = /银行|信用合作联社|信用联社|信用社|农商行|农信社|邮储|储蓄所/;
// A banking word inside the cell itself (账号：…) still counts, whatever the header.
const BANKING_IN_CELL = /开户行|银行|账号|帐号|卡号/;
const CARD_RUN = /(?<!\d)\d{16,19}(?!\d)/g;
// Rows before the first one carrying a long number are header rows (a title row, then labels).
const LONG_NUMBER = /\d{6,}/;
const MAX_HEADER_ROWS = 4;

/** The rows of `table` itself (not of tables nested in it). */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: AnyNode) => {
    if (!isElement(n)) return false;
    if (n.name === 'tr') rows.push(n);
    return n.name !== 'tr' && n.name !== 'table';
  };
  for (const child of table.children) walk(child, visit);
  return rows;
}

const span = (el: Element, attr: 'rowspan' | 'colspan') => Math.min(Math.max(Number(el.attribs[attr]) || 1, 1), 50);

/** The table as a grid of cells, merged cells (rowspan / colspan) repeated in every slot they cover. */
function grid(table: Element): Element[][] {
  const out: Element[][] = [];
  ownRows(table).forEach((tr, r) => {
    const row = (out[r] ??= []);
    let c = 0;
    for (const cell of tr.children) {
      if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
      while (row[c]) c++;
      for (let dr = 0; dr < span(cell, 'rowspan'); dr++) {
        const target = (out[r + dr] ??= []);
        for (let dc = 0; dc < span(cell, 'colspan'); dc++) target[c + dc] = cell;
      }
      c += span(cell, 'colspan');
    }
  });
  return out;
}

/** Per column, the text of its nearest non-empty header cell (the label row, not the title above it). */
function headers(cells: Element[][], headerRows: number): string[] {
  const width = Math.max(0, ...cells.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => {
    for (let r = headerRows - 1; r >= 0; r--) {
      const cell = cells[r]?.[c];
      const text = cell ? flatText(cell) : '';
      if (text) return text;
    }
    return '';
  });
}

/** Long numbers of the body's tables, by what their column says they are. */
export interface TableNumbers {
  /** Under an account header (银行卡号, 账号 …), or in a headerless column of a row naming a bank. */
  account: string[];
  /** Under another header (合同编号, 项目编号 …), with no banking word in their own cell. */
  other: string[];
}

/**
 * 16–19 digit numbers in the tables under `root`, sorted by their column's header and their row.
 * They are only candidates: the personal-data check still wants Luhn. Clear numbers: never stored.
 */
export function numbersInTables(root: Element): TableNumbers {
  const account = new Set<string>();
  const other = new Set<string>();
  const tables: Element[] = [];
  walk(root, (n) => {
    if (!isElement(n)) return false;
    if (n.name === 'table') tables.push(n);
    return true;
  });
  for (const table of tables) {
    const cells = grid(table);
    const firstData = cells.findIndex((row) => row.some((cell) => cell && LONG_NUMBER.test(flatText(cell))));
    if (firstData < 0) continue;
    const heads = headers(cells, Math.min(firstData, MAX_HEADER_ROWS));
    for (const row of cells.slice(firstData)) {
      const texts = [...new Set(row)].filter(Boolean).map((cell) => flatText(cell));
      const rowNamesBank = texts.some((t) => BANK_NAME.test(t));
      row.forEach((cell, c) => {
        if (!cell || row[c - 1] === cell) return; // a merged cell is read once
        const head = heads[c] ?? '';
        const text = flatText(cell);
        const isAccount = ACCOUNT_HEADER.test(head) || (!head && rowNamesBank);
        const isOther = !isAccount && !!head && !BANKING_IN_CELL.test(text);
        if (!isAccount && !isOther) return;
        for (const m of text.matchAll(CARD_RUN)) (isAccount ? account : other).add(m[0]);
      });
    }
  }
  return { account: [...account], other: [...other].filter((n) => !account.has(n)) };
}
