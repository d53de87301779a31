import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { inFurniture, isElement, nameHints, textOf } from './dom.ts';
import { normalizeText, squeeze } from './text.ts';
import { tick } from './budget.ts';

// The article heading. `<title>` is unreliable on government sites (often just the site name, or
// "title_column_site"), and the heading element has no fixed markup, so candidates (h1–h4 and
// *title* classes) are scored, and a candidate confirmed by `<meta name="ArticleTitle">` or by a
// part of `<title>` wins. The confirming text is returned when it is the fuller form (a heading
// split over lines or printed without its 《》).

const TITLE_CLASS = /(^|[\s_-])(title|tit|bt|biaoti|heading|article-title|detail-title)([\s_-]|\d|$)|title/;
const SEPARATORS = /\s*(?:_|\||｜|——|--|\s-\s|(?<!\d)-(?!\d)|—(?!\d))\s*/;

/** A heading's text with line breaks inside Chinese text closed up (breaks there are layout). */
export function headingText(el: Element): string {
  const raw = textOf(el).replace(/([^\s\p{ASCII}])[ \t\u00a0\u3000]*\n\s*(?=[^\s\p{ASCII}])/gu, '$1');
  return normalizeText(raw);
}

/** `<title>` (or ArticleTitle) split into its parts: "标题_栏目_网站" → [标题, 栏目, 网站]. */
export function titleParts(title: string): string[] {
  return normalizeText(title)
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2);
}

function metaContent($: CheerioAPI, name: string): string | null {
  const el = $('meta')
    .toArray()
    .find((m) => (m.attribs.name ?? '').toLowerCase() === name.toLowerCase());
  const v = el?.attribs.content;
  return v ? normalizeText(v) : null;
}

export function pubDateMeta($: CheerioAPI): string | null {
  return metaContent($, 'PubDate');
}

interface Candidate {
  text: string;
  score: number;
  /** The ArticleTitle / labelled title confirming the candidate, if any. */
  trusted: string | null;
}

/** True when hint and candidate are the same title (one contains the other, nearly all of it). */
function confirms(hint: string, text: string): boolean {
  const s = squeeze(text);
  const sh = squeeze(hint);
  if (sh.length < 4) return false;
  return (sh.includes(s) && s.length * 2.5 >= sh.length) || (s.includes(sh) && sh.length * 1.5 >= s.length);
}

export function extractTitle($: CheerioAPI, labelledTitle: string | null): string | null {
  const articleTitle = metaContent($, 'ArticleTitle');
  // ArticleTitle (TRS/JCMS) and the metadata table's 标题 are the article's own title; of
  // `<title>` only the longest part is (the others are column and site names).
  const trusted = [...(articleTitle ? titleParts(articleTitle) : []), ...(labelledTitle ? [labelledTitle] : [])];
  const pageTitle = articlePart(titleParts($('title').first().text()));

  const candidates: Candidate[] = [];
  $('h1, h2, h3, h4, [class], [id]').each((_, el) => {
    tick();
    if (
      !isElement(el) ||
      ['a', 'li', 'ul', 'body', 'html', 'meta', 'script', 'style', 'title', 'button'].includes(el.name)
    )
      return;
    const isHeading = /^h[1-4]$/.test(el.name);
    if (!isHeading && !TITLE_CLASS.test(nameHints(el))) return;
    // The site name in the header and column names in menus are headings too, but never the title.
    if (inFurniture(el)) return;
    const text = headingText(el);
    if (text.length < 4 || text.length > 200) return;
    // A heading that is all link (<h3><a>政府信息公开指南</a></h3>) is navigation.
    if ($(el).find('a').text().trim().length >= $(el).text().trim().length) return;
    const hint = trusted.find((h) => confirms(h, text)) ?? null;
    let score = { h1: 4, h2: 3, h3: 2, h4: 1 }[el.name] ?? 0;
    if (TITLE_CLASS.test(nameHints(el))) score += 2;
    if (hint) score += 10;
    else if (pageTitle && confirms(pageTitle, text)) score += 8;
    if (text.length >= 8) score += 1;
    candidates.push({ text, score, trusted: hint });
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];

  // A heading split over lines or printed without its 《》 is less complete than ArticleTitle.
  if (best?.trusted) return squeeze(best.trusted).length > squeeze(best.text).length ? best.trusted : best.text;
  if (best && best.score >= 8) return best.text;
  if (labelledTitle) return labelledTitle;
  if (articleTitle) return articlePart(titleParts(articleTitle));
  if (best && best.score >= 3) return best.text;
  return pageTitle;
}

// Words of document titles (关于…的通知); column and site names rarely have them.
const DOCUMENT_WORDS =
  /关于|通知|通告|公告|公示|决定|意见|办法|规定|方案|批复|复函|报告|细则|措施|指引|解读|条例|规划|计划|名单|结果/;

/** The part of a "标题_栏目_网站" title that is the article: the first with document words, else the longest. */
function articlePart(parts: string[]): string | null {
  return parts.find((p) => DOCUMENT_WORDS.test(p)) ?? longest(parts);
}

function longest(parts: string[]): string | null {
  return parts.reduce<string | null>((a, p) => (a === null || p.length > a.length ? p : a), null);
}
