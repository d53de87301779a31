import type { PortalConfig } from '../config/schema.ts';
import { DEFAULT_USER_AGENT, Fetcher } from '../net/fetcher.ts';
import { HostLimiter } from '../net/host-limiter.ts';
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

/** A fetcher bound to a portal: its hosts only (redirects elsewhere are recorded), its limits, its robots.txt switch. */
export function portalFetcher(portal: PortalConfig, opts: { dispatcher?: Dispatcher } = {}): Fetcher {
  const s = crawlSettings(portal);
  const hosts = portalHosts(portal);
  const fetcher = new Fetcher({
    userAgent: s.userAgent,
    timeoutMs: s.timeoutMs,
    allowedHosts: hosts,
    robots: s.robots,
    dispatcher: opts.dispatcher,
  });
  for (const host of hosts)
    fetcher.limiter.configure(host, { concurrency: s.concurrency, minIntervalMs: s.minIntervalMs });
  return fetcher;
}

/** Off-site links are checked gently: one request at a time per host, a second apart, robots.txt honoured. */
export function offsiteFetcher(portal: PortalConfig, opts: { dispatcher?: Dispatcher } = {}): Fetcher {
  const s = crawlSettings(portal);
  return new Fetcher({
    userAgent: s.userAgent,
    timeoutMs: s.timeoutMs,
    retries: 1,
    limiter: new HostLimiter({ concurrency: 1, minIntervalMs: 1000 }),
    dispatcher: opts.dispatcher,
  });
}
