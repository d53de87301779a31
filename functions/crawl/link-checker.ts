import type { Fetcher, FetchResult } from './fetcher.ts';

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
}

const UNVERIFIED_STATUS = new Set([401, 403, 407, 429]);

export function classify(res: Pick<FetchResult, 'ok' | 'status' | 'error' | 'disallowed' | 'notModified'>): LinkVerdict {
  if (res.ok || res.notModified) return 'ok';
  if (res.disallowed) return 'unverified';
  if (res.status === undefined) {
    // Timeouts and off-site redirects cannot prove a link dead; refused or reset connections can.
    return /^timeout|^redirect off-site|^more than/.test(res.error ?? '') ? 'unverified' : 'broken';
  }
  if (UNVERIFIED_STATUS.has(res.status)) return 'unverified';
  if (res.status === 404 || res.status === 410 || res.status >= 500) return 'broken';
  return 'unverified';
}

export async function checkLink(url: string, fetcher: Fetcher): Promise<LinkResult> {
  let res = await fetcher.fetch({ url, method: 'HEAD' });
  const headUnsupported = res.status === 405 || res.status === 501 || res.status === 400 || (res.status === undefined && !res.disallowed);
  if (headUnsupported) res = await fetcher.fetch({ url, method: 'GET', discardBody: true });
  const verdict = classify(res);
  return { url, verdict, ...(res.status !== undefined ? { status: res.status } : {}), ...(res.ok ? {} : { error: res.error }) };
}

/** Checks each distinct URL once, all at once: the fetchers' host limits pace the requests. */
export async function checkLinks(urls: Iterable<string>, pick: (url: string) => Fetcher): Promise<Map<string, LinkResult>> {
  const unique = [...new Set(urls)];
  const results = await Promise.all(unique.map((u) => checkLink(u, pick(u))));
  return new Map(results.map((r) => [r.url, r]));
}
