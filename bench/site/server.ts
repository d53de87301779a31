import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../functions/config/schema.ts';
import { generateBenchSite, PORTAL_NAME, type BenchFile } from './generate.ts';

// The benchmark's portal on a real HTTP server on 127.0.0.1: every answer waits latencyMs (a
// county server is never loopback-fast), sends ETag and Last-Modified and honours conditional
// requests, so a re-scan of the unchanged site is answered 304 as a real TRS server would.

export interface BenchPortalOptions {
  pages: number;
  columns: number;
  latencyMs: number;
  seed?: number;
  /** "Today" the scan is told (--as-of); the site's dates lie in the ~90 days before it. */
  asOf?: string;
  /** Per-host concurrency written into the config. */
  concurrency?: number;
}

export interface BenchPortal {
  origin: string;
  /** A portals config for the CLI: one portal, every column, no interval between requests. */
  config: Config;
  /** Paths of the detail pages, list pages and homepage: what a complete crawl must fetch. */
  htmlPaths: string[];
  requests(): number;
  resetRequests(): void;
  close(): Promise<void>;
}

export const BENCH_AS_OF = '2026-11-30';

const httpDate = (day: string) => new Date(`${day}T09:30:00+08:00`).toUTCString();

function notModified(req: IncomingMessage, f: BenchFile): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === f.etag);
  const ims = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(ims) && Date.parse(httpDate(f.modified)) <= ims;
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A port on 127.0.0.1 nothing listens on: taken, then released. */
async function closedPort(): Promise<string> {
  const probe = createServer();
  const origin = await listen(probe);
  await closeServer(probe);
  return `${origin}/`;
}

export async function startBenchPortal(opts: BenchPortalOptions): Promise<BenchPortal> {
  const asOf = opts.asOf ?? BENCH_AS_OF;
  // "Another site": a second local server the portal links to, answering every path 200.
  const elsewhere = createServer((_req, res) => res.end('<html><body>上级部门</body></html>'));
  const elsewhereOrigin = await listen(elsewhere);
  const { files, columns } = generateBenchSite({
    pages: opts.pages,
    columns: opts.columns,
    asOf,
    seed: opts.seed,
    offsite: { unreachable: await closedPort(), elsewhere: `${elsewhereOrigin}/zwgk/index.html` },
  });
  let requests = 0;
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    let path = '/?';
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // an undecodable path is simply not found
    }
    const f = files.get(path.endsWith('/') ? `${path}index.html` : path);
    if (!f || (req.method !== 'GET' && !head)) {
      res.writeHead(f ? 405 : 404, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(head ? undefined : '<html><body><h1>404 页面不存在</h1></body></html>');
    }
    const headers = { 'content-type': f.contentType, etag: f.etag, 'last-modified': httpDate(f.modified) };
    if (notModified(req, f)) {
      res.writeHead(304, headers);
      return void res.end();
    }
    res.writeHead(200, { ...headers, 'content-length': f.body.length });
    res.end(head ? undefined : f.body);
  };
  const server = createServer((req, res) => {
    requests += 1;
    if (opts.latencyMs > 0) setTimeout(() => serve(req, res), opts.latencyMs);
    else serve(req, res);
  });
  const origin = await listen(server);
  const config: Config = {
    portals: [
      {
        id: 'bench-trs',
        name: PORTAL_NAME,
        homepage: `${origin}/index.html`,
        columns: columns.map((c) => ({ id: c.id, name: c.name, url: `${origin}/${c.id}/index.html`, kind: c.kind })),
        crawl: {
          concurrency: opts.concurrency ?? 8,
          minIntervalMs: 0,
          robots: true,
          userAgent: 'disclosure-watch-bench (+http://127.0.0.1/)',
        },
      },
    ],
  };
  const htmlPaths = [...files.keys()].filter((p) => p.endsWith('.html'));
  return {
    origin,
    config,
    htmlPaths,
    requests: () => requests,
    resetRequests: () => {
      requests = 0;
    },
    close: async () => {
      await Promise.all([closeServer(server), closeServer(elsewhere)]);
    },
  };
}
