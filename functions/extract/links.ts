import type { CheerioAPI } from 'cheerio';
import { isElement, flatText } from './dom.ts';
import { absoluteHttpUrl, absoluteUrl, isAttachmentLink, normalizeText } from './text.ts';
import type { PageLink } from './types.ts';
import { tick } from './budget.ts';

// Every link of a page (a[href], img[src]), absolute and deduplicated: what link checking
// checks, and where a detail page's attachments (附件) come from.

export function baseUrlOf($: CheerioAPI, pageUrl: string): string {
  const base = $('base[href]').attr('href');
  return (base && absoluteUrl(base, pageUrl)) || pageUrl;
}

export function collectLinks($: CheerioAPI, baseUrl: string): PageLink[] {
  const links = new Map<string, PageLink>();
  $('a[href], img[src]').each((_, el) => {
    tick();
    if (!isElement(el)) return;
    const isImg = el.name === 'img';
    const parsed = absoluteHttpUrl((isImg ? el.attribs.src : el.attribs.href) ?? '', baseUrl);
    const url = parsed?.toString();
    if (!parsed || !url || links.has(url)) return;
    const text = isImg ? normalizeText(el.attribs.alt ?? '') : flatText(el) || normalizeText(el.attribs.title ?? '');
    links.set(url, { url, text, kind: isImg ? 'img' : isAttachmentLink(parsed, text) ? 'attachment' : 'a' });
  });
  return [...links.values()];
}
