import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

// An on-demand check fetches a URL a user typed. The host must be a configured portal's (checked
// before this); here its addresses must also be public, so a portal host pointed at 127.0.0.1,
// 169.254.169.254 (instance metadata) or a VPC address cannot turn the API into a proxy inward.

export type Resolver = (hostname: string) => Promise<string[]>;

export const dnsResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Why the host may not be fetched, or null when every address it resolves to is public unicast. */
export async function refusePrivateHost(hostname: string, resolve: Resolver = dnsResolver): Promise<string | null> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(bare) ? [bare] : await resolve(bare);
  } catch (e) {
    return `${hostname} does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  if (addresses.length === 0) return `${hostname} does not resolve`;
  for (const address of addresses) {
    const range = ipaddr.process(address).range();
    if (range !== 'unicast') return `${hostname} resolves to ${address}, a ${range} address; on-demand checks only reach public addresses`;
  }
  return null;
}
