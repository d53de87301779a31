import type { DetailPage } from '../extract/types.ts';
import type { PortalConfig } from '../config/schema.ts';
import { maskPersonalData } from '../extract/personal-data.ts';
import { readTextSignals } from '../extract/text-signals.ts';
import { findWording } from '../extract/wording-matcher.ts';
import { lexiconOf } from '../config/lexicon.ts';
import type { FetchOutcome } from '../model/snapshot.ts';
import { MAX_LINKS, type PageRecord } from '../store/records.ts';
import { normalizeUrl } from '../common/url.ts';

/** When the service first saw a page: kept from its record, else this scan's day, stamped with the scan. */
export function firstSeenOf(
  known: Pick<PageRecord, 'firstSeen' | 'firstSeenScan'> | undefined,
  ctx: { asOf: string; scanId?: string },
): Pick<PageRecord, 'firstSeen' | 'firstSeenScan'> {
  if (known)
    return { firstSeen: known.firstSeen, ...(known.firstSeenScan ? { firstSeenScan: known.firstSeenScan } : {}) };
  return { firstSeen: ctx.asOf, ...(ctx.scanId ? { firstSeenScan: ctx.scanId } : {}) };
}

/** What the store keeps of an extracted detail page: metadata and counts, never the HTML. */
export function pageRecordOf(
  d: DetailPage,
  at: {
    url: string;
    columnId: string;
    fetch: FetchOutcome;
    firstSeen: string;
    firstSeenScan?: string;
    fetchedAt: string;
  },
  portal: PortalConfig,
): PageRecord {
  const renames = portal.obsoleteNames ?? [];
  const textSignals = readTextSignals(d.bodyText, {
    obsoleteNames: renames.map((o) => o.old),
    currentNames: renames.map((o) => o.new),
    referenceDate: at.firstSeen,
    tableNumbers: d.tableNumbers,
  });
  const title = d.title === null ? null : maskPersonalData(d.title);
  // Matched on masked text, so a snippet of context can never carry a clear number.
  const wording = findWording(lexiconOf(portal.lexicons), title ?? '', maskPersonalData(d.bodyText));
  if (wording.length) textSignals.wording = wording;
  return {
    ...at,
    ...(Object.keys(textSignals).length ? { textSignals } : {}),
    // Titles are public text, but a loss notice may put a number in one: masked like the body.
    title,
    indexNo: d.indexNo,
    docNo: d.docNo,
    publisher: d.publisher,
    ...(d.issuers.length ? { issuers: d.issuers } : {}),
    generatedDate: d.generatedDate,
    publishedDate: d.publishedDate,
    validity: d.validity,
    bodyChars: d.bodyChars,
    attachments: d.attachments.length,
    hasBody: d.hasBody,
    notFound: d.notFound,
    links: d.links
      .filter((l) => !isWatched(l.url, portal))
      .slice(0, MAX_LINKS)
      .map((l) => ({ ...l, text: maskPersonalData(l.text) })),
  };
}

const watchedUrls = new WeakMap<PortalConfig, Set<string>>();

/**
 * A link to the homepage or a configured column: the navigation every page of a template repeats.
 * Its verdict is the crawl's own fetch of that URL and the rules report those URLs by rules of
 * their own, so a page's record leaves it out (most of a TRS page's links, most of its record).
 */
function isWatched(url: string, portal: PortalConfig): boolean {
  let watched = watchedUrls.get(portal);
  if (!watched) {
    const urls = [portal.homepage, ...portal.columns.map((c) => c.url)];
    watched = new Set([...urls, ...urls.map((u) => normalizeUrl(u) ?? u)]);
    watchedUrls.set(portal, watched);
  }
  return watched.has(url) || watched.has(normalizeUrl(url) ?? url);
}
