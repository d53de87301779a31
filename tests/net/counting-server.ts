import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { detailPage, homepage, listPage, type MiniItem } from '../support/mini-portal.ts';

// A bureau's server that counts what it has in flight: every request is held `holdMs` (a busy
// county server) and the highest number open at once is kept, so a test can hold the crawler to
// its politeness limit however the requests were started.

export interface CountingServer {
  origin: string;
  seen: { inFlight: number; peak: number; requests: number };
  close(): Promise<void>;
}

export async function startCountingServer(pages: Map<string, string>, holdMs = 50): Promise<CountingServer> {
  const seen = { inFlight: 0, peak: 0, requests: 0 };
  const server = createServer((req, res) => {
    seen.inFlight += 1;
    seen.requests += 1;
    seen.peak = Math.max(seen.peak, seen.inFlight);
    const body = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    setTimeout(() => {
      seen.inFlight -= 1;
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? '<html><body>404</body></html>');
    }, holdMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** `n` notices of a 土地市场 column, each its own detail page. */
export const landNotices = (n: number): MiniItem[] =>
  Array.from({ length: n }, (_, i) => ({
    path: `/tdsc/201712/t20171205_${i + 1}.html`,
    title: `土地出让公告第${i + 1}号`,
    date: '2017-12-05',
    generated: '2017-12-01',
  }));

/** A small portal: homepage, the 土地市场 list of `items`, an empty guide column, the detail pages. */
export const portalPages = (items: MiniItem[]) =>
  new Map<string, string>([
    ['/index.html', homepage(items.slice(0, 3))],
    ['/tdsc/index.html', listPage('土地市场', items)],
    ['/gkzn/index.html', listPage('政府信息公开指南', [])],
    ...items.map((i) => [i.path, detailPage(i)] as [string, string]),
  ]);
