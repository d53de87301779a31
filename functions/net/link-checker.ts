import type { FetchErrorKind } from '../model/fetch-error.ts';
import type { Fetcher } from './fetcher.ts';

// Is a link alive? Answered once per URL per scan, with the cheapest request that can tell:
// HEAD first, GET when the server does not do HEAD properly (405/501, or a HEAD that fails
// where a GET may not). Like lychee, "broken" is kept apart from "could not verify": a 403 or a
// timeout says nothing about the page, so it never becomes a finding on its own.

export type LinkVerdict = 'ok' | 'broken' | 'unverified';

export interface LinkResult {
  url: string;
  verdict: LinkVerdict;
  status?: number;
  error?: string;
  etag?: string;
  lastModified?: string;
}

const UNVERIFIED_STATUS = new Set([401, 403, 407, 429]);

/**
 * Failures without a status that prove a link dead: nothing answers at that name or address.
 * A timeout, a redirect we do not follow or robots.txt cannot prove it: the page may be there.
 * (An `http` or `too-large` failure always has a status, judged below.)
 */
const PROVES_DEAD: Record<FetchErrorKind, boolean> = {
  connection: true,
  dns: true,
  tls: true,
  'not-public': true,
  other: true,
  timeout: false,
  'redirect-off-site': false,
  'too-many-redirects': false,
  robots: false,
  http: false,
  'too-large': false,
};

/** A fetch as the crawl records it: fresh, or read back from the store. */
export function classify(res: {
  ok: boolean;
  status?: number;
  kind?: FetchErrorKind;
  notModified?: boolean;
}): LinkVerdict {
  if (res.ok || res.notModified) return 'ok';
  // A record stored before failures had a kind proves nothing either.
  if (res.status === undefined) return res.kind !== undefined && PROVES_DEAD[res.kind] ? 'broken' : 'unverified';
  if (UNVERIFIED_STATUS.has(res.status)) return 'unverified';
  if (res.status === 404 || res.status === 410 || res.status >= 500) return 'broken';
  return 'unverified';
}

/** One link: HEAD (conditional when validators are known), GET when HEAD is not served properly. */
export async function checkLink(
  url: string,
  fetcher: Fetcher,
  validators: { etag?: string; lastModified?: string } = {},
): Promise<LinkResult> {
  let res = await fetcher.fetch({ url, method: 'HEAD', etag: validators.etag, lastModified: validators.lastModified });
  // A HEAD that failed below HTTP may be a server that mishandles HEAD: ask by GET, unless
  // robots.txt forbade the URL or the server was too slow to answer at all.
  const headUnsupported =
    res.status === 405 ||
    res.status === 501 ||
    res.status === 400 ||
    (res.status === undefined && res.kind !== 'robots' && res.kind !== 'timeout');
  if (headUnsupported) res = await fetcher.fetch({ url, method: 'GET', discardBody: true });
  const verdict = classify(res);
  return {
    url,
    verdict,
    ...(res.status !== undefined && !res.notModified ? { status: res.status } : {}),
    ...(res.ok ? {} : { error: res.error }),
    ...(res.etag ? { etag: res.etag } : {}),
    ...(res.lastModified ? { lastModified: res.lastModified } : {}),
  };
}
