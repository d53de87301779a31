import { addDays, todayInShanghai } from '../calendar/dates.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { AvailabilityWindow, ProbeResult } from '../model/availability.ts';
import { Fetcher } from '../net/fetcher.ts';
import { processHostLimiter, type HostLimiter } from '../net/host-limiter.ts';
import { PROBE_BUDGET_MS, probeUrl } from '../net/probe.ts';
import { availabilityWindow, probeRoundDelta, WINDOW_DAYS, withRound } from '../rules/availability.ts';
import { expiresAfter } from '../store/keys.ts';
import type { Repository } from '../store/repository.ts';
import type { Dispatcher } from 'undici';
import { configurePortalHosts, crawlSettings } from './settings.ts';

// A round of availability probes (站点无法访问): every portal's front door and its configured
// `probeUrls`, hosts side by side, one request at a time per host. Each portal's round costs one
// read (the week, which also gives the streak and the window) and one write (its day).

/** Probe days outlive the 7-day window by a margin, for "what happened last week" questions. */
const PROBE_DAY_TTL_DAYS = 35;

export interface PortalProbeRound {
  portal: PortalConfig;
  results: ProbeResult[];
  /** The week as the store holds it after this round. */
  window: AvailabilityWindow;
}

/** The URLs a probe round opens for a portal: the homepage first, then its `probeUrls`. */
export const probeTargets = (portal: PortalConfig) => [portal.homepage, ...(portal.probeUrls ?? [])];

/**
 * One probe at a time per host, no retry, no robots.txt: what the inspection does. The gates are
 * the process's, so a probe counts against the host's limit beside a running scan or check, never
 * on top of it; it takes the next free slot ahead of their queue (host-limiter.ts).
 */
export function probeFetcher(
  portals: readonly PortalConfig[],
  opts: { dispatcher?: Dispatcher; limiter?: HostLimiter } = {},
): Fetcher {
  const limiter = opts.limiter ?? processHostLimiter();
  for (const p of portals) configurePortalHosts(limiter, p);
  return new Fetcher({
    userAgent: portals[0] ? crawlSettings(portals[0]).userAgent : undefined,
    timeoutMs: PROBE_BUDGET_MS,
    retries: 0,
    robots: false,
    limiter,
    lane: 'probe',
    dispatcher: opts.dispatcher,
  });
}

/** Adds probes to the portal's day in one write and returns the week as it now stands. */
export async function recordProbes(
  portal: PortalConfig,
  results: readonly ProbeResult[],
  at: Date,
  repo: Repository,
): Promise<AvailabilityWindow> {
  const day = todayInShanghai(at);
  const days = await repo.listProbeDays(portal.id, addDays(day, -(WINDOW_DAYS - 1)), day);
  const latest = days.filter((d) => d.day <= day).at(-1);
  const today = days.find((d) => d.day === day);
  const delta = probeRoundDelta(results, portal.homepage, {
    streak: latest?.streak ?? 0,
    listed: today?.failed.length ?? 0,
  });
  await repo.recordProbeRound(portal.id, day, { ...delta, expiresAt: expiresAfter(at, PROBE_DAY_TTL_DAYS) });
  return availabilityWindow(withRound(days, day, delta), day, portal.homepage);
}

/** Probes every portal once, hosts in parallel, and records each portal's round. */
export async function probePortals(
  portals: readonly PortalConfig[],
  deps: { repo: Repository; at: Date; fetcher?: Fetcher; dispatcher?: Dispatcher },
): Promise<PortalProbeRound[]> {
  const fetcher = deps.fetcher ?? probeFetcher(portals, { dispatcher: deps.dispatcher });
  try {
    return await Promise.all(
      portals.map(async (portal) => {
        // The limiter keeps one request per host in flight; URLs of one portal may share a host.
        const results = await Promise.all(probeTargets(portal).map((url) => probeUrl(url, fetcher, { at: deps.at })));
        return { portal, results, window: await recordProbes(portal, results, deps.at, deps.repo) };
      }),
    );
  } finally {
    if (!deps.fetcher) await fetcher.close();
  }
}

/**
 * When the daily scan's homepage fetch counts as a probe: the moment it happened when the scan
 * is today's, else 02:00 Beijing time on its as-of day (a replayed or back-dated scan), so it
 * lands in the week it belongs to.
 */
export function scanProbeTime(asOf: string, now: Date): Date {
  return todayInShanghai(now) === asOf ? now : new Date(`${asOf}T02:00:00+08:00`);
}
