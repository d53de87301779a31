import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startMisbehavingServer, type MisbehavingServer } from '../support/misbehaving-server.ts';

// One column whose items are every kind of bad page: the scan finishes, and each failure is in
// its result — recorded on the page, never thrown.

describe('a scan of a column full of misbehaving pages', () => {
  let srv: MisbehavingServer;
  let repo: Repository;

  beforeAll(async () => {
    srv = await startMisbehavingServer({ robots: 'User-agent: *\nDisallow: /private/\n' });
    repo = await testRepository('hostile');
  });
  afterAll(async () => {
    repo.destroy();
    await srv.close();
  });

  it('records each failure on its page and decodes what can be decoded', async () => {
    const portal = parseConfig({
      portals: [
        {
          id: 'hostile',
          name: '测试',
          homepage: `${srv.origin}/ok.html`,
          columns: [{ id: 'bad', name: '问题栏目', url: `${srv.origin}/hostile/index.html`, kind: 'notice' }],
          crawl: { timeoutMs: 1000, minIntervalMs: 0, concurrency: 4, checkLinks: false },
        },
      ],
    }).portals[0]!;
    const r = await runLocalScan({ portal, asOf: '2018-01-15', repo });
    const pages = new Map((await repo.listPages('hostile')).map((p) => [p.url.replace(srv.origin, ''), p]));
    expect(pages.size).toBe(11);
    // Claims UTF-8, sends GBK: decoded by its <meta> and the bytes, not the header.
    expect(pages.get('/liar.html')).toMatchObject({ fetch: { ok: true }, title: '梅河口市国土资源局' });
    // Invalid bytes: parsed, no crash.
    expect(pages.get('/broken-bytes.html')).toMatchObject({ fetch: { ok: true }, title: '坏字节' });
    expect(pages.get('/stall.html')!.fetch).toMatchObject({ ok: false, error: 'timeout after 1000 ms' });
    expect(pages.get('/reset.html')!.fetch.ok).toBe(false);
    expect(pages.get('/huge.html')!.fetch).toMatchObject({
      ok: false,
      error: 'response larger than 5242880 bytes, cut off',
    });
    expect(pages.get('/offsite.html')!.fetch.error).toMatch(/^redirect off-site to http:\/\/offsite\.invalid\//);
    expect(pages.get('/loop-a.html')!.fetch.error).toBe('more than 10 redirects');
    expect(pages.get('/always-500.html')!.fetch).toMatchObject({ ok: false, status: 500 });
    expect(pages.get('/flaky.html')!.fetch.ok).toBe(true); // 500, then 200 on the retry
    expect(pages.get('/private/secret.html')!.fetch.error).toBe(`disallowed by ${srv.origin}/robots.txt`);
    expect(srv.hits.get('/private/secret.html')).toBeUndefined();
    expect(pages.get('/missing.html')!.fetch).toMatchObject({ ok: false, status: 404 });
    expect(r.counters.failures).toBeGreaterThanOrEqual(7);
    expect(r.counters.requests).toBeGreaterThan(11);
  });
});
