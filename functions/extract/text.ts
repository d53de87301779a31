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
  return absoluteHttpUrl(href, baseUrl)?.toString() ?? null;
}

/** absoluteUrl as a parsed URL, for callers that read its parts: parsing it again costs as much. */
export function absoluteHttpUrl(href: string, baseUrl: string): URL | null {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about):/i.test(h)) return null;
  try {
    const u = new URL(h, baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    // A fragment (even a bare `#`) can only come from the href: the base's is never inherited.
    if (h.includes('#')) u.hash = '';
    return u;
  } catch {
    return null;
  }
}

/** Extensions of downloadable documents (attachments), as opposed to HTML pages. */
const ATTACHMENT_EXT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|zip|rar|7z|ofd|ceb|txt|csv)$/i;

// Query parameters a download script takes the stored file's name in (Hanweb/大汉
// `/module/download/downfile.jsp?classid=0&filename=….doc`, `down.aspx?fileName=….pdf`).
const FILE_NAME_PARAMS = new Set(['filename', 'file', 'name', 'fname', 'filepath', 'path']);

// The last path segment of a download script: downfile.jsp, download.aspx, /attach/download,
// fileDownload.do, DownloadServlet, getfile.ashx, attachment.action … Such a script also serves
// pages (a 下载中心 list), so on its own it proves nothing: the anchor text must name a file.
const DOWNLOAD_SCRIPT =
  /^(?:file|get|do)?[_-]?(?:down(?:load)?|attach(?:ment)?|getfile)[_-]?(?:files?|attach(?:ment)?|servlet|handler)?(?:\.(?:jsp|jspx|aspx?|ashx|php|do|action|cgi))?$/i;
// Anchor text that says "this is the attachment": 附件, 附件1：…, 点击下载, 下载附件, 下载全文.
// A bare 下载中心 / 资料下载 is a navigation entry, not a file.
const ATTACHMENT_TEXT = /附件|^(?:点击)?下载(?:附件|文件|全文|原文|此文件)?$/;

function decoded(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * True when the URL names a document file (附件) rather than a page: by the extension of its
 * path, or of a file name passed to a download script in the query string.
 */
export function isAttachmentUrl(url: string | URL): boolean {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return ATTACHMENT_EXT.test((url as string).split(/[?#]/)[0] ?? '');
  }
  if (ATTACHMENT_EXT.test(decoded(u.pathname))) return true;
  for (const [key, value] of u.searchParams) {
    if (FILE_NAME_PARAMS.has(key.toLowerCase()) && ATTACHMENT_EXT.test(value.trim())) return true;
  }
  return false;
}

/**
 * True when a link is an attachment: its URL names a document (see `isAttachmentUrl`), or it
 * calls a download script with a query (`download.aspx?id=…`, `/attach/download?fileId=…`) and
 * its anchor text names a file (`….pdf`) or says 附件 / 下载附件.
 */
export function isAttachmentLink(url: string | URL, text: string): boolean {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return isAttachmentUrl(url);
  }
  if (isAttachmentUrl(u)) return true;
  const script = u.pathname.split('/').pop() ?? '';
  if (!u.search || !DOWNLOAD_SCRIPT.test(script)) return false;
  const t = normalizeText(text)
    .replace(/[（(]\s*[\d.]+\s*[KMG]?B?\s*[)）]$/i, '')
    .trim();
  return ATTACHMENT_EXT.test(t) || ATTACHMENT_TEXT.test(t);
}
