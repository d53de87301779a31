import type { Fetcher } from '../net/fetcher.ts';
import type { ScanCounters, TaskCounters } from '../store/records.ts';

// What a scan counts, and how each step takes its own share. A fetcher counts for its whole
// life and may serve several steps (the crawl, then the link check), so a step reads it before
// and after; the local and the distributed scan then add the steps up the same way.

/** The network side of a step: requests, bytes, 304s, failed fetches. */
export type NetworkCounters = Pick<TaskCounters, 'requests' | 'bytes' | 'notModified' | 'failures'>;

const NETWORK_KEYS = [
  'requests',
  'bytes',
  'notModified',
  'failures',
] as const satisfies readonly (keyof NetworkCounters)[];

export const zeroNetwork = (): NetworkCounters => ({ requests: 0, bytes: 0, notModified: 0, failures: 0 });

/**
 * Known detail pages asked again though their list entry stayed the same (an outstanding
 * finding, their rolling turn, their age), and how many of those came back unchanged (a 304 or
 * the same content). The run adds up whatever keys its tasks send; the scan record keeps them.
 */
export interface RevalidationCounters {
  revalidated: number;
  revalidatedUnchanged: number;
}

/** What one crawl task counts. */
export type CrawlCounters = TaskCounters & RevalidationCounters;

export const zeroCounters = (): CrawlCounters => ({
  ...zeroNetwork(),
  pagesParsed: 0,
  writes: 0,
  revalidated: 0,
  revalidatedUnchanged: 0,
});

export function addNetwork(...parts: NetworkCounters[]): NetworkCounters {
  const sum = zeroNetwork();
  for (const part of parts) for (const k of NETWORK_KEYS) sum[k] += part[k];
  return sum;
}

/** Starts counting now: the returned function gives what `fetchers` have done since, together. */
export function networkSince(...fetchers: Fetcher[]): () => NetworkCounters {
  const read = () => addNetwork(...fetchers.map((f) => f.stats));
  const before = read();
  return () => {
    const after = read();
    const since = zeroNetwork();
    for (const k of NETWORK_KEYS) since[k] = after[k] - before[k];
    return since;
  };
}

/** What the link check adds to a scan (its counters are absent when links were not checked). */
export interface LinkCheckCounts {
  counters: Pick<ScanCounters, 'linksChecked' | 'linksBroken' | 'linksUnverified' | 'linksAsked'>;
  network: NetworkCounters;
  writes: number;
}

/**
 * The scan record's counters: the crawl's, whichever way it ran, with the link check's added.
 * A run planned before the revalidation counters existed counts none.
 */
export function scanCountersOf(
  crawl: TaskCounters & Partial<RevalidationCounters>,
  links: LinkCheckCounts,
): { crawlCounters: Omit<ScanCounters, 'writes'> & RevalidationCounters; crawlWrites: number } {
  return {
    crawlCounters: {
      ...addNetwork(crawl, links.network),
      pagesParsed: crawl.pagesParsed,
      revalidated: crawl.revalidated ?? 0,
      revalidatedUnchanged: crawl.revalidatedUnchanged ?? 0,
      ...links.counters,
    },
    crawlWrites: crawl.writes + links.writes,
  };
}
