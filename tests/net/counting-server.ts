import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
