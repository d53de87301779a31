import { decodeHtml } from '../extract/charset.ts';
import { extractList } from '../extract/list-extractor.ts';
import { extractMessageList } from '../extract/message-list.ts';
import { maskPersonalData } from '../extract/personal-data.ts';
import type { PageLink } from '../extract/types.ts';
import { sha256 } from '../common/hash.ts';
import { outcomeOf } from '../net/outcome.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { FetchOutcome, ItemSnapshot } from '../model/snapshot.ts';
import { MAX_LINKS, type ColumnRecord, type ListPageCache } from '../store/records.ts';
import { isDetailWarning } from './detail-page.ts';
import { isInteraction, maskMessageText } from './message-record.ts';
import { portalHosts } from './portal-hosts.ts';
import { crawlSettings } from './settings.ts';
import { isBudgetExceeded } from '../extract/budget.ts';
import { notAWebPage, OVER_BUDGET, unreadableOutcome } from './web-page.ts';
import { isUnreadable } from '../rules/site-unreachable.ts';

// A column's list pages (列表页): the first, then "next page" links as far as the portal lets us.
// What the pages list becomes the column's items, or, when nothing changed or the column is
// down, the items the last scan saw.

/** Cap on stored list items: keeps a column record well under DynamoDB's 400 KB item limit. */
const MAX_ITEMS = 1000;

/** What the column lists this scan, as its stored state will hold it. */
export interface ColumnListing {
  /** The first list page's fetch: whether the column is up. */
  fetch: FetchOutcome;
  listPages: number;
  items: ItemSnapshot[];
  placeholder: string | null;
  listCache: ListPageCache[];
  links: PageLink[];
  warnings: string[];
}

/** Reads the list pages, then keeps the last scan's listing when the column is unchanged or unreachable. */
export async function readColumnList(
  input: { portal: PortalConfig; column: ColumnConfig; asOf: string },
  deps: { fetcher: Fetcher; previous: ColumnRecord | null },
): Promise<ColumnListing> {
  const prev = deps.previous;
  const read = await walkListPages(input, deps);
  const { fetch, warnings } = read;
  // Unchanged, or unreachable this time: keep what the last scan saw rather than report an
  // outage as an empty column.
  const reuse = prev !== null && (read.unchanged || !fetch.ok);
  let { listPages, placeholder } = read;
  if (reuse) {
    placeholder = prev.placeholder;
    if (fetch.ok) {
      listPages = prev.listPages;
      warnings.push(...prev.warnings.filter((w) => !warnings.includes(w) && !isDetailWarning(w)));
    }
  }
  const kept = prev ? `; kept the last scan's ${prev.items.length} items` : '';
  // An unreadable list page has said why already (web-page.ts).
  if (!fetch.ok && !isUnreadable(fetch)) warnings.push(`column could not be fetched (${fetch.error})${kept}`);
  else if (!fetch.ok && kept) warnings.push(kept.slice(2));
  return {
    fetch,
    listPages,
    items: reuse ? prev.items : read.items,
    placeholder,
    listCache: reuse ? prev.listCache : read.listCache,
    links: reuse ? (prev.links ?? []) : read.links,
    warnings,
  };
}

/** Follows the pagination; `unchanged` is true while every page read matches the last scan's. */
async function walkListPages(
  input: { portal: PortalConfig; column: ColumnConfig; asOf: string },
  deps: { fetcher: Fetcher; previous: ColumnRecord | null },
) {
  const { portal, column, asOf } = input;
  const prev = deps.previous;
  const { maxListPages } = crawlSettings(portal);
  const hosts = portalHosts(portal);
  const warnings: string[] = [];
  const listCache: ListPageCache[] = [];
  const items = new Map<string, ItemSnapshot>();
  const links = new Map<string, PageLink>();
  let placeholder: string | null = null;
  let fetch = outcomeOf({
    url: column.url,
    finalUrl: column.url,
    ok: true,
    status: 200,
    notModified: false,
    attempts: 0,
  });
  let listPages = 0;
  let unchanged = true;
  /** Distinct items listed past the cap: they are not kept, and the column says so. */
  const beyondCap = new Set<string>();
  const visited = new Set<string>();
  let next: string | null = column.url;
  while (next) {
    // A "next page" link is the page's to choose; where we go is ours: never off the portal.
    if (!hosts.has(new URL(next).host)) {
      warnings.push(`pagination leads off the portal to ${next}; stopped`);
      break;
    }
    if (visited.has(next)) {
      warnings.push(`pagination loops back to ${next}; stopped`);
      break;
    }
    if (listPages >= maxListPages) {
      warnings.push(`pagination cut off after ${maxListPages} list pages`);
      break;
    }
    visited.add(next);
    const cached = prev?.listCache[listPages];
    // Ask conditionally only while everything so far is unchanged: once a page changed, the
    // items on later pages shifted too and must be read, not assumed.
    const sameUrl = cached?.url === next && unchanged;
    const res = await deps.fetcher.fetch({
      url: next,
      etag: sameUrl ? cached?.etag : undefined,
      lastModified: sameUrl ? cached?.lastModified : undefined,
    });
    if (listPages === 0) fetch = outcomeOf(res);
    if (!res.ok) {
      if (listPages > 0) warnings.push(`list page ${next} failed: ${res.error}`);
      unchanged = false;
      break;
    }
    listPages += 1;
    if (res.notModified && prev && sameUrl) {
      // 304: the page is as it was. TRS regenerates every list page when an item is added, so an
      // unchanged page, with every page before it unchanged, means an unchanged column: reuse
      // what the last scan stored (its list cache, pages and links).
      listCache.push(cached!);
      break;
    }
    const { html } = decodeHtml(res.body!, res.contentType);
    const read = readListPage(html, res.contentType, res.finalUrl, { column, asOf });
    if ('unreadable' in read) {
      // Not cached: asked afresh next time, and never taken for an unchanged column by a 304.
      unchanged = false;
      if (listPages === 1) fetch = unreadableOutcome(res.status ?? 200, read.unreadable);
      warnings.push(listPages === 1 ? read.unreadable : `list page ${next}: ${read.unreadable}; stopped`);
      break;
    }
    const { messages, page } = read;
    const contentHash = sha256(html);
    listCache.push({ url: next, etag: res.etag, lastModified: res.lastModified, contentHash });
    if (!(sameUrl && cached?.contentHash === contentHash)) unchanged = false;
    if (listPages === 1) placeholder = page.placeholder;
    // Hanweb's jpage fetches the rest by a POST to its data proxy: only what the page embeds is read.
    if (messages?.totalRecords && messages.embeddedRecords! < messages.totalRecords)
      warnings.push(`message list ${next} embeds ${messages.embeddedRecords} of ${messages.totalRecords} messages`);
    const listed: ItemSnapshot[] = messages
      ? messages.items.map((it) => ({
          title: maskMessageText(it.title),
          url: it.url,
          date: it.date,
          message: it.message,
        }))
      : page.items.map((it) => ({ title: maskPersonalData(it.title), url: it.url, date: it.date }));
    for (const it of listed) {
      if (items.has(it.url)) continue;
      if (items.size < MAX_ITEMS) items.set(it.url, it);
      else beyondCap.add(it.url);
    }
    for (const l of page.links)
      if (!links.has(l.url) && !items.has(l.url) && links.size < MAX_LINKS) links.set(l.url, l);
    next = page.nextPageUrl;
  }
  if (beyondCap.size > 0)
    warnings.push(
      `column lists more than ${MAX_ITEMS} items (${MAX_ITEMS + beyondCap.size} read); only the first ${MAX_ITEMS} are kept and checked`,
    );
  return {
    fetch,
    listPages,
    items: [...items.values()],
    placeholder,
    listCache,
    links: [...links.values()],
    unchanged,
    warnings,
  };
}

/** One list page read: its items (and messages), or why it cannot be read. */
function readListPage(
  html: string,
  contentType: string | null | undefined,
  url: string,
  at: { column: ColumnConfig; asOf: string },
):
  | { unreadable: string }
  | { messages: ReturnType<typeof extractMessageList> | null; page: ReturnType<typeof extractList> } {
  const notPage = notAWebPage(contentType, html);
  if (notPage) return { unreadable: notPage };
  try {
    const messages = isInteraction(at.column) ? extractMessageList(html, url, { referenceDate: at.asOf }) : null;
    return { messages, page: messages ?? extractList(html, url, { referenceDate: at.asOf }) };
  } catch (e) {
    // A page past the extraction budget (extract/budget.ts) cannot be read; any other error is a fault.
    if (isBudgetExceeded(e)) return { unreadable: OVER_BUDGET };
    throw e;
  }
}
