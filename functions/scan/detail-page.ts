import { Budget, isBudgetExceeded, pageBudgetMs, underBudget } from '../extract/budget.ts';
import { decodeHtml } from '../extract/charset.ts';
import { extractDetail } from '../extract/detail-extractor.ts';
import { checkServiceGuide } from '../extract/service-guide.ts';
import type { DetailPage } from '../extract/types.ts';
import { sha256 } from '../common/hash.ts';
import { outcomeOf } from '../net/outcome.ts';
import type { Fetcher, FetchResult } from '../net/fetcher.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { FetchOutcome } from '../model/snapshot.ts';
import type { PageRecord } from '../store/records.ts';
import { columnOf, isInteraction, messagePageRecord } from './message-record.ts';
import { firstSeenOf, pageRecordOf } from './page-record.ts';

// One detail page (详情页): fetched, decoded, extracted, and turned into what the store keeps of
// it. A column's crawl does this for every page it finds due; an on-demand check for one URL.

const DETAIL_WARNING = 'detail page ';

/** A warning about one detail page: a column state reused from the last scan drops these (the pages are tried again). */
export const isDetailWarning = (warning: string) => warning.startsWith(DETAIL_WARNING);

export interface DetailPageFetch {
  /** The page as the store should hold it now. */
  record: PageRecord;
  /** How this fetch went. */
  fetch: FetchOutcome;
  /** The page as extracted: present only when its content was new and so parsed. */
  detail?: DetailPage;
  /** Why the page could not be read, for the column's warnings. */
  warning?: string;
  /**
   * The stored record still holds: a 304, or the same content, for a page that read fine last
   * time. `record` then differs from it only in `fetchedAt` and the validators.
   */
  unchanged: boolean;
}

export interface DetailPageContext {
  portal: PortalConfig;
  /** The scan fetching, if any: a page it stores first carries its id (recorded-scans.ts). */
  scanId?: string;
  asOf: string;
  fetcher: Fetcher;
  now: () => Date;
  /**
   * Ask without validators and parse whatever comes, even the content already stored: an
   * on-demand check wants the page as it is now, read by today's extractor.
   */
  fresh?: boolean;
}

/**
 * Fetches one page. `known` is its stored record, if any: unchanged (a 304, or the same content)
 * the record is only touched up; failed, it keeps what was known with the failure; new or
 * changed, it is built afresh from the extracted page. The list fields say how the column lists it.
 */
export async function fetchDetailPage(
  page: { url: string; columnId: string; listTitle?: string; listDate?: string | null },
  known: PageRecord | undefined,
  ctx: DetailPageContext,
): Promise<DetailPageFetch> {
  // A guide stored before its column was a service-guide one (or before guides were read) has no
  // elements yet: asked unconditionally and parsed, or it would stay unread while unchanged.
  const guideUnread = known?.fetch.ok === true && !known.guide && isGuideColumn(page.columnId, ctx.portal);
  const conditional = ctx.fresh || guideUnread ? undefined : known;
  const res = await ctx.fetcher.fetch({
    url: page.url,
    etag: conditional?.etag,
    lastModified: conditional?.lastModified,
  });
  const fetch = outcomeOf(res);
  const fetchedAt = ctx.now().toISOString();
  const listFields = { listTitle: page.listTitle, listDate: page.listDate };
  // A 304 answers the validators of the last good read (a failed fetch keeps them): the page is
  // that read, and readable again, even when the last fetch had failed.
  if (known && res.notModified)
    return { record: { ...known, ...listFields, fetch, fetchedAt }, fetch, unchanged: known.fetch.ok };
  if (!res.ok || !res.body) {
    return {
      record: { ...(known ?? emptyPage(page.url, page.columnId, ctx)), ...listFields, fetch, fetchedAt },
      fetch,
      warning: `${DETAIL_WARNING}${page.url} failed: ${res.error ?? `HTTP ${res.status}`}`,
      unchanged: false,
    };
  }
  const { html } = decodeHtml(res.body, res.contentType);
  const contentHash = sha256(html);
  if (conditional && conditional.contentHash === contentHash && conditional.fetch.ok) {
    return {
      record: { ...conditional, ...listFields, etag: res.etag, lastModified: res.lastModified, fetchedAt },
      fetch,
      unchanged: true,
    };
  }
  // One budget for everything read off the page; a page over it is skipped, its column goes on.
  const budget = new Budget(`${DETAIL_WARNING}${page.url}`, pageBudgetMs(html.length));
  try {
    return underBudget(budget, () => readPage(page, known, ctx, { html, contentHash, res, fetch, fetchedAt }, budget));
  } catch (err) {
    if (!isBudgetExceeded(err)) throw err;
    // Stored as a failed read: rules skip it, and the next scan tries it again.
    const refused: FetchOutcome = { ok: false, error: `refused: ${err.reason}`, kind: 'other' };
    return {
      record: { ...(known ?? emptyPage(page.url, page.columnId, ctx)), ...listFields, fetch: refused, fetchedAt },
      fetch: refused,
      warning: `${DETAIL_WARNING}${page.url} refused: ${err.reason}`,
      unchanged: false,
    };
  }
}

interface FetchedPage {
  html: string;
  contentHash: string;
  res: FetchResult;
  fetch: FetchOutcome;
  fetchedAt: string;
}

function readPage(
  page: { url: string; columnId: string; listTitle?: string; listDate?: string | null },
  known: PageRecord | undefined,
  ctx: DetailPageContext,
  { html, contentHash, res, fetch, fetchedAt }: FetchedPage,
  budget: Budget,
): DetailPageFetch {
  const listFields = { listTitle: page.listTitle, listDate: page.listDate };
  const detail = extractDetail(html, res.finalUrl, budget);
  const guide = guideOf(html, page.columnId, ctx.portal, budget);
  const built: PageRecord = {
    ...pageRecordOf(
      detail,
      { url: page.url, columnId: page.columnId, fetch, ...firstSeenOf(known, ctx), fetchedAt },
      ctx.portal,
    ),
    etag: res.etag,
    lastModified: res.lastModified,
    contentHash,
    ...listFields,
    ...(guide ? { guide } : {}),
  };
  const record = isInteraction(columnOf(ctx.portal, page.columnId)) ? messagePageRecord(built, html, ctx.asOf) : built;
  return { record, fetch, detail, unchanged: false };
}

/** A 办事指南 column's page is read for its elements; only their names are kept. */
const isGuideColumn = (columnId: string, portal: PortalConfig) =>
  portal.columns.find((c) => c.id === columnId)?.kind === 'service-guide';

function guideOf(html: string, columnId: string, portal: PortalConfig, budget: Budget): PageRecord['guide'] {
  if (!isGuideColumn(columnId, portal)) return undefined;
  const { found, missing, empty } = checkServiceGuide(html, budget);
  return { found, missing, ...(empty.length ? { empty } : {}) };
}

/** What a page that never answered is stored as: its place in the column, no metadata. */
function emptyPage(url: string, columnId: string, ctx: DetailPageContext): PageRecord {
  return {
    url,
    columnId,
    fetch: { ok: false },
    title: null,
    indexNo: null,
    docNo: null,
    publisher: null,
    generatedDate: null,
    publishedDate: null,
    validity: null,
    bodyChars: 0,
    attachments: 0,
    hasBody: false,
    notFound: false,
    ...firstSeenOf(undefined, ctx),
    fetchedAt: '',
  };
}
