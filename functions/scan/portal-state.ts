import { classify, type LinkResult } from '../net/link-checker.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { LinkReferrer } from '../model/snapshot.ts';
import type { PageLink } from '../extract/types.ts';
import type { ColumnRecord, HomepageRecord, PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { pagesOfColumn } from './column-pages.ts';

// What the link check and the evaluation read of a portal: the homepage, the columns and the
// pages the columns carry (column-pages.ts). One query for the columns, none a page.

export interface PortalState {
  homepage: HomepageRecord | null;
  columns: ColumnRecord[];
  /** The pages the columns list, from the column records. */
  pages: PageRecord[];
}

/** `known`: what the caller holds already (a scan in this process keeps the column records it wrote). */
export async function loadPortalState(
  portal: PortalConfig,
  repo: Repository,
  known: { columns?: ColumnRecord[]; needLinks?: boolean; consistent?: boolean } = {},
): Promise<PortalState> {
  const [homepage, stored] = await Promise.all([
    repo.getHomepage(portal.id),
    known.columns ?? repo.listColumns(portal.id, { consistent: known.consistent }),
  ]);
  // A column dropped from the config is not judged: its record stays until it is configured again.
  const columns = stored.filter((c) => portal.columns.some((x) => x.id === c.columnId));
  const perColumn = await Promise.all(
    columns.map((c) => pagesOfColumn(portal.id, c, repo, { needLinks: known.needLinks })),
  );
  // A page listed by two columns is carried by both, and one may have fetched it since the other:
  // the newest copy is the page.
  const pages = new Map<string, PageRecord>();
  for (const list of perColumn)
    for (const p of list) {
      const other = pages.get(p.url);
      if (!other || (p.fetchedAt ?? '') > (other.fetchedAt ?? '')) pages.set(p.url, p);
    }
  return { homepage, columns, pages: [...pages.values()] };
}

export type CrawledVerdict = Pick<LinkResult, 'verdict' | 'status' | 'error'>;

/** What the crawl's own fetches say of the URLs it fetched: pages, list pages, columns, the homepage. */
export function crawledVerdicts(portal: PortalConfig, state: PortalState): Map<string, CrawledVerdict> {
  const crawled = new Map<string, CrawledVerdict>();
  const judged = (fetch: PageRecord['fetch']): CrawledVerdict => ({
    verdict: classify(fetch),
    ...(fetch.status !== undefined ? { status: fetch.status } : {}),
    ...(fetch.error ? { error: fetch.error } : {}),
  });
  for (const p of state.pages) crawled.set(p.url, judged(p.fetch));
  for (const c of state.columns) for (const lc of c.listCache) crawled.set(lc.url, { verdict: 'ok' });
  for (const c of state.columns) {
    const url = portal.columns.find((x) => x.id === c.columnId)?.url;
    if (url) crawled.set(url, judged(c.fetch));
  }
  if (state.homepage) crawled.set(state.homepage.url, judged(state.homepage.fetch));
  return crawled;
}

const MAX_REFERRERS = 5;

export interface FoundLink {
  referrers: LinkReferrer[];
  onHomepage: boolean;
  /** Carried by the homepage or a column that changed in scan `changedIn` (a link that may be new). */
  changed: boolean;
}

/**
 * Where each link whose URL `wanted` accepts is found: the homepage, the list pages, and the listed
 * detail pages (a page counts only while a column lists it). `changedIn`: the scan whose writes mark
 * a source as changed.
 */
export function linksFound(
  portal: PortalConfig,
  state: PortalState,
  wanted: (url: string) => boolean,
  changedIn?: string,
): Map<string, FoundLink> {
  const found = new Map<string, FoundLink>();
  const note = (link: PageLink, page: string, changed: boolean, columnId?: string, onHomepage = false) => {
    if (!wanted(link.url)) return;
    let entry = found.get(link.url);
    if (!entry) found.set(link.url, (entry = { referrers: [], onHomepage: false, changed: false }));
    if (entry.referrers.length < MAX_REFERRERS && !entry.referrers.some((r) => r.page === page))
      entry.referrers.push({ page, text: link.text, ...(columnId ? { columnId } : {}) });
    entry.onHomepage ||= onHomepage;
    entry.changed ||= changed;
  };
  const { homepage } = state;
  const homepageChanged = changedIn !== undefined && homepage?.scanId === changedIn;
  for (const l of homepage?.links ?? []) note(l, portal.homepage, homepageChanged, undefined, true);
  const listedBy = new Map<string, { columnId: string; changed: boolean }>();
  for (const c of state.columns) {
    const url = portal.columns.find((x) => x.id === c.columnId)?.url;
    if (!url) continue;
    const changed = changedIn !== undefined && c.scanId === changedIn;
    for (const l of c.links ?? []) note(l, url, changed, c.columnId);
    for (const i of c.items) {
      if (!listedBy.has(i.url)) listedBy.set(i.url, { columnId: c.columnId, changed });
      note({ url: i.url, text: i.title, kind: 'a' }, url, changed, c.columnId);
    }
  }
  for (const p of state.pages) {
    const by = listedBy.get(p.url);
    if (by) for (const l of p.links ?? []) note(l, p.url, by.changed, p.columnId);
  }
  return found;
}
