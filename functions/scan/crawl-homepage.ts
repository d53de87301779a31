import { decodeHtml } from '../extract/charset.ts';
import { extractHomepage } from '../extract/homepage-extractor.ts';
import { hashOf, sha256 } from '../common/hash.ts';
import { outcomeOf } from '../net/outcome.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { HomepageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { HomepageSnapshot } from '../model/snapshot.ts';
import type { ProbeResult } from '../model/availability.ts';
import { recordProbes, scanProbeTime } from './probe-round.ts';
import { failStreakBefore, mustRestamp, recordedScans, type RecordedScans } from './recorded-scans.ts';

// The homepage (首页): its dated headlines and its navigation, written only when they change.
// Its fetch also counts as one availability probe of the day (one more write, always).

export async function crawlHomepage(
  input: { portal: PortalConfig; scanId: string; asOf: string },
  deps: { fetcher: Fetcher; repo: Repository; recorded?: RecordedScans; now?: () => Date },
): Promise<{ snapshot: HomepageSnapshot; written: boolean }> {
  const { portal, scanId, asOf } = input;
  const [prev, recorded] = await Promise.all([
    deps.repo.getHomepage(portal.id),
    deps.recorded ?? recordedScans(deps.repo, portal.id, scanId),
  ]);
  const started = performance.now();
  const res = await deps.fetcher.fetch({ url: portal.homepage, etag: prev?.etag, lastModified: prev?.lastModified });
  const fetch = outcomeOf(res);
  // Not a probe when nothing was asked (robots.txt) or the answer led off the portal: neither says
  // whether the front door opens.
  if (fetch.kind !== 'robots' && fetch.kind !== 'redirect-off-site') {
    const at = scanProbeTime(asOf, deps.now?.() ?? new Date());
    const probe: ProbeResult = {
      url: portal.homepage,
      at: at.toISOString(),
      ok: fetch.ok,
      ms: Math.round(performance.now() - started),
      source: 'scan',
      ...(fetch.ok
        ? {}
        : {
            reason: fetch.kind ?? 'other',
            status: fetch.status,
            error: fetch.error,
          }),
    };
    await recordProbes(portal, [probe], at, deps.repo);
  }
  let items = prev?.items ?? [];
  let navLinks = prev?.navLinks ?? [];
  let links = prev?.links ?? [];
  let contentHash = prev?.contentHash;
  if (res.ok && !res.notModified && res.body) {
    const { html } = decodeHtml(res.body, res.contentType);
    contentHash = sha256(html);
    if (contentHash !== prev?.contentHash) ({ items, navLinks, links } = extractHomepage(html, res.finalUrl, asOf));
  }
  // This scan added to what the last recorded scan left (recorded-scans.ts).
  const recordedFailStreak = failStreakBefore(prev, recorded);
  const failStreak = fetch.ok ? 0 : recordedFailStreak + 1;
  const snapshot: HomepageSnapshot = { url: portal.homepage, fetch, items, navLinks };
  const validators = {
    etag: res.ok ? (res.etag ?? prev?.etag) : prev?.etag,
    lastModified: res.ok ? (res.lastModified ?? prev?.lastModified) : prev?.lastModified,
    contentHash,
  };
  // Validators are part of the state: a new ETag must be stored, or every later scan gets a 200.
  const stateHash = hashOf({ ...snapshot, links, failStreak, ...validators });
  const written = prev?.stateHash !== stateHash || mustRestamp(prev.scanId, recorded);
  if (written) {
    const record: HomepageRecord = {
      ...snapshot,
      links,
      failStreak,
      recordedFailStreak,
      stateHash,
      scanId,
      ...validators,
    };
    await deps.repo.putHomepage(portal.id, record);
  }
  return { snapshot, written };
}
