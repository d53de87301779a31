import type { CheerioAPI } from 'cheerio';
import { flatText, isElement } from './dom.ts';
import { absoluteUrl, normalizeText } from './text.ts';
import { tick } from './budget.ts';

// Where a column list continues. TRS (拓尔思) list pages draw their pager from a script call
// with the page count; the pages themselves follow a fixed naming: page 1 is index.html,
// page k+1 is index_k.html, all in the list page's directory. Other systems print plain links
// (下一页 / 尾页 / 共N页).

export interface Pagination {
  totalPages: number | null;
  nextPageUrl: string | null;
}

interface PagerCall {
  count: number;
  current: number;
  prefix: string;
  suffix: string;
}

/** Script source without comments: JS block/line comments and the legacy `<!--` / `-->` lines. */
export function stripJsComments(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\'"])\/\/.*$/gm, '$1')
    .replace(/^\s*(?:<!--|-->).*$/gm, ' ');
}

const NUM = '\\s*(\\d+)\\s*';
const STR = '\\s*["\']([\\w.-]*)["\']\\s*';
// createPageHTML(records, pages, current, "index", "html") — the 5-argument variant (首都之窗).
const CREATE_PAGE_5 = new RegExp(`createPageHTML\\(${NUM},${NUM},${NUM},${STR},${STR}\\)`);
// createPageHTML(pages, current, "index", "html") — the classic TRS call.
const CREATE_PAGE_4 = new RegExp(`createPageHTML\\(${NUM},${NUM},${STR},${STR}\\)`);
// Pager({size: 29, current: 0, prefix: 'index', suffix: 'html'})
// createPageHTML('page_div', pages, current, 'index', 'html', records) — newer TRS templates
// that draw into an element by id.
const CREATE_PAGE_ID = new RegExp(`createPageHTML\\(${STR},${NUM},${NUM},${STR},${STR}(?:,${NUM})?\\)`);
const PAGER_OBJ = /Pager\s*\(\s*\{([^}]*)\}\s*\)/;
const COUNT_VAR = /\bvar\s+countPage\s*=\s*(\d+)/;
const CURRENT_VAR = /\bvar\s+currentPage\s*=\s*(\d+)/;

function pagerField(body: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*:\\s*["']?([\\w.-]+)["']?`).exec(body);
  return m ? m[1]! : null;
}

function findPagerCall(scripts: string[]): PagerCall | null {
  for (const raw of scripts) {
    const src = stripJsComments(raw);
    let m = CREATE_PAGE_ID.exec(src);
    if (m) return { count: Number(m[2]), current: Number(m[3]), prefix: m[4]!, suffix: m[5]! };
    m = CREATE_PAGE_5.exec(src);
    if (m) return { count: Number(m[2]), current: Number(m[3]), prefix: m[4]!, suffix: m[5]! };
    m = CREATE_PAGE_4.exec(src);
    if (m) return { count: Number(m[1]), current: Number(m[2]), prefix: m[3]!, suffix: m[4]! };
    const p = PAGER_OBJ.exec(src);
    if (p) {
      const size = pagerField(p[1]!, 'size');
      if (size && /^\d+$/.test(size)) {
        return {
          count: Number(size),
          current: Number(pagerField(p[1]!, 'current') ?? 0) || 0,
          prefix: pagerField(p[1]!, 'prefix') ?? 'index',
          suffix: pagerField(p[1]!, 'suffix') ?? 'html',
        };
      }
    }
    const c = COUNT_VAR.exec(src);
    if (c) {
      const cur = CURRENT_VAR.exec(src);
      return { count: Number(c[1]), current: cur ? Number(cur[1]) : 0, prefix: 'index', suffix: 'html' };
    }
  }
  return null;
}

/** The URL of 0-based page `index` by the TRS convention. */
export function trsPageUrl(pageUrl: string, index: number, prefix = 'index', suffix = 'html'): string {
  const name = index === 0 ? `${prefix}.${suffix}` : `${prefix}_${index}.${suffix}`;
  return new URL(name, pageUrl).toString();
}

const NEXT_TEXT = /^(下一页|下页|后一页|next|>|›|»)$/i;
const LAST_TEXT = /^(尾页|末页|最后一页|last)$/i;

export function findPagination($: CheerioAPI, pageUrl: string, baseUrl: string): Pagination {
  const scripts = $('script')
    .toArray()
    .map((s) => $(s).html() ?? '');
  const call = findPagerCall(scripts);
  if (call) {
    const count = Math.max(call.count, 1);
    const next = call.current + 1 < count ? trsPageUrl(pageUrl, call.current + 1, call.prefix, call.suffix) : null;
    return { totalPages: count, nextPageUrl: next };
  }

  // Plain links: 下一页 (its href), 尾页 (index_N → N+1 pages), 共N页 in the pager text.
  let nextPageUrl: string | null = null;
  let totalPages: number | null = null;
  $('a[href]').each((_, el) => {
    tick();
    if (!isElement(el)) return;
    const text = normalizeText(flatText(el) || el.attribs.title || '');
    const url = absoluteUrl(el.attribs.href ?? '', baseUrl);
    if (NEXT_TEXT.test(text) && url && url !== pageUrl && !nextPageUrl) nextPageUrl = url;
    if (LAST_TEXT.test(text) && url) {
      const m = /_(\d+)\.\w+$/.exec(new URL(url).pathname);
      if (m) totalPages = Math.max(totalPages ?? 0, Number(m[1]) + 1);
    }
  });
  const body = $('body')[0];
  const count = body ? /共\s*(\d+)\s*页/.exec(flatText(body)) : null;
  if (count) totalPages = Number(count[1]);
  return { totalPages, nextPageUrl };
}
