import type { PortalConfig } from '../config/schema.ts';

// The detail pages (详情页) with outstanding work: a finding still open or acknowledged whose URL
// is the page. A scan asks each of them again, so that a 信息员 who fixes a page by editing it
// sees the finding resolved the next day. The plan reads the portal's findings once (one Query)
// and gives each column's task its own pages; this module stays free of the crawler because
// plan-scan's bundle carries it.

/**
 * The statuses that still ask for work ("counted" findings). Compared as strings: the lifecycle
 * may gain statuses, and ignored or resolved findings must not make a page due every day.
 */
const OUTSTANDING_STATUSES: ReadonlySet<string> = new Set(['open', 'acknowledged']);

/**
 * What a column's task may carry of its outstanding pages, as JSON. SendMessageBatch allows
 * 256 KiB for its ten messages together: ten tasks at 16 KiB each, plus their few other fields,
 * stay well under it. A column with more (hundreds of pages with findings) gets none in its
 * message, and its task reads the portal's findings itself: one Query, for that rare column only.
 */
export const OUTSTANDING_MESSAGE_BYTES = 16 * 1024;

/** The fields of a stored finding this module reads. */
export interface FindingOfPage {
  status: string;
  url: string;
  columnId?: string;
}

/** The URLs of `findings` that still ask for work, whatever their column: sorted, each once. */
export function outstandingUrls(findings: readonly FindingOfPage[]): string[] {
  return [...new Set(findings.filter((f) => OUTSTANDING_STATUSES.has(f.status)).map((f) => f.url))].sort();
}

/**
 * The outstanding pages of each configured column, by column id: a finding belongs to the column
 * that crawled its page. Findings about a column or the homepage themselves, or with no column
 * (site-wide ones), name no detail page and are left out.
 */
export function outstandingPagesByColumn(
  portal: PortalConfig,
  findings: readonly FindingOfPage[],
): Map<string, string[]> {
  const notPages = new Set([portal.homepage, ...portal.columns.map((c) => c.url)]);
  const byColumn = new Map<string, FindingOfPage[]>(portal.columns.map((c) => [c.id, []]));
  for (const f of findings) {
    const ofColumn = f.columnId === undefined ? undefined : byColumn.get(f.columnId);
    if (ofColumn && !notPages.has(f.url)) ofColumn.push(f);
  }
  return new Map([...byColumn].map(([id, ofColumn]) => [id, outstandingUrls(ofColumn)]));
}

/** Whether a column's outstanding pages fit in its task's message (see OUTSTANDING_MESSAGE_BYTES). */
export const fitsInMessage = (urls: readonly string[]) =>
  Buffer.byteLength(JSON.stringify(urls)) <= OUTSTANDING_MESSAGE_BYTES;
