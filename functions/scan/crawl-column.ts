import { decodeHtml } from '../extract/charset.ts';
import { extractDetail } from '../extract/detail-extractor.ts';
import { extractList } from '../extract/list-extractor.ts';
import { hashOf, sha256 } from '../common/hash.ts';
import { outcomeOf } from '../net/outcome.ts';
import { isAttachmentUrl } from '../extract/text.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import { MAX_LINKS, type ColumnRecord, type ListPageCache, type PageRecord } from '../store/records.ts';
import type { PageLink } from '../extract/types.ts';
import type { Repository } from '../store/repository.ts';
import type { ColumnSnapshot, ItemSnapshot } from '../model/snapshot.ts';
import { crawlSettings } from './settings.ts';
import { portalHosts } from './portal-hosts.ts';
import { daysBetween } from '../calendar/dates.ts';
import { pageRecordOf } from './page-record.ts';
import { maskPersonalData } from '../extract/personal-data.ts';
import { runQueue } from '../local/work-queue.ts';

// Crawls one column (栏目): its list pages, then the detail pages that are new or changed.
// Pages are parsed one at a time and only their metadata is kept, so memory does not grow with
// the size of the portal; writes go out in batches and only for what changed.

export interface CrawlColumnInput {
  portal: PortalConfig;
  column: ColumnConfig;
  scanId: string;
  asOf: string;
}

export interface CrawlColumnDeps {
  fetcher: Fetcher;
  repo: Repository;
  /** Known pages of the portal by URL, when the caller loaded them once for a whole scan. */
  knownPages?: Map<string, PageRecord>;
  /** The column's stored state when the caller already has it (undefined: read it; null: none). */
  previous?: ColumnRecord | null;
  now?: () => Date;
}

export interface CrawlColumnResult {
  columnId: string;
  snapshot: ColumnSnapshot;
  pagesFetched: number;
  pagesParsed: number;
  pagesWritten: number;
  columnWritten: boolean;
}

const DETAIL_WARNING = 'detail page ';

/** Cap on stored list items: keeps a column record well under DynamoDB's 400 KB item limit. */
const MAX_ITEMS = 1000;

/** One BatchWriteItem's worth of pages. */
const PAGE_WRITE_BATCH = 25;

export async function crawlColumn(input: CrawlColumnInput, deps: CrawlColumnDeps): Promise<CrawlColumnResult> {
  const { portal, column, scanId, asOf } = input;
  const settings = crawlSettings(portal);
  const now = deps.now ?? (() => new Date());
  const prev = deps.previous !== undefined ? deps.previous : await deps.repo.getColumn(portal.id, column.id);
  const warnings: string[] = [];
  const hosts = portalHosts(portal);

  // ---- list pages (pagination) ----
  const listCache: ListPageCache[] = [];
  const items = new Map<string, ItemSnapshot>();
  const links = new Map<string, PageLink>();
  let placeholder: string | null = null;
  let firstOutcome = outcomeOf({ url: column.url, finalUrl: column.url, ok: true, status: 200, notModified: false, attempts: 0 });
  let listPages = 0;
  let unchangedList = true;
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
    if (listPages >= settings.maxListPages) {
      warnings.push(`pagination cut off after ${settings.maxListPages} list pages`);
      break;
    }
    visited.add(next);
    const cached = prev?.listCache[listPages];
    // Ask conditionally only while everything so far is unchanged: once a page changed, the
    // items on later pages shifted too and must be read, not assumed.
    const sameUrl = cached?.url === next && unchangedList;
    const res = await deps.fetcher.fetch({ url: next, etag: sameUrl ? cached?.etag : undefined, lastModified: sameUrl ? cached?.lastModified : undefined });
    if (listPages === 0) firstOutcome = outcomeOf(res);
    if (!res.ok) {
      if (listPages > 0) warnings.push(`list page ${next} failed: ${res.error}`);
      unchangedList = false;
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
    const contentHash = sha256(html);
    listCache.push({ url: next, etag: res.etag, lastModified: res.lastModified, contentHash });
    if (!(sameUrl && cached?.contentHash === contentHash)) unchangedList = false;
    const page = extractList(html, res.finalUrl, { referenceDate: asOf });
    if (listPages === 1) placeholder = page.placeholder;
    for (const it of page.items) if (!items.has(it.url) && items.size < MAX_ITEMS) items.set(it.url, { title: maskPersonalData(it.title), url: it.url, date: it.date });
    for (const l of page.links) if (!links.has(l.url) && !items.has(l.url) && links.size < MAX_LINKS) links.set(l.url, l);
    next = page.nextPageUrl;
  }

  // Unchanged, or unreachable this time: keep what the last scan saw rather than report an
  // outage as an empty column.
  const reuse = prev !== null && (unchangedList || !firstOutcome.ok);
  const listItems = reuse ? prev.items : [...items.values()];
  if (reuse) {
    placeholder = prev.placeholder;
    if (firstOutcome.ok) {
      listPages = prev.listPages;
      warnings.push(...prev.warnings.filter((w) => !warnings.includes(w) && !w.startsWith(DETAIL_WARNING)));
    }
  }
  if (!firstOutcome.ok) {
    warnings.push(`column could not be fetched (${firstOutcome.error})${prev ? `; kept the last scan's ${prev.items.length} items` : ''}`);
  }

  // ---- detail pages: new, changed in the list, or due for a refresh ----
  // Alone (a Lambda, an on-demand check) only this column's pages are read, not the portal's.
  const known = deps.knownPages ?? new Map((await deps.repo.getPages(portal.id, listItems.map((i) => i.url))).map((p) => [p.url, p]));
  let pagesFetched = 0;
  let pagesParsed = 0;
  const toWrite: PageRecord[] = [];
  // Written a batch at a time as pages come in, not at the end: a crawl that dies (a Lambda
  // timeout on a huge first scan) keeps what it fetched, and its retry finds those pages fresh.
  let unwritten: PageRecord[] = [];
  const keep = async (page: PageRecord) => {
    toWrite.push(page);
    unwritten.push(page);
    if (unwritten.length < PAGE_WRITE_BATCH) return;
    const batch = unwritten;
    unwritten = [];
    await deps.repo.putPages(portal.id, batch);
  };
  const detailWarnings: string[] = [];
  const due = listItems.filter((it) => {
    if (!hosts.has(new URL(it.url).host) || isAttachmentUrl(it.url)) return false;
    const page = known.get(it.url);
    if (!page) return true;
    if (page.listTitle !== it.title || (page.listDate ?? null) !== it.date) return true;
    if (!page.fetch.ok) return true; // a page that failed last time is tried again
    return daysBetween(page.fetchedAt.slice(0, 10), now().toISOString().slice(0, 10)) >= settings.refreshDays;
  });

  let failed = false;
  const crawlDetail = async (it: ItemSnapshot) => {
    const old = known.get(it.url);
    const res = await deps.fetcher.fetch({ url: it.url, etag: old?.etag, lastModified: old?.lastModified });
    if (failed) return; // the task has failed; this page is fetched again on the retry
    pagesFetched += 1;
    const fetchedAt = now().toISOString();
    const listFields = { listTitle: it.title, listDate: it.date };
    if (old && res.notModified) {
      await keep({ ...old, ...listFields, fetchedAt });
      return;
    }
    if (!res.ok || !res.body) {
      detailWarnings.push(`detail page ${it.url} failed: ${res.error ?? `HTTP ${res.status}`}`);
      await keep({
        ...(old ?? emptyPage(it.url, column.id, asOf)),
        ...listFields,
        fetch: outcomeOf(res),
        fetchedAt,
      });
      return;
    }
    const { html } = decodeHtml(res.body, res.contentType);
    const contentHash = sha256(html);
    if (old && old.contentHash === contentHash && old.fetch.ok) {
      await keep({ ...old, ...listFields, etag: res.etag, lastModified: res.lastModified, fetchedAt });
      return;
    }
    pagesParsed += 1;
    const detail = extractDetail(html, res.finalUrl);
    await keep({
      ...pageRecordOf(detail, { url: it.url, columnId: column.id, fetch: outcomeOf(res), firstSeen: old?.firstSeen ?? asOf, fetchedAt }, portal),
      etag: res.etag,
      lastModified: res.lastModified,
      contentHash,
      ...listFields,
    });
  };
  // A few lanes per host keep its gate busy without queueing the whole column at once: after a
  // failure (the store refusing a batch) no new page is started, and nothing is written late.
  const settled = await runQueue(due, 2 * settings.concurrency * hosts.size, async (it) => {
    if (failed) return;
    try {
      await crawlDetail(it);
    } catch (e) {
      failed = true;
      throw e;
    }
  });
  // Even when the crawl failed, the pages fetched so far are kept: the retry starts from them.
  if (unwritten.length > 0) await deps.repo.putPages(portal.id, unwritten);
  for (const p of toWrite) known.set(p.url, p);
  const failure = settled.find((r) => !r.ok);
  if (failure && !failure.ok) throw failure.error;
  // Sorted: fetches finish in any order, and the column's state must hash the same when nothing changed.
  warnings.push(...detailWarnings.sort());

  // ---- column state: written only when something in it changed ----
  const failStreak = firstOutcome.ok ? 0 : (prev?.failStreak ?? 0) + 1;
  const state = {
    fetch: firstOutcome, listPages, items: listItems, placeholder, warnings, failStreak,
    listCache: reuse ? prev.listCache : listCache,
    links: reuse ? (prev.links ?? []) : [...links.values()],
  };
  const stateHash = hashOf(state);
  const columnWritten = prev?.stateHash !== stateHash;
  if (columnWritten) {
    const record: ColumnRecord = { columnId: column.id, ...state, stateHash, scanId };
    await deps.repo.putColumn(portal.id, record);
  }
  return {
    columnId: column.id,
    snapshot: { column, fetch: firstOutcome, listPages, items: listItems, placeholder, warnings },
    pagesFetched,
    pagesParsed,
    pagesWritten: toWrite.length,
    columnWritten,
  };
}

function emptyPage(url: string, columnId: string, asOf: string): PageRecord {
  return {
    url, columnId, fetch: { ok: false }, title: null, indexNo: null, docNo: null, publisher: null,
    generatedDate: null, publishedDate: null, validity: null, bodyChars: 0, attachments: 0,
    hasBody: false, notFound: false, firstSeen: asOf, fetchedAt: '',
  };
}
