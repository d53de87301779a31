import type { PortalConfig } from '../config/schema.ts';
import { DEFAULT_USER_AGENT } from '../crawl/fetcher.ts';

/** A portal's crawl settings with the defaults of the crawler issue filled in. */
export function crawlSettings(portal: PortalConfig) {
  const c = portal.crawl ?? {};
  return {
    concurrency: c.concurrency ?? 2,
    minIntervalMs: c.minIntervalMs ?? 500,
    robots: c.robots ?? true,
    refreshDays: c.refreshDays ?? 30,
    userAgent: c.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: c.timeoutMs ?? 15_000,
    maxListPages: c.maxListPages ?? 50,
  };
}
