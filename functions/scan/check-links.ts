import { hashOf } from '../common/hash.ts';
import { classify, checkLink, type LinkResult } from '../net/link-checker.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { PageLink } from '../extract/types.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { LinkReferrer } from '../model/snapshot.ts';
import type { LinkRecord, PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { portalHosts } from './portal-hosts.ts';
import { crawlSettings, offsiteFetcher, portalFetcher } from './settings.ts';
import { networkSince, zeroNetwork, type LinkCheckCounts } from './counters.ts';
import { mustRestamp, valueBefore, type RecordedScans } from './recorded-scans.ts';

// Link checking for a scan: every link on the homepage, the list pages and the listed detail
// pages, each distinct URL once. Pages the crawl fetched anyway are judged by that fetch, not
// asked for again; the rest get a (conditional) HEAD. Off-site links go through a fetcher of
// their own with slower limits: another site's server is not ours to load.

export interface LinkCheckSummary {
  checked: number;
  broken: number;
  unverified: number;
  written: number;
}

const MAX_REFERRERS = 5;

export async function checkPortalLinks(
  input: { portal: PortalConfig; asOf: string; recorded: RecordedScans },
  deps: { repo: Repository; fetcher: Fetcher; offsiteFetcher: Fetcher; knownPages?: PageRecord[] },
): Promise<LinkCheckSummary> {
  const { portal, asOf, recorded } = input;
  const [homepage, columns, pages, previous] = await Promise.all([
    deps.repo.getHomepage(portal.id),
    deps.repo.listColumns(portal.id),
    deps.knownPages ?? deps.repo.listPages(portal.id),
    deps.repo.listLinks(portal.id),
  ]);

  // Where each link is found. Detail pages count only while a column still lists them.
  const found = new Map<string, { referrers: LinkReferrer[]; onHomepage: boolean }>();
  const note = (link: PageLink, page: string, columnId?: string, onHomepage = false) => {
    const entry = found.get(link.url) ?? { referrers: [], onHomepage: false };
    if (entry.referrers.length < MAX_REFERRERS && !entry.referrers.some((r) => r.page === page)) {
      entry.referrers.push({ page, text: link.text, ...(columnId ? { columnId } : {}) });
    }
    entry.onHomepage ||= onHomepage;
    found.set(link.url, entry);
  };
  for (const l of homepage?.links ?? []) note(l, portal.homepage, undefined, true);
  const listed = new Map<string, string>();
  for (const c of columns) {
    const url = portal.columns.find((x) => x.id === c.columnId)?.url;
    if (!url) continue;
    for (const l of c.links ?? []) note(l, url, c.columnId);
    for (const i of c.items) {
      listed.set(i.url, c.columnId);
      note({ url: i.url, text: i.title, kind: 'a' }, url, c.columnId);
    }
  }
  for (const p of pages) if (listed.has(p.url)) for (const l of p.links ?? []) note(l, p.url, p.columnId);

  // What the crawl already knows: its own fetches of pages, list pages and the homepage.
  const crawled = new Map<string, Pick<LinkResult, 'verdict' | 'status' | 'error'>>();
  for (const p of pages)
    crawled.set(p.url, { verdict: classify(p.fetch), status: p.fetch.status, error: p.fetch.error });
  for (const c of columns) for (const lc of c.listCache) crawled.set(lc.url, { verdict: 'ok' });
  for (const c of columns) {
    const url = portal.columns.find((x) => x.id === c.columnId)?.url;
    if (url) crawled.set(url, { verdict: classify(c.fetch), status: c.fetch.status, error: c.fetch.error });
  }
  if (homepage)
    crawled.set(homepage.url, {
      verdict: classify(homepage.fetch),
      status: homepage.fetch.status,
      error: homepage.fetch.error,
    });

  const hosts = portalHosts(portal);
  const before = new Map(previous.map((l) => [l.url, l]));
  const records: LinkRecord[] = await Promise.all(
    [...found].map(async ([url, where]) => {
      const prev = before.get(url);
      const offsite = !hosts.has(new URL(url).host);
      let result: Pick<LinkResult, 'verdict' | 'status' | 'error'> & { etag?: string; lastModified?: string };
      const known = crawled.get(url);
      if (known) result = known;
      else result = await checkLink(url, offsite ? deps.offsiteFetcher : deps.fetcher, prev);
      // A 304 confirms what the last check saw: keep its status rather than record a change.
      if (result.verdict === 'ok' && result.status === undefined && prev?.status !== undefined)
        result = { ...result, status: prev.status };
      const broken = result.verdict === 'broken';
      // What the last recorded scan left: a killed run's check does not count (recorded-scans.ts).
      const base = prev ? streakBefore(prev, recorded) : { brokenStreak: 0 };
      // The streak stops counting at 2: enough for the rule, and a link that stays broken is not rewritten every day.
      const brokenStreak = broken ? Math.min(2, base.brokenStreak + 1) : 0;
      return {
        url,
        verdict: result.verdict,
        ...(result.status !== undefined ? { status: result.status } : {}),
        ...(result.error ? { error: result.error } : {}),
        brokenStreak,
        ...(broken ? { brokenSince: base.brokenStreak ? (base.brokenSince ?? asOf) : asOf } : {}),
        foundOn: where.referrers,
        onHomepage: where.onHomepage,
        offsite,
        ...(result.etag ? { etag: result.etag } : prev?.etag && result.verdict === 'ok' ? { etag: prev.etag } : {}),
        ...(result.lastModified
          ? { lastModified: result.lastModified }
          : prev?.lastModified && result.verdict === 'ok'
            ? { lastModified: prev.lastModified }
            : {}),
        scanId: recorded.current,
        recordedStreak: base,
      };
    }),
  );
  // The stamp is bookkeeping: an unchanged link is not rewritten for it, unless its stamp does not count.
  const changed = records.filter((r) => {
    const p = before.get(r.url);
    return !p || hashOf(verdictOf(p)) !== hashOf(verdictOf(r)) || mustRestamp(p.scanId, recorded);
  });
  const gone = previous.filter((l) => !found.has(l.url)).map((l) => l.url);
  const writesBefore = deps.repo.writes;
  await deps.repo.putLinks(portal.id, changed);
  await deps.repo.deleteLinks(portal.id, gone);
  return {
    checked: records.length,
    broken: records.filter((r) => r.verdict === 'broken').length,
    unverified: records.filter((r) => r.verdict === 'unverified').length,
    written: deps.repo.writes - writesBefore,
  };
}

const verdictOf = ({ scanId: _s, recordedStreak: _r, ...verdict }: LinkRecord) => verdict;

/** A link's broken streak (and since when) as recorded scans left it, before this scan's check. */
export function streakBefore(prev: LinkRecord, recorded: RecordedScans): NonNullable<LinkRecord['recordedStreak']> {
  const own = { brokenStreak: prev.brokenStreak, ...(prev.brokenSince ? { brokenSince: prev.brokenSince } : {}) };
  return valueBefore(prev.scanId, own, prev.recordedStreak ?? { brokenStreak: 0 }, recorded);
}

/**
 * What the step adds to the scan: its counters (absent when links were not checked), its own
 * requests over the portal's and the off-site fetcher, its writes; and its warnings.
 */
export interface LinkCheckOutcome extends LinkCheckCounts {
  warnings: string[];
}

/**
 * The link check as a scan step: skipped when the portal turns it off, never fatal (a failure is
 * a warning on the scan), and counted. Fetchers not handed in are made and closed here.
 */
export async function checkLinksOf(
  input: { portal: PortalConfig; asOf: string; recorded: RecordedScans },
  deps: { repo: Repository; fetcher?: Fetcher; offsiteFetcher?: Fetcher; knownPages?: PageRecord[] },
): Promise<LinkCheckOutcome> {
  const out: LinkCheckOutcome = { counters: {}, network: zeroNetwork(), writes: 0, warnings: [] };
  if (!crawlSettings(input.portal).checkLinks) return out;
  const fetcher = deps.fetcher ?? portalFetcher(input.portal);
  const offsite = deps.offsiteFetcher ?? offsiteFetcher(input.portal);
  const network = networkSince(fetcher, offsite);
  const writesBefore = deps.repo.writes;
  try {
    const s = await checkPortalLinks(input, {
      repo: deps.repo,
      fetcher,
      offsiteFetcher: offsite,
      knownPages: deps.knownPages,
    });
    out.counters = { linksChecked: s.checked, linksBroken: s.broken, linksUnverified: s.unverified };
  } catch (e) {
    out.warnings.push(`link check failed: ${(e as Error).message}`);
  } finally {
    out.network = network();
    out.writes = deps.repo.writes - writesBefore;
    if (!deps.fetcher) await fetcher.close();
    if (!deps.offsiteFetcher) await offsite.close();
  }
  return out;
}
