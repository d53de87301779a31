import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { startMisbehavingServer, type MisbehavingServer } from '../support/misbehaving-server.ts';
import { startTestServer } from '../support/test-server.ts';

describe('Fetcher against a misbehaving server', () => {
  let srv: MisbehavingServer;
  let f: Fetcher;
  const url = (p: string) => `${srv.origin}${p}`;

  beforeAll(async () => {
    srv = await startMisbehavingServer({ robots: 'User-agent: *\nDisallow: /private/\n' });
    f = new Fetcher({
      timeoutMs: 400,
      retries: 2,
      minBackoffMs: 10,
      allowedHosts: new Set([new URL(srv.origin).host]),
      userAgent: 'disclosure-watch-test (+https://example.gov.cn/contact)',
    });
    f.limiter.configure(new URL(srv.origin).host, { concurrency: 4, minIntervalMs: 0 });
  });
  afterAll(async () => {
    await f.close();
    await srv.close();
  });

  it('gives up on a page that stalls after the timeout, retrying, without throwing', async () => {
    const r = await f.fetch({ url: url('/stall.html') });
    expect(r).toMatchObject({ ok: false, kind: 'timeout', error: 'timeout after 400 ms', attempts: 3 });
    expect(r.status).toBeUndefined();
  });

  it('records a connection reset as a failure after retries', async () => {
    const r = await f.fetch({ url: url('/reset.html') });
    expect(r).toMatchObject({ ok: false, kind: 'connection' });
    expect(r.error).toBeTruthy();
    expect(srv.hits.get('/reset.html')).toBe(3);
  });

  it('retries a 500 and keeps the 200 that follows', async () => {
    const r = await f.fetch({ url: url('/flaky.html') });
    expect(r).toMatchObject({ ok: true, status: 200, attempts: 2 });
  });

  it('stops after the retries when a page keeps failing with 500', async () => {
    const r = await f.fetch({ url: url('/always-500.html') });
    expect(r).toMatchObject({ ok: false, status: 500, kind: 'http', error: 'HTTP 500', attempts: 3 });
  });

  it('waits out a 429 Retry-After before asking the host again', async () => {
    const t0 = Date.now();
    const r = await f.fetch({ url: url('/rate-limited.html') });
    expect(r.ok).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('cuts a redirect loop after 10 hops', async () => {
    const r = await f.fetch({ url: url('/loop-a.html') });
    expect(r).toMatchObject({ ok: false, kind: 'too-many-redirects', error: 'more than 10 redirects', attempts: 1 });
    expect((srv.hits.get('/loop-a.html') ?? 0) + (srv.hits.get('/loop-b.html') ?? 0)).toBe(11);
  });

  it('follows a redirect within the portal and records an off-site one without following it', async () => {
    expect(await f.fetch({ url: url('/moved.html') })).toMatchObject({ ok: true, finalUrl: url('/ok.html') });
    const off = await f.fetch({ url: url('/offsite.html') });
    expect(off).toMatchObject({
      ok: false,
      kind: 'redirect-off-site',
      error: 'redirect off-site to http://offsite.invalid/landing.html',
      attempts: 1,
    });
  });

  it('cuts a 10 MB response off at 5 MB', async () => {
    const r = await f.fetch({ url: url('/huge.html') });
    expect(r).toMatchObject({ ok: false, truncated: true, kind: 'too-large', status: 200, attempts: 1 });
    expect(r.error).toMatch(/larger than 5242880 bytes/);
    expect(r.body!.byteLength).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('never requests a path robots.txt disallows', async () => {
    const r = await f.fetch({ url: url('/private/secret.html') });
    expect(r).toMatchObject({
      ok: false,
      disallowed: true,
      kind: 'robots',
      error: `disallowed by ${srv.origin}/robots.txt`,
      attempts: 0,
    });
    expect(srv.hits.get('/private/secret.html')).toBeUndefined();
    expect(srv.hits.get('/robots.txt')).toBe(1); // fetched once, then cached
  });

  it('takes a 404 as an answer: no retry', async () => {
    const r = await f.fetch({ url: url('/missing.html') });
    expect(r).toMatchObject({ ok: false, status: 404, kind: 'http', error: 'HTTP 404', attempts: 1 });
  });

  it('identifies itself with the configured User-Agent', () => {
    expect([...srv.userAgents]).toEqual(['disclosure-watch-test (+https://example.gov.cn/contact)']);
  });
});

describe('Fetcher failure kinds below HTTP', () => {
  // No retries: each case is about what one failure is called, not how often it is asked again.
  const once = (opts: ConstructorParameters<typeof Fetcher>[0] = {}) =>
    new Fetcher({ robots: false, retries: 0, timeoutMs: 2000, ...opts });

  it('calls a refused connection "connection"', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const f = once();
    expect(await f.fetch({ url: `http://127.0.0.1:${port}/` })).toMatchObject({
      ok: false,
      kind: 'connection',
      error: 'ECONNREFUSED',
    });
    await f.close();
  });

  it('calls a name that does not resolve "dns"', async () => {
    // The resolver answers as a real one does for an unknown name, so the case needs no network.
    const lookup = (hostname: string, _o: unknown, cb: (e: Error) => void) =>
      cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const f = once({ dispatcher: new Agent({ connect: { lookup: lookup as never } }) });
    expect(await f.fetch({ url: 'http://www.nowhere.invalid/' })).toMatchObject({
      ok: false,
      kind: 'dns',
      error: 'ENOTFOUND',
    });
    await f.close();
  });

  it('calls a failed TLS handshake "tls"', async () => {
    const srv = await startTestServer({ '/a.html': { body: 'plain http' } });
    const f = once();
    const r = await f.fetch({ url: `${srv.origin.replace('http:', 'https:')}/a.html` });
    expect(r).toMatchObject({ ok: false, kind: 'tls' });
    expect(r.error).toMatch(/SSL|TLS|EPROTO/);
    await f.close();
    await srv.close();
  });

  it('calls a URL no HTTP request can be made for "other"', async () => {
    const f = once();
    const r = await f.fetch({ url: 'ftp://www.example.gov.cn/a.txt' });
    expect(r).toMatchObject({ ok: false, kind: 'other', error: 'UND_ERR_INVALID_ARG' });
    expect(r.status).toBeUndefined();
    await f.close();
  });

  it('calls an unreadable robots.txt "robots", and fetches nothing else from the host', async () => {
    const srv = await startTestServer({ '/robots.txt': { body: 'busy', status: 503 }, '/a.html': { body: '甲' } });
    const f = new Fetcher({ retries: 0 });
    const r = await f.fetch({ url: `${srv.origin}/a.html` });
    expect(r).toMatchObject({ ok: false, disallowed: true, kind: 'robots', attempts: 0 });
    expect(r.error).toMatch(/^robots\.txt unavailable \(HTTP 503\)/);
    expect(srv.requests.map((q) => q.path)).toEqual(['/robots.txt']);
    await f.close();
    await srv.close();
  });
});

describe('Fetcher politeness', () => {
  it('holds per-host concurrency and interval, as measured by the server', async () => {
    const srv = await startMisbehavingServer({ slowMs: 120 });
    const f = new Fetcher({ robots: false });
    f.limiter.configure(new URL(srv.origin).host, { concurrency: 2, minIntervalMs: 60 });
    await Promise.all(Array.from({ length: 8 }, () => f.fetch({ url: `${srv.origin}/slow.html` })));
    const gaps = srv.arrivals.slice(1).map((t, i) => t - srv.arrivals[i]!);
    expect(srv.peakInFlight).toBeLessThanOrEqual(2);
    // Arrivals are stamped by the server: a loaded machine delays one request's arrival and not
    // the next, shrinking a gap a little. Without the interval the gaps would be ~0.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
    await f.close();
    await srv.close();
  });

  it('slows to robots.txt Crawl-delay', async () => {
    const srv = await startMisbehavingServer({ robots: 'User-agent: *\nCrawl-delay: 0.3\n' });
    const f = new Fetcher();
    f.limiter.configure(new URL(srv.origin).host, { concurrency: 2, minIntervalMs: 0 });
    for (let i = 0; i < 3; i++) await f.fetch({ url: `${srv.origin}/ok.html` });
    const pages = srv.arrivals.slice(1); // the first arrival is robots.txt
    expect(pages).toHaveLength(3);
    expect(Math.min(pages[1]! - pages[0]!, pages[2]! - pages[1]!)).toBeGreaterThanOrEqual(290);
    await f.close();
    await srv.close();
  });

  it('sends conditional requests and counts the 304', async () => {
    const srv = await startTestServer({ '/a.html': { body: '<html><body>甲</body></html>' } });
    const f = new Fetcher({ robots: false });
    const first = await f.fetch({ url: `${srv.origin}/a.html` });
    const second = await f.fetch({ url: `${srv.origin}/a.html`, etag: first.etag });
    expect(second).toMatchObject({ ok: true, status: 304, notModified: true });
    expect(f.stats).toMatchObject({ requests: 2, notModified: 1 });
    await f.close();
    await srv.close();
  });
});

describe('Fetcher.prefetch', () => {
  it('hands a later plain fetch the response already on its way, and asks the server once', async () => {
    const srv = await startTestServer({ '/a.html': { body: '<html><body>甲</body></html>' } });
    const f = new Fetcher({ robots: false });
    f.prefetch([`${srv.origin}/a.html`]);
    const r = await f.fetch({ url: `${srv.origin}/a.html` });
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(srv.requests).toHaveLength(1);
    // Consumed once: the next fetch asks again; a conditional one never takes a prefetched answer.
    await f.fetch({ url: `${srv.origin}/a.html`, etag: r.etag });
    expect(srv.requests).toHaveLength(2);
    await f.close();
    await srv.close();
  });
});
