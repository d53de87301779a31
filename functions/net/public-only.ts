import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';
import type { buildConnector as BuildConnector } from 'undici';
import { Agent, buildConnector } from './undici.ts';
import { NOT_PUBLIC_CODE } from './fetch-failure.ts';

// An on-demand check fetches a URL a user typed. The host must be a configured portal's (checked
// before this); here its addresses must also be public, so a portal host pointed at 127.0.0.1,
// 169.254.169.254 (instance metadata) or a VPC address cannot turn the API into a proxy inward.

export type Resolver = (hostname: string) => Promise<string[]>;

export const dnsResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

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
    if (range !== 'unicast')
      return `${hostname} resolves to ${address}, a ${range} address; on-demand checks only reach public addresses`;
  }
  return null;
}

const isPublic = (address: string) => ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici Agent whose every connection is checked at connect time: the name is resolved again
 * and refused unless all its addresses are public, so a host that answered the API with a public
 * address and the fetch with 127.0.0.1 (DNS rebinding) gets nowhere. IP literals never reach a
 * lookup, so the connector judges those itself.
 */
export function publicOnlyAgent(): Agent {
  const refusal = (hostname: string, address: string) => {
    const e: NodeJS.ErrnoException = new Error(
      `refused to connect to ${hostname}: it resolves to ${address}, not a public address`,
    );
    e.code = NOT_PUBLIC_CODE;
    return e;
  };
  const guardedLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = addresses.find((a) => !isPublic(a.address));
      if (refused) return callback(refusal(hostname, refused.address), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const connect = buildConnector({ lookup: guardedLookup as never });
  const guardedConnect: BuildConnector.connector = (options, callback) => {
    const bare = options.hostname.replace(/^\[|\]$/g, '');
    if (isIP(bare) && !isPublic(bare)) return callback(refusal(options.hostname, bare), null);
    connect(options, callback);
  };
  return new Agent({ keepAliveTimeout: 10_000, connections: 8, connect: guardedConnect });
}
