import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { probeUrl } from '../../functions/net/probe.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Probes against a real server that fails on cue: every way the inspection's attempt can fail,
// each recorded with its reason, and never a second attempt.

const at = new Date('2018-01-15T02:00:00Z');

describe('an availability probe', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  const hits = (path: string) => server.requests.filter((r) => r.path === path).length;

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': { body: '<html><body><h1>梅河口市国土资源局</h1></body></html>' },
      '/down.html': { body: 'busy', status: 503 },
      '/gone.html': { body: 'not here', status: 404 },
      '/blank.html': { body: ' \n\t ' },
      '/moved.html': (_req, res) => void res.writeHead(302, { location: '/index.html' }).end(),
      '/stall.html': () => {},
      '/reset.html': (req) => req.socket.destroy(),
      // Headers at once, then the body trickles past the budget: the whole response counts.
      '/trickle.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body>');
        setTimeout(() => res.end('</body></html>'), 1500);
      },
    });
    fetcher = new Fetcher({ robots: false, retries: 0, timeoutMs: 15_000 });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('records a homepage that answered with content as ok, with the time it took', async () => {
    const r = await probeUrl(`${server.origin}/index.html`, fetcher, { at });
    expect(r).toMatchObject({ ok: true, status: 200, at: at.toISOString(), source: 'probe' });
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('follows a redirect within the same attempt', async () => {
    expect(await probeUrl(`${server.origin}/moved.html`, fetcher, { at })).toMatchObject({ ok: true, status: 200 });
  });

  it('fails a 5xx and a 4xx with their status, asking once only', async () => {
    const before = hits('/down.html');
    expect(await probeUrl(`${server.origin}/down.html`, fetcher, { at })).toMatchObject({
      ok: false,
      reason: 'http',
      status: 503,
      error: 'HTTP 503',
    });
    expect(hits('/down.html') - before).toBe(1);
    expect(await probeUrl(`${server.origin}/gone.html`, fetcher, { at })).toMatchObject({ ok: false, status: 404 });
  });

  it('fails a 200 whose body is blank', async () => {
    expect(await probeUrl(`${server.origin}/blank.html`, fetcher, { at })).toMatchObject({
      ok: false,
      reason: 'empty',
      status: 200,
    });
  });

  it('times out a server that never answers, and one whose body outlasts the budget', async () => {
    const stalled = await probeUrl(`${server.origin}/stall.html`, fetcher, { at, budgetMs: 400 });
    expect(stalled).toMatchObject({ ok: false, reason: 'timeout' });
    expect(stalled.ms).toBeGreaterThanOrEqual(350);
    expect(stalled.ms).toBeLessThan(5_000);
    expect(await probeUrl(`${server.origin}/trickle.html`, fetcher, { at, budgetMs: 400 })).toMatchObject({
      ok: false,
      reason: 'timeout',
    });
  });

  it('names a reset and a refused connection', async () => {
    const reset = await probeUrl(`${server.origin}/reset.html`, fetcher, { at });
    expect(reset).toMatchObject({ ok: false, reason: 'connection' });
    const refused = await probeUrl(`http://127.0.0.1:${await freePort()}/index.html`, fetcher, { at });
    expect(refused).toMatchObject({ ok: false, reason: 'connection', error: 'ECONNREFUSED' });
  });

  it('names a host that does not resolve', async () => {
    const r = await probeUrl('http://no-such-host.invalid/index.html', fetcher, { at });
    expect(r).toMatchObject({ ok: false, reason: 'dns' });
  });
});
