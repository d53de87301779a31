import * as cheerio from 'cheerio';
import { parseDate } from './dates.ts';
import type { ItemSnapshot } from '../rules/types.ts';

// A homepage is boxes of dated headlines (工作动态, 通知公告 …) around a navigation bar.
// Rules need two things from it: the dated items (is the homepage updated?) and the
// navigation texts (are the expected columns there?).

export interface HomepageExtract {
  items: ItemSnapshot[];
  navLinks: { text: string; url: string }[];
}

const clean = (s: string) => s.replace(/[\s\u00a0\u3000\u200b]+/g, ' ').trim();

export function extractHomepage(html: string, pageUrl: string, referenceDate?: string): HomepageExtract {
  const $ = cheerio.load(html);
  const base = $('base[href]').attr('href');
  const baseUrl = base ? new URL(base, pageUrl).toString() : pageUrl;
  const items = new Map<string, ItemSnapshot>();
  const navLinks = new Map<string, { text: string; url: string }>();

  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')!.trim();
    if (!href || /^(javascript:|mailto:|#)/i.test(href)) return;
    let url: string;
    try {
      url = new URL(href, baseUrl).toString();
    } catch {
      return;
    }
    const text = clean($(el).attr('title') || $(el).text());
    if (!text) return;
    // The date of a headline sits in the same row (li / tr / dd) as its link.
    const row = $(el).closest('li, tr, dd, p');
    const rowText = row.length ? clean(row.text()) : '';
    const date = rowText ? parseDate(rowText.replace(text, ' '), { referenceDate }) : null;
    if (date) {
      if (!items.has(url)) items.set(url, { title: text, url, date });
    } else if (text.length <= 24 && !navLinks.has(url)) {
      navLinks.set(url, { text, url });
    }
  });
  return { items: [...items.values()], navLinks: [...navLinks.values()] };
}
