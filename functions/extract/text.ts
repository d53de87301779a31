// Whitespace handling shared by the extractors. Government pages pad text with every kind of
// blank: ASCII runs, &nbsp; (U+00A0), the ideographic space (U+3000) and zero-width spaces
// (U+200B, often pasted in from Word in front of a 文号).

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const BLANKS = /[\s\u00a0\u3000]+/g;

/** Drop zero-width characters, collapse blank runs to one space, trim. */
export function normalizeText(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(BLANKS, ' ').trim();
}

/** Remove every blank (for labels written with spaces inside, like `索 引 号`). */
export function squeeze(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(BLANKS, '');
}

/** Resolve an href against the page (or `<base href>`), null when it is not a usable URL. */
export function absoluteUrl(href: string, baseUrl: string): string | null {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about):/i.test(h)) return null;
  try {
    const u = new URL(h, baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

/** Extensions of downloadable documents (attachments), as opposed to HTML pages. */
const ATTACHMENT_EXT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|zip|rar|7z|ofd|ceb|txt|csv)$/i;

/** True when the URL's path names a document file (附件) rather than a page. */
export function isAttachmentUrl(url: string): boolean {
  try {
    return ATTACHMENT_EXT.test(decodeURIComponent(new URL(url).pathname));
  } catch {
    return ATTACHMENT_EXT.test(url.split(/[?#]/)[0] ?? '');
  }
}
