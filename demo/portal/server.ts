import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultAt } from './outages.ts';
import { DEMO_PORTALS, renderSite, type DemoFile } from './site.ts';
import { notFoundHtml } from './templates.ts';

// The demo portals on a real HTTP server (127.0.0.1, an ephemeral port by default), with the
// ETag / Last-Modified validators a TRS site sends, so re-scans can be answered with 304.

export interface DemoServer {
  origin: string;
  /** Turns the sites to another day: items with a later `appearsOn` are not there yet. */
  setAsOf(asOf: string): void;
  /**
   * The simulated moment of the requests that follow: homepages fail on cue by it (outages.ts).
   * Null, the default, is no moment in particular: nothing fails but what fails every day.
   */
  setClock(at: Date | null): void;
  close(): Promise<void>;
  /** Requests served, and how many were answered 304 or with a full 200 body. */
  stats(): { requests: number; notModified: number; fullBodies: number };
}

/** A day as an HTTP date: the TRS publishes at 09:30 Beijing time. */
export const httpDate = (day: string) => new Date(`${day}T09:30:00+08:00`).toUTCString();

/**
 * The files of the new day. A file whose bytes did not change keeps its Last-Modified; one that
 * changed without a newer date of its own (a list page an item moved onto) was written that day.
 */
function advance(before: Map<string, DemoFile>, after: Map<string, DemoFile>, asOf: string): Map<string, DemoFile> {
  for (const [path, f] of after) {
    const old = before.get(path);
    if (!old) continue;
    if (old.etag === f.etag) f.modified = old.modified;
    else if (f.modified <= old.modified) f.modified = asOf;
  }
  return after;
}

/** RFC 9110 § 13.1: If-None-Match wins; If-Modified-Since counts only without it. */
function isNotModified(req: IncomingMessage, f: DemoFile): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined)
    return inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === f.etag);
  const ims = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(ims) && Date.parse(httpDate(f.modified)) <= ims;
}

export async function startDemoServer(
  opts: { port?: number; host?: string; asOf?: string; latencyMs?: number } = {},
): Promise<DemoServer> {
  let files = renderSite(opts.asOf);
  let requests = 0;
  let notModified = 0;
  let fullBodies = 0;
  let clock: Date | null = null;
  // latencyMs: a county server far away answers in 50–300 ms, not loopback's 0 (benchmarks).
  const server = createServer((req, res) =>
    opts.latencyMs ? void setTimeout(() => serve(req, res), opts.latencyMs) : serve(req, res),
  );
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('405 Method Not Allowed\n');
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      path = '/?';
    }
    // Directory URLs serve their index.html, as a real web server does.
    const file = path === '/' ? '/mhk-gtj/index.html' : path.endsWith('/') ? `${path}index.html` : path;
    const fault = clock && faultAt(file, clock);
    if (fault === 'reset') return void req.socket.resetAndDestroy();
    if (fault) {
      res.writeHead(fault, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(head ? undefined : `<html><body><h1>${fault}</h1></body></html>`);
    }
    const f = files.get(file);
    if (!f) {
      const page = notFoundHtml(
        DEMO_PORTALS.find((p) => path.startsWith(`/${p.id}/`)),
        path,
      );
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
      return void res.end(head ? undefined : page);
    }
    if (f.status) {
      res.writeHead(f.status, { 'content-type': f.contentType, 'content-length': f.body.length });
      return void res.end(head ? undefined : f.body);
    }
    const headers = {
      'content-type': f.contentType,
      etag: f.etag,
      'last-modified': httpDate(f.modified),
      'cache-control': 'max-age=600',
    };
    if (isNotModified(req, f)) {
      notModified += 1;
      res.writeHead(304, headers);
      return void res.end();
    }
    if (!head) fullBodies += 1;
    res.writeHead(200, { ...headers, 'content-length': f.body.length });
    res.end(head ? undefined : f.body);
  };
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    stats: () => ({ requests, notModified, fullBodies }),
    setAsOf: (asOf) => {
      files = advance(files, renderSite(asOf), asOf);
    },
    setClock: (at) => {
      clock = at;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
