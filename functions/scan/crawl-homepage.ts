import { decodeHtml } from '../extract/charset.ts';
import { extractHomepage } from '../extract/homepage-extractor.ts';
import { hashOf, sha256 } from '../common/hash.ts';
import { outcomeOf } from '../net/outcome.ts';
import type { Fetcher } from '../net/fetcher.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { HomepageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { HomepageSnapshot } from '../model/snapshot.ts';

// The homepage (首页): its dated headlines and its navigation, written only when they change.

export async function crawlHomepage(
  input: { portal: PortalConfig; scanId: string; asOf: string },
  deps: { fetcher: Fetcher; repo: Repository },
): Promise<{ snapshot: HomepageSnapshot; written: boolean }> {
  const { portal, scanId, asOf } = input;
  const prev = await deps.repo.getHomepage(portal.id);
  const res = await deps.fetcher.fetch({ url: portal.homepage, etag: prev?.etag, lastModified: prev?.lastModified });
  const fetch = outcomeOf(res);
  let items = prev?.items ?? [];
  let navLinks = prev?.navLinks ?? [];
  let links = prev?.links ?? [];
  let contentHash = prev?.contentHash;
  if (res.ok && !res.notModified && res.body) {
    const { html } = decodeHtml(res.body, res.contentType);
    contentHash = sha256(html);
    if (contentHash !== prev?.contentHash) ({ items, navLinks, links } = extractHomepage(html, res.finalUrl, asOf));
  }
  const failStreak = fetch.ok ? 0 : (prev?.failStreak ?? 0) + 1;
  const snapshot: HomepageSnapshot = { url: portal.homepage, fetch, items, navLinks };
  const validators = {
    etag: res.ok ? (res.etag ?? prev?.etag) : prev?.etag,
    lastModified: res.ok ? (res.lastModified ?? prev?.lastModified) : prev?.lastModified,
    contentHash,
  };
  // Validators are part of the state: a new ETag must be stored, or every later scan gets a 200.
  const stateHash = hashOf({ ...snapshot, links, failStreak, ...validators });
  const written = prev?.stateHash !== stateHash;
  if (written) {
    const record: HomepageRecord = { ...snapshot, links, failStreak, stateHash, scanId, ...validators };
    await deps.repo.putHomepage(portal.id, record);
  }
  return { snapshot, written };
}
