import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sesLocal from 'aws-ses-v2-local';
import { freePort } from '../../../functions/local/dynamodb-local.ts';

// aws-ses-v2-local on 127.0.0.1; what it received is read back through its /store endpoint.

// CommonJS with an ES-style d.ts: the default export is the callable under every loader.
type StartSes = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;
const startSes = ((sesLocal as unknown as { default: StartSes }).default ?? sesLocal) as StartSes;

export interface StoredEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

export interface SesLocal {
  endpoint: string;
  stored(): Promise<StoredEmail[]>;
  close(): Promise<void>;
}

export async function startSesLocal(): Promise<SesLocal> {
  const server = await startSes({ host: '127.0.0.1', port: await freePort() });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    stored: async () => ((await (await fetch(`${endpoint}/store`)).json()) as { emails: StoredEmail[] }).emails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
