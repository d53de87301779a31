import type { PortalConfig } from '../config/schema.ts';
import { DEFAULT_USER_AGENT, Fetcher } from '../net/fetcher.ts';
import { OFFSITE_LIMITS, processHostLimiter, type HostLimiter } from '../net/host-limiter.ts';
import type { Dispatcher } from 'undici';
import { portalHosts } from './portal-hosts.ts';

/** A portal's crawl settings with the defaults of docs/crawling.md filled in. */
export function crawlSettings(portal: PortalConfig) {
  const c = portal.crawl ?? {};
  return {
    concurrency: c.concurrency ?? 2,
    minIntervalMs: c.minIntervalMs ?? 500,
    robots: c.robots ?? true,
    refreshDays: c.refreshDays ?? 30,
    revalidateDays: c.revalidateDays ?? 7,
    userAgent: c.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: c.timeoutMs ?? 15_000,
    maxListPages: c.maxListPages ?? 50,
    checkLinks: c.checkLinks ?? true,
  };
}

export interface FetcherDeps {
  dispatcher?: Dispatcher;
  /** Default: the process's limiter, so every scan, check and probe of a host shares one gate. */
  limiter?: HostLimiter;
}

/** Gives a portal's hosts its `crawl` limits (the stricter wins where portals share a host). */
export function configurePortalHosts(limiter: HostLimiter, portal: PortalConfig): void {
  const s = crawlSettings(portal);
  for (const host of portalHosts(portal))
    limiter.configure(host, { concurrency: s.concurrency, minIntervalMs: s.minIntervalMs });
}

/** A fetcher bound to a portal: its hosts only (redirects elsewhere are recorded), its limits, its robots.txt switch. */
export function portalFetcher(portal: PortalConfig, opts: FetcherDeps = {}): Fetcher {
  const s = crawlSettings(portal);
  const limiter = opts.limiter ?? processHostLimiter();
  configurePortalHosts(limiter, portal);
  return new Fetcher({
    userAgent: s.userAgent,
    timeoutMs: s.timeoutMs,
    allowedHosts: portalHosts(portal),
    robots: s.robots,
    dispatcher: opts.dispatcher,
    limiter,
  });
}

/**
 * Off-site links are checked gently: one request at a time per host, a second apart, robots.txt
 * honoured. The gates are the process's: two scans linking to one site still send it one at a time,
 * and a host that is also a configured portal's keeps that portal's limits.
 */
export function offsiteFetcher(portal: PortalConfig, opts: FetcherDeps = {}): Fetcher {
  const s = crawlSettings(portal);
  return new Fetcher({
    userAgent: s.userAgent,
    timeoutMs: s.timeoutMs,
    retries: 1,
    limiter: (opts.limiter ?? processHostLimiter()).withDefaults(OFFSITE_LIMITS),
    dispatcher: opts.dispatcher,
  });
}
