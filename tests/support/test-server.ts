import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

// A real HTTP server on 127.0.0.1 for crawler tests. Routes are mutable so a test can change
// the "portal" between two scans; every request is recorded so tests can count them.

export interface Page {
  body: string | Buffer;
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send an ETag (derived from the body) and answer If-None-Match with 304. Default true. */
  etag?: boolean;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  origin: string;
  routes: Map<string, Page | Handler>;
  requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startTestServer(routes: Record<string, Page | Handler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>404 页面不存在</h1></body></html>');
      return;
    }
    if (typeof route === 'function') return route(req, res);
    const body = typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : route.body;
    const headers: Record<string, string> = {
      'content-type': route.contentType ?? 'text/html; charset=utf-8',
      ...route.headers,
    };
    if (route.etag !== false) {
      const tag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      headers.etag = tag;
      if (req.headers['if-none-match'] === tag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    res.writeHead(route.status ?? 200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes: table,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
