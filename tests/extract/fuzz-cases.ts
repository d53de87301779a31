import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { isBudgetExceeded } from '../../functions/extract/budget.ts';
import { decodeHtml } from '../../functions/extract/charset.ts';
import { findDates, parseDate } from '../../functions/extract/dates.ts';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { extractHomepage } from '../../functions/extract/homepage-extractor.ts';
import { extractList } from '../../functions/extract/list-extractor.ts';
import { idCheckDigit, isValidIdNumber18, maskPersonalData } from '../../functions/extract/personal-data.ts';
import type { DetailPage, ListPage, PageLink } from '../../functions/extract/types.ts';

// Hostile input for the extractors, shared by the CI fuzz test (fixed seed, few runs) and
// bench/fuzz.ts (many runs): random markup, the real sample pages cut and spliced, random bytes,
// deep nesting and megabyte lines. Each check throws when a result is not well-formed; an
// extractor may refuse a page only with ExtractionBudgetExceeded.

const SAMPLES = new URL('../fixtures/real-samples/', import.meta.url);
export const realPages: Buffer[] = ['list', 'detail'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, SAMPLES)).map((f) => readFileSync(new URL(`${dir}/${f}`, SAMPLES))),
);

const PAGE_URL = 'http://www.example.gov.cn/col/col1/index.html';
const TAGS = ['div', 'p', 'span', 'a', 'li', 'ul', 'table', 'tr', 'td', 'h1', 'b', 'font', 'script', 'br', 'title'];
const ATTRS = ['', ' class="list"', ' class="TRS_Editor"', ' href="/t20240101_1.html"', ' class="nav"', ' id="zoom"'];
const WORDS = [
  '索引号：',
  '发布日期：',
  '2024-01-05',
  '2024年1月5日',
  '文号',
  '关于印发',
  '的通知',
  '暂无信息',
  '\u3000',
  '〔2024〕7号',
  '110101199003074514',
  '404',
  '&nbsp;',
  '<!--',
  '-->',
  'x',
];

const markupPiece = fc.oneof(
  fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRS)).map(([t, a]) => `<${t}${a}>`),
  fc.constantFrom(...TAGS).map((t) => `</${t}>`),
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 12 }),
);

/** Random tag soup built from the pieces government pages are made of. */
export const randomMarkup = fc.array(markupPiece, { maxLength: 200 }).map((p) => p.join(''));

/** A real page cut, spliced with noise, or with a slice repeated. */
export const mutatedRealPage = fc
  .tuple(fc.nat(realPages.length - 1), fc.nat(), fc.nat(), randomMarkup, fc.integer({ min: 1, max: 20 }))
  .map(([i, a, b, noise, times]) => {
    const page = realPages[i]!.toString('utf8');
    const [from, to] = [a % page.length, b % page.length].sort((x, y) => x - y) as [number, number];
    return page.slice(0, from) + noise + page.slice(from, to).repeat(times) + page.slice(to);
  });

/** Nesting in the thousands, around a dated link, closed or not. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('div', 'span', 'td', 'font', 'li'), fc.boolean())
  .map(
    ([depth, tag, closed]) =>
      `<html><body>${`<${tag}>`.repeat(depth)}<a href="/t20240101_1.html">关于印发办法的通知</a>2024-01-05${closed ? `</${tag}>`.repeat(depth) : ''}</body></html>`,
  );

/** A line of up to a megabyte: one word repeated, no markup to break it. */
export const longLine = fc
  .tuple(fc.constantFrom(...WORDS, '1', '发布日期：2024-01-05 ', 'a'), fc.integer({ min: 1_000, max: 200_000 }))
  .map(([word, times]) => `<html><body><p>${word.repeat(times)}</p></body></html>`);

export const anyPage = fc.oneof(randomMarkup, mutatedRealPage, deepNesting, longLine);
export const randomBytes = fc.uint8Array({ maxLength: 4096 });

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function assertIsoDate(d: unknown, where: string): void {
  if (d === null || d === undefined) return;
  if (typeof d !== 'string' || !ISO_DAY.test(d) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d)
    throw new Error(`${where}: not an ISO day: ${String(d)}`);
}

function assertLinks(links: PageLink[]): void {
  for (const l of links) if (!/^https?:\/\//.test(l.url)) throw new Error(`link not absolute: ${l.url}`);
}

/** Runs an extractor: its result, or null when it refused the page with the budget error. */
export function orRefused<T>(run: () => T): T | null {
  try {
    return run();
  } catch (err) {
    if (isBudgetExceeded(err)) return null;
    throw err;
  }
}

export function checkList(html: string): void {
  const page: ListPage | null = orRefused(() => extractList(html, PAGE_URL, { referenceDate: '2024-06-01' }));
  if (!page) return;
  for (const item of page.items) {
    if (typeof item.title !== 'string' || !/^https?:\/\//.test(item.url)) throw new Error('malformed list item');
    assertIsoDate(item.date, 'list item date');
    assertIsoDate(item.generatedDate, 'list item generated date');
  }
  if (page.totalPages !== null && !(Number.isInteger(page.totalPages) && page.totalPages >= 1))
    throw new Error(`totalPages ${page.totalPages}`);
  assertLinks(page.links);
}

export function checkDetail(html: string): void {
  const page: DetailPage | null = orRefused(() => extractDetail(html, PAGE_URL));
  if (!page) return;
  if (page.bodyChars !== page.bodyText.length) throw new Error('bodyChars differs from the body text');
  for (const k of ['generatedDate', 'publishedDate'] as const) assertIsoDate(page[k], k);
  if (!Array.isArray(page.issuers) || !Array.isArray(page.attachments)) throw new Error('malformed detail page');
  assertLinks(page.links);
}

export function checkHomepage(html: string): void {
  const page = orRefused(() => extractHomepage(html, PAGE_URL, '2024-06-01'));
  if (!page) return;
  for (const item of page.items) assertIsoDate(item.date, 'homepage item date');
  assertLinks(page.links);
}

/** Decoding never fails: any bytes give a string, under a charset it names. */
export function checkCharset(bytes: Uint8Array, contentType: string | null): void {
  const { html, charset } = decodeHtml(bytes, contentType);
  if (typeof html !== 'string' || !charset) throw new Error('decodeHtml returned no text or charset');
}

export function checkDates(text: string): void {
  assertIsoDate(parseDate(text, { referenceDate: '2024-06-01' }), 'parseDate');
  for (const d of findDates(text)) assertIsoDate(d, 'findDates');
}

/** Masked text holds no valid 18-digit ID number in clear. */
export function checkMasking(text: string): void {
  const masked = maskPersonalData(text);
  for (const m of masked.matchAll(/\d+(?:[Xx](?![\dA-Za-z]))?/g))
    if (m[0].length === 18 && isValidIdNumber18(m[0])) throw new Error(`ID number left in clear: ${m[0]}`);
}

/** Text with a valid ID number spliced into random text, next to digits or not. */
export const textWithIds = fc
  .tuple(
    fc.string({ maxLength: 40 }),
    fc.date({ min: new Date(Date.UTC(1940, 0, 1)), max: new Date(Date.UTC(2010, 11, 31)), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
    fc.string({ maxLength: 40 }),
  )
  .map(([before, born, seq, after]) => {
    const first17 = `110101${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return `${before}${first17}${idCheckDigit(first17)}${after}`;
  });
