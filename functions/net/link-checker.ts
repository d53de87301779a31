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

export function classify(res: { ok: boolean; status?: number; error?: string; disallowed?: boolean; notModified?: boolean }): LinkVerdict {
  if (res.ok || res.notModified) return 'ok';
  if (res.disallowed) return 'unverified';
  if (res.status === undefined) {
    // Timeouts, off-site redirects and robots.txt refusals cannot prove a link dead; refused or
    // reset connections and unknown hosts can.
    return /^timeout|^redirect off-site|^more than|^disallowed by|^robots\.txt/.test(res.error ?? '') ? 'unverified' : 'broken';
  }
  if (UNVERIFIED_STATUS.has(res.status)) return 'unverified';
  if (res.status === 404 || res.status === 410 || res.status >= 500) return 'broken';
  return 'unverified';
}

/** One link: HEAD (conditional when validators are known), GET when HEAD is not served properly. */
export async function checkLink(url: string, fetcher: Fetcher, validators: { etag?: string; lastModified?: string } = {}): Promise<LinkResult> {
  let res = await fetcher.fetch({ url, method: 'HEAD', etag: validators.etag, lastModified: validators.lastModified });
  const headUnsupported = res.status === 405 || res.status === 501 || res.status === 400 || (res.status === undefined && !res.disallowed && !res.error?.startsWith('timeout'));
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
