import type { Fetcher } from '../net/fetcher.ts';
import { runRules } from '../rules/registry.ts';
import type { Config, PortalConfig } from '../config/schema.ts';
import type { DetailPage } from '../extract/types.ts';
import type { Finding } from '../model/finding.ts';
import type { ItemSnapshot } from '../model/snapshot.ts';
import type { PageRecord, StoredFinding } from '../store/records.ts';
import { rewritePages } from './column-pages.ts';
import type { Repository } from '../store/repository.ts';
import { crawlColumn } from './crawl-column.ts';
import { portalHosts } from './portal-hosts.ts';
import { loadEvaluation } from './evaluate.ts';
import { fetchDetailPage } from './detail-page.ts';
import { reconcileAndSave } from './save-findings.ts';
import { portalFetcher } from './settings.ts';
import {
  CREDENTIALS_REFUSAL,
  hasCredentials,
  normalizeUrl,
  pageKey,
  parseHttpUrl,
  sameResource,
} from '../common/url.ts';

// An on-demand check of one column or page after an 信息员 fixed something: fetch it now,
// update the store, re-run the rules that concern it, and resolve what no longer fires.

export class CheckRefused extends Error {}

export interface CheckResult {
  url: string;
  portal: PortalConfig;
  kind: 'list' | 'detail';
  page?: Pick<
    DetailPage,
    'title' | 'indexNo' | 'docNo' | 'publisher' | 'generatedDate' | 'publishedDate' | 'bodyChars'
  > & { attachments: number; links: number };
  list?: { items: ItemSnapshot[]; pages: number };
  fetch: { ok: boolean; status?: number; error?: string };
  asOf: string;
  /** Open or acknowledged findings of what was checked. */
  findings: StoredFinding[];
  /** Seen, but ignored by a person. */
  ignored: StoredFinding[];
  resolved: StoredFinding[];
}

/** The portal whose hosts include the URL's: on-demand checks never reach anywhere else. */
export function portalForUrl(config: Config, url: string): PortalConfig {
  const u = parseHttpUrl(url);
  if (!u) throw new CheckRefused(`"${url}" is not an absolute http(s) URL.`);
  // Refused before anything prints, stores or sends it.
  if (hasCredentials(u)) throw new CheckRefused(`${CREDENTIALS_REFUSAL}.`);
  const host = u.host;
  const portal = config.portals.find((p) => portalHosts(p).has(host));
  if (!portal) {
    const hosts = config.portals.flatMap((p) => [...portalHosts(p)]);
    throw new CheckRefused(
      `${host} is not a configured portal's host (configured: ${hosts.join(', ')}). Only configured portals are checked.`,
    );
  }
  return portal;
}

export async function checkUrl(
  input: { config: Config; url: string; asOf: string },
  deps: { repo: Repository; fetcher?: Fetcher; now?: () => Date },
): Promise<CheckResult> {
  const portal = portalForUrl(input.config, input.url);
  // Stored pages are keyed without the fragment; the column is matched however it is written.
  const url = pageKey(input.url)!;
  const fetcher = deps.fetcher ?? portalFetcher(portal);
  const scanId = `check-${Date.now()}`;
  try {
    const column = portal.columns.find((c) => sameResource(c.url, url));
    if (column) {
      const r = await crawlColumn(
        { portal, column, scanId, asOf: input.asOf },
        { fetcher, repo: deps.repo, now: deps.now },
      );
      const verdict = await judge(portal, input.asOf, deps.repo, scanId, (f) => f.columnId === column.id);
      return {
        url,
        portal,
        asOf: input.asOf,
        kind: 'list',
        list: { items: r.snapshot.items, pages: r.snapshot.listPages },
        fetch: r.snapshot.fetch,
        ...verdict,
      };
    }

    const [known] = await deps.repo.getPages(portal.id, [url]);
    const columnId = known?.columnId ?? guessColumn(portal, url);
    const { fetch, detail, record } = await fetchDetailPage(
      { url, columnId, listTitle: known?.listTitle, listDate: known?.listDate },
      known,
      // Stamped by the wall clock, like the check's scan id above.
      { portal, asOf: input.asOf, fetcher, now: () => new Date(), fresh: true },
    );
    let page: CheckResult['page'];
    // Only a page read is stored: a failed check leaves the record of the last scan as it was.
    if (detail) {
      // Its column carries it too (column-pages.ts): the rules below read it from there.
      await rewritePages(portal.id, [record], await deps.repo.listColumns(portal.id), deps.repo);
      const { title, indexNo, docNo, publisher, generatedDate, publishedDate, bodyChars } = detail;
      page = {
        title,
        indexNo,
        docNo,
        publisher,
        generatedDate,
        publishedDate,
        bodyChars,
        attachments: detail.attachments.length,
        links: detail.links.length,
      };
    }
    const verdict = await judge(portal, input.asOf, deps.repo, scanId, (f) => f.url === url, detail ? record : known);
    return { url, portal, asOf: input.asOf, kind: 'detail', page, fetch, ...verdict };
  } finally {
    if (!deps.fetcher) await fetcher.close();
  }
}

/** Runs the rules over the stored portal and reconciles only the findings `concerns` selects. */
async function judge(
  portal: PortalConfig,
  asOf: string,
  repo: Repository,
  scanId: string,
  concerns: (f: Finding) => boolean,
  checkedPage?: PageRecord,
) {
  const { snapshot, context, previous } = await loadEvaluation(portal, asOf, scanId, repo);
  // A page checked by URL counts even when no list links it (yet).
  if (checkedPage) snapshot.pages.set(checkedPage.url, checkedPage);
  context.firstScan = false;
  const current = runRules(snapshot, context).filter(concerns);
  const rec = await reconcileAndSave(repo, portal.id, previous.filter(concerns), current, { scanId, asOf });
  return { findings: rec.counted, ignored: rec.ignored, resolved: rec.resolved };
}

function guessColumn(portal: PortalConfig, url: string): string {
  const path = new URL(normalizeUrl(url)!).pathname;
  const byDepth = [...portal.columns].sort((a, b) => dir(b.url).length - dir(a.url).length);
  return byDepth.find((c) => path.startsWith(dir(c.url)))?.id ?? 'unlisted';
}

// On the normalised form: a column written `…/rsxx` is the directory `/rsxx/`, not `/`.
const dir = (u: string) => new URL(normalizeUrl(u)!).pathname.replace(/[^/]*$/, '');
