import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findBodyContainer } from './body.ts';
import { budgetFor, checkpoint, tick, underBudget, type Budget } from './budget.ts';
import { loadHtml } from './parse.ts';
import { parseDate, parseDateCell } from './dates.ts';
import { ancestors, bodyElements, flatText, isElement, isInvisible, isTextNode, textOf, visibleChars } from './dom.ts';
import { findLabels, type LabelField, type LabelHit } from './labels.ts';
import { numbersInTables } from './table-banking.ts';
import { baseUrlOf, collectLinks } from './links.ts';
import { normalizeText, squeeze } from './text.ts';
import { extractTitle, pubDateMeta } from './title.ts';
import type { DetailPage } from './types.ts';

// Soft 404s: portals answer a removed article with HTTP 200 and a notice. "404" alone is too
// common (第404号, phone numbers) unless it stands alone or next to 错误/页面/not found.
const ERROR_TEXT =
  /页面不存在|页面未找到|找不到(?:该|您要访问的|您访问的)?页面|该信息不存在|信息不存在|信息已删除|已被删除|已删除|无法找到|^\s*404\s*$|404\s*(?:错误|页面|not\s*found)|(?:错误|error)\s*404/i;
const ERROR_TITLE = /^(?:404|错误|出错|提示信息|页面不存在|not found)/i;
// Page furniture that sits inside some body containers: share/print/font-size bars, QR notes.
const BOILERPLATE =
  /(相关)?附件(下载)?\s*[:：]?|点击下载(此文件)?|下载|扫一扫在手机(上)?打开当前页|分享到\s*[:：]?|【?(打印|关闭|收藏|纠错)(本页|窗口|当前页面)?】?|字[体号]\s*[:：]?\s*[[【]?\s*大\s*中\s*小\s*[\]】]?/g;
/** A page with this much body text is an article, whatever notice it also shows. */
const REAL_BODY_CHARS = 200;
/** Below this many characters of non-link text, a body is only an attachment link (or empty). */
const MIN_BODY_CHARS = 20;
// A 文号 line under the heading: 渝发改规范〔2025〕7号, 京政办发[2013]17号.
const DOC_NO_LINE = /^[\u4e00-\u9fa5A-Za-z]{1,16}\s*[〔[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\s*\d{1,5}\s*号$/;

// ---- metadata values ----

function cleanDocNo(v: string): string | null {
  const s = v.replace(/\s+/g, '');
  // "〔〕号", "----", "无": the template printed an empty number.
  if (!s.replace(/[〔〕[\]［］()（）号第\-—_/无]/g, '')) return null;
  return s.length <= 60 ? s : null;
}

const VALUE_CHECK: Record<LabelField, (v: string) => string | null> = {
  indexNo: (v) => (v && v.length <= 80 && /\d/.test(v) ? v : null),
  category: (v) => (v && v.length <= 80 ? v : null),
  publisher: (v) => (v && v.length <= 60 && !/^[\d\s:：\-/.]+$/.test(v) ? v : null),
  generatedDate: (v) => parseDate(v),
  docNo: cleanDocNo,
  // A bare 日期 label must carry a date right away (not "日期：见附件").
  publishedDate: (v) => parseDate(v),
  validity: (v) => (v && v.length <= 12 ? v : null),
  title: (v) => (v.length >= 4 ? v : null),
};

/** The value of the best-ranked label present for a field (first valid one in document order). */
function fieldValue(hits: LabelHit[], field: LabelField): string | null {
  const mine = hits.filter((h) => h.field === field).sort((a, b) => a.rank - b.rank);
  for (const h of mine) {
    const v = VALUE_CHECK[field](h.value);
    if (v) return v;
  }
  return null;
}

/** Every valid value of a field's labels, in page order, deduplicated. */
function fieldValues(hits: LabelHit[], field: LabelField): string[] {
  const values = hits.filter((h) => h.field === field).map((h) => VALUE_CHECK[field](h.value));
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/** The date printed beside 来源 without a label: "<span>来源：X</span><span>2024-02-23 15:16</span>". */
function dateBesideSource(hits: LabelHit[]): string | null {
  for (const h of hits.filter((x) => x.field === 'publisher')) {
    for (const anc of ancestors(h.node).slice(0, 2)) {
      for (const c of anc.children) {
        const t = isTextNode(c) ? c.data : isElement(c) ? flatText(c) : '';
        const d = t.length <= 40 ? parseDateCell(t) : null;
        if (d) return d;
      }
    }
  }
  return null;
}

/**
 * Nodes that are metadata, not body: the block (table, list) holding two or more labels, else
 * each label's own row. Unknown labels in the same block (统一登记号, 公开方式) go with it.
 */
function metadataRows(hits: LabelHit[]): Set<AnyNode> {
  const rows = new Set<AnyNode>();
  for (const h of hits) {
    const chain = ancestors(h.node);
    const block = chain.find(
      (a) =>
        ['table', 'ul', 'ol', 'dl'].includes(a.name) &&
        flatText(a).length < 800 &&
        hits.some((o) => o !== h && ancestors(o.node).includes(a)),
    );
    const row =
      block ?? chain.find((a) => ['tr', 'li', 'p', 'dd', 'dt', 'div'].includes(a.name) && flatText(a).length < 300);
    rows.add(row ?? h.node);
  }
  return rows;
}

/** Body text that is neither a link nor furniture: what is left of an attachment-only body is ~nothing. */
function ownBodyText(el: Element, skip: (n: AnyNode) => boolean): string {
  const text = textOf(el, (n) => skip(n) || (isElement(n) && (n.name === 'a' || isInvisible(n))));
  return normalizeText(text.replace(BOILERPLATE, ' '));
}

function isErrorPage($: CheerioAPI, bodyChars: number): boolean {
  if (bodyChars >= REAL_BODY_CHARS) return false;
  if (ERROR_TITLE.test(normalizeText($('title').text()))) return true;
  return [...bodyElements($), ...$('title').toArray()].some((el) => {
    tick();
    if (!isElement(el) || el.name === 'a' || el.name === 'script' || el.name === 'style') return false;
    // Cheap first: the visible characters bound the flat text's length from below.
    const chars = visibleChars(el);
    if (chars === 0 || chars > 60) return false;
    const t = flatText(el);
    return t.length > 0 && t.length <= 60 && ERROR_TEXT.test(t);
  });
}

/** A detail page read under `budget`; past it, ExtractionBudgetExceeded. */
export function extractDetail(html: string, pageUrl: string, budget?: Budget): DetailPage {
  const pageBudget = budgetFor(`detail page ${pageUrl}`, budget);
  return underBudget(pageBudget, () => readDetail(html, pageUrl, pageBudget));
}

function readDetail(html: string, pageUrl: string, budget: Budget): DetailPage {
  const $ = loadHtml(html, budget);
  const links = collectLinks($, baseUrlOf($, pageUrl));
  const attachments = links.filter((l) => l.kind === 'attachment');
  const root = $('body')[0] ?? $.root()[0]!;
  const hits = findLabels(root);
  checkpoint();

  const metaRows = metadataRows(hits);
  const title = extractTitle($, fieldValue(hits, 'title'));
  // The heading repeated inside the body container is not body text either.
  const titleKey = title ? squeeze(title) : null;
  const titleEls = new Set(
    titleKey
      ? bodyElements($).filter((el) => {
          tick();
          // squeeze() drops every blank, so the heading's squeezed text is the flat text's.
          if (!isElement(el) || visibleChars(el) !== titleKey.length || squeeze(flatText(el)) !== titleKey)
            return false;
          return $(el).text().length < titleKey.length * 3;
        })
      : [],
  );
  const skip = (n: AnyNode) => metaRows.has(n) || titleEls.has(n as Element);
  const body = findBodyContainer($, skip);
  checkpoint();
  const bodyText = body ? normalizeText(textOf(body, skip)) : '';
  const bodyChars = bodyText.length;
  checkpoint();

  if (isErrorPage($, bodyChars)) {
    return {
      title: null,
      indexNo: null,
      category: null,
      publisher: null,
      issuers: [],
      generatedDate: null,
      docNo: null,
      publishedDate: null,
      validity: null,
      bodyText,
      bodyChars,
      tableNumbers: { account: [], other: [] },
      attachments,
      links,
      hasBody: false,
      notFound: true,
    };
  }

  const hasDocNoField = hits.some((h) => h.field === 'docNo');
  let docNo = fieldValue(hits, 'docNo');
  if (!hasDocNoField && body) docNo = docNoLine(body);
  const pubMeta = pubDateMeta($);

  return {
    title,
    indexNo: fieldValue(hits, 'indexNo'),
    category: fieldValue(hits, 'category'),
    publisher: fieldValue(hits, 'publisher'),
    issuers: fieldValues(hits, 'publisher'),
    generatedDate: fieldValue(hits, 'generatedDate'),
    docNo,
    publishedDate: fieldValue(hits, 'publishedDate') ?? dateBesideSource(hits) ?? (pubMeta ? parseDate(pubMeta) : null),
    validity: fieldValue(hits, 'validity'),
    bodyText,
    bodyChars,
    tableNumbers: body ? numbersInTables(body) : { account: [], other: [] },
    attachments,
    links,
    hasBody: body !== null && ownBodyText(body, skip).length >= MIN_BODY_CHARS,
    notFound: false,
  };
}

/** Only for pages without a 文号 field: the number line printed under the heading. */
function docNoLine(body: Element): string | null {
  const lines = textOf(body).split('\n').map(normalizeText).filter(Boolean);
  // The document's head block: issuers, heading, number, up to the first real paragraph.
  const firstParagraph = lines.findIndex((l) => l.length > 80);
  const head = lines.slice(0, Math.min(firstParagraph < 0 ? lines.length : firstParagraph, 20));
  const line = head.find((l) => DOC_NO_LINE.test(l));
  return line ? line.replace(/\s+/g, '') : null;
}
