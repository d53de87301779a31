import type { PortalConfig } from '../config/schema.ts';

/** The hosts a portal lives on: its homepage's and its columns'. Nothing else is ever fetched. */
export function portalHosts(portal: PortalConfig): Set<string> {
  return new Set([portal.homepage, ...portal.columns.map((c) => c.url)].map((u) => new URL(u).host));
}
