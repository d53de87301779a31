import { budgetFor, tick, underBudget, type Budget } from './budget.ts';
import { parseDate } from './dates.ts';
import { loadHtml } from './parse.ts';
import { baseUrlOf, collectLinks } from './links.ts';
import { absoluteUrl, normalizeText } from './text.ts';
import type { PageLink } from './types.ts';
import type { ItemSnapshot } from '../model/snapshot.ts';

// A homepage is boxes of dated headlines (工作动态, 通知公告 …) around a navigation bar.
// Rules need the dated items (is the homepage updated?), the navigation texts (are the
// expected columns there?) and every link (link checking).

export interface HomepageExtract {
  items: ItemSnapshot[];
  navLinks: { text: string; url: string }[];
  links: PageLink[];
}

/** A homepage read under `budget`; past it, ExtractionBudgetExceeded. */
export function extractHomepage(
  html: string,
  pageUrl: string,
  referenceDate?: string,
  budget?: Budget,
): HomepageExtract {
  const pageBudget = budgetFor(`homepage ${pageUrl}`, budget);
  return underBudget(pageBudget, () => readHomepage(html, pageUrl, referenceDate, pageBudget));
}

function readHomepage(
  html: string,
  pageUrl: string,
  referenceDate: string | undefined,
  budget: Budget,
): HomepageExtract {
  const $ = loadHtml(html, budget);
  const baseUrl = baseUrlOf($, pageUrl);
  const links = collectLinks($, baseUrl);
  const items = new Map<string, ItemSnapshot>();
  const navLinks = new Map<string, { text: string; url: string }>();

  $('a[href]').each((_, el) => {
    tick();
    const url = absoluteUrl($(el).attr('href') ?? '', baseUrl);
    if (!url) return;
    const text = normalizeText($(el).attr('title') || $(el).text());
    if (!text) return;
    // The date of a headline sits in the same row (li / tr / dd / p) as its link.
    const row = $(el).closest('li, tr, dd, p');
    const rowText = row.length ? normalizeText(row.text()) : '';
    const date = rowText ? parseDate(rowText.replace(text, ' '), { referenceDate }) : null;
    if (date) {
      if (!items.has(url)) items.set(url, { title: text, url: url, date });
    } else if (text.length <= 24 && !navLinks.has(url)) {
      navLinks.set(url, { text, url: url });
    }
  });
  return { items: [...items.values()], navLinks: [...navLinks.values()], links };
}
