import { EXTRACTION_BUDGET_MS } from '../extract/budget.ts';
import type { FetchOutcome } from '../model/snapshot.ts';

// A list page that answered but is not a web page: a JSON feed (AJAX portals load their lists
// so), an image, a PDF, a page of NUL bytes. Read as HTML it holds no items, and the column would
// be reported 空白栏目 at veto level. It is a column that cannot be read instead: its fetch
// outcome fails with the status it answered (2xx) and says why, so every rule that needs the
// column's content leaves it alone and site-unreachable reports it (rules/site-unreachable.ts).

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Types old servers send for any file: trusted only when the body looks like markup. */
const GENERIC_TYPES = new Set(['text/plain', 'application/octet-stream']);
const MARKUP = /<(?:!doctype|html|head|body|div|table|ul|ol|li|a|p|span|form|iframe|frameset)[\s>/]/i;
/** C0 controls other than tab, line feed, form feed and carriage return: never in a text page. */
const isControl = (code: number) => code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d;
/** Characters looked at, and the share of control characters that makes them binary. */
const SAMPLE_CHARS = 4096;
const BINARY_SHARE = 0.02;

/** Why the decoded `html` is not a web page to read a list from, or null when it is one. */
export function notAWebPage(contentType: string | null | undefined, html: string): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const sample = html.slice(0, SAMPLE_CHARS);
  if (type && !HTML_TYPES.has(type) && !(GENERIC_TYPES.has(type) && MARKUP.test(sample)))
    return `列表页不是网页：${type}`;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) if (isControl(sample.charCodeAt(i))) controls += 1;
  if (sample.length > 0 && controls / sample.length > BINARY_SHARE)
    return '列表页不是网页：内容是二进制数据（含大量控制字符），不是可解析的文档';
  return null;
}

export const OVER_BUDGET = `列表页无法读取：${EXTRACTION_BUDGET_MS} ms 内未能解析完（页面过大或嵌套过深）`;

/** The outcome of a list page that answered `status` but could not be read, for `reason`. */
export const unreadableOutcome = (status: number, reason: string): FetchOutcome => ({
  ok: false,
  status,
  error: reason,
  kind: 'other',
});
