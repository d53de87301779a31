import { hashOf } from '../common/hash.ts';
import { checkLink, type LinkResult } from '../net/link-checker.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { ColumnRecord, LinkRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { portalHosts } from './portal-hosts.ts';
import { crawlSettings, offsiteFetcher, portalFetcher } from './settings.ts';
import { networkSince, zeroNetwork, type LinkCheckCounts } from './counters.ts';
import { mustRestamp, valueBefore, type RecordedScans } from './recorded-scans.ts';
import { rollingTurnSince } from './revalidation.ts';
import { crawledVerdicts, linksFound, loadPortalState, type FoundLink } from './portal-state.ts';

// Link checking for a scan: every link on the homepage, the list pages and the listed detail
// pages, each distinct URL once. Pages the crawl fetched are judged by that fetch and get no
// record of their own (their page record is their verdict). The other links (attachments,
// off-site links, images) are asked with a HEAD when they may be new (their page or column changed
// this scan), when their last verdict was not ok (a record says so), and on their turn of a rolling
// recheck: one day in LINK_RECHECK_DAYS, by the hash of the URL (turns that fell on days without a
// recorded scan pass to the next scan), so each day asks about a seventh
// of them and every link is asked weekly. Only links that are not ok keep a record, so a first
// scan writes none for the links that work, and a re-scan reads only the few that do not.
// Off-site links go through a fetcher of their own with slower limits: another site's server is
// not ours to load.

export interface LinkCheckSummary {
  checked: number;
  broken: number;
  unverified: number;
  /** Links asked this scan (HEAD or GET), the others judged by the crawl or their last check. */
  asked: number;
  written: number;
}

/** Every link is asked again at least this often, whatever else happens. */
export const LINK_RECHECK_DAYS = 7;

export async function checkPortalLinks(
  input: { portal: PortalConfig; asOf: string; recorded: RecordedScans },
  deps: { repo: Repository; fetcher: Fetcher; offsiteFetcher: Fetcher; columns?: ColumnRecord[] },
): Promise<LinkCheckSummary> {
  const { portal, asOf, recorded } = input;
  const [state, previous] = await Promise.all([
    loadPortalState(portal, deps.repo, { columns: deps.columns, needLinks: true }),
    deps.repo.listLinks(portal.id),
  ]);
  const crawled = crawledVerdicts(portal, state);
  const found = linksFound(portal, state, () => true, recorded.current);
  const before = new Map(previous.map((l) => [l.url, l]));
  const hosts = portalHosts(portal);
  const due = (url: string, where: FoundLink) =>
    crawled.has(url) ||
    before.has(url) ||
    where.changed ||
    rollingTurnSince(url, recorded.lastAsOf, asOf, LINK_RECHECK_DAYS);

  let asked = 0;
  const judged = await Promise.all(
    [...found]
      .filter(([url, where]) => due(url, where))
      .map(async ([url, where]) => {
        const prev = before.get(url);
        const offsite = !hosts.has(new URL(url).host);
        let result: Pick<LinkResult, 'verdict' | 'status' | 'error'> & { etag?: string; lastModified?: string };
        const known = crawled.get(url);
        if (known) result = known;
        else {
          asked += 1;
          result = await checkLink(url, offsite ? deps.offsiteFetcher : deps.fetcher, prev);
        }
        // A 304 confirms what the last check saw: keep its status rather than record a change.
        if (result.verdict === 'ok' && result.status === undefined && prev?.status !== undefined)
          result = { ...result, status: prev.status };
        const broken = result.verdict === 'broken';
        // What the last recorded scan left: a killed run's check does not count (recorded-scans.ts).
        const base = prev ? streakBefore(prev, recorded) : { brokenStreak: 0 };
        // The streak stops counting at 2: enough for the rule, and a link that stays broken is not rewritten every day.
        const brokenStreak = broken ? Math.min(2, base.brokenStreak + 1) : 0;
        const record: LinkRecord = {
          url,
          verdict: result.verdict,
          ...(result.status !== undefined ? { status: result.status } : {}),
          ...(result.error ? { error: result.error } : {}),
          brokenStreak,
          ...(broken ? { brokenSince: base.brokenStreak ? (base.brokenSince ?? asOf) : asOf } : {}),
          foundOn: where.referrers,
          onHomepage: where.onHomepage,
          offsite,
          ...(result.etag ? { etag: result.etag } : {}),
          ...(result.lastModified ? { lastModified: result.lastModified } : {}),
          scanId: recorded.current,
          recordedStreak: base,
        };
        return { record, crawled: known !== undefined };
      }),
  );
  // A crawled page and a link that works keep no record; the stamp is bookkeeping, so an unchanged
  // verdict is not rewritten for it, unless its stamp does not count.
  const keep = judged.filter((j) => !j.crawled && j.record.verdict !== 'ok').map((j) => j.record);
  const kept = new Set(keep.map((r) => r.url));
  const changed = keep.filter((r) => {
    const p = before.get(r.url);
    return !p || hashOf(verdictOf(p)) !== hashOf(verdictOf(r)) || mustRestamp(p.scanId, recorded);
  });
  // Every record is due when its link is still found: one not kept now works, is crawled, or is gone.
  const gone = previous.filter((l) => !kept.has(l.url));
  const writesBefore = deps.repo.writes;
  await deps.repo.putLinks(portal.id, changed);
  await deps.repo.deleteLinks(
    portal.id,
    gone.map((l) => l.url),
  );
  // Links not asked this scan stand as their last check left them: ok (they have no record).
  const verdicts = [...found.keys()].map((url) => crawled.get(url)?.verdict ?? (kept.has(url) ? null : 'ok'));
  const stillBad = keep.map((r) => r.verdict);
  const count = (v: string) => verdicts.filter((x) => x === v).length + stillBad.filter((x) => x === v).length;
  return {
    checked: found.size,
    broken: count('broken'),
    unverified: count('unverified'),
    asked,
    written: deps.repo.writes - writesBefore,
  };
}

const verdictOf = ({ scanId: _s, recordedStreak: _r, ...verdict }: LinkRecord) => verdict;

/** A link's broken streak (and since when) as recorded scans left it, before this scan's check. */
export function streakBefore(
  prev: Pick<LinkRecord, 'scanId' | 'brokenStreak' | 'brokenSince' | 'recordedStreak'>,
  recorded: RecordedScans,
): NonNullable<LinkRecord['recordedStreak']> {
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
  deps: { repo: Repository; fetcher?: Fetcher; offsiteFetcher?: Fetcher; columns?: ColumnRecord[] },
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
      columns: deps.columns,
    });
    out.counters = {
      linksChecked: s.checked,
      linksBroken: s.broken,
      linksUnverified: s.unverified,
      linksAsked: s.asked,
    };
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
