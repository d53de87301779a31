import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderSite } from './site.ts';

// The demo portals on a real HTTP server (127.0.0.1, an ephemeral port by default), with the
// ETag / Last-Modified validators a TRS site sends, so re-scans can be answered with 304.

export interface DemoServer {
  origin: string;
  /** Turns the sites to another day: items with a later `appearsOn` are not there yet. */
  setAsOf(asOf: string): void;
  close(): Promise<void>;
  /** Requests served, and how many were answered 304 or with a full 200 body. */
  stats(): { requests: number; notModified: number; fullBodies: number };
}

const LAST_MODIFIED = 'Mon, 15 Jan 2018 00:00:00 GMT';
const NOT_FOUND = Buffer.from('<!DOCTYPE html><html><head><meta charset="utf-8"><title>404</title></head><body><h1>404 您访问的页面不存在</h1></body></html>');

export async function startDemoServer(opts: { port?: number; host?: string; asOf?: string } = {}): Promise<DemoServer> {
  let files = renderSite(opts.asOf);
  let requests = 0;
  let notModified = 0;
  let fullBodies = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // Directory URLs serve their index.html, as a real web server does.
    const f = files.get(path === '/' ? '/mhk-gtj/index.html' : path.endsWith('/') ? `${path}index.html` : path);
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(req.method === 'HEAD' ? undefined : NOT_FOUND);
    }
    if (f.status) {
      res.writeHead(f.status, { 'content-type': f.contentType });
      return void res.end(req.method === 'HEAD' ? undefined : f.body);
    }
    const headers = { 'content-type': f.contentType, etag: f.etag, 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=600' };
    if (req.headers['if-none-match'] === f.etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === LAST_MODIFIED)) {
      notModified += 1;
      res.writeHead(304, headers);
      return void res.end();
    }
    if (req.method !== 'HEAD') fullBodies += 1;
    res.writeHead(200, { ...headers, 'content-length': f.body.length });
    res.end(req.method === 'HEAD' ? undefined : f.body);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    stats: () => ({ requests, notModified, fullBodies }),
    setAsOf: (asOf) => {
      files = renderSite(asOf);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
