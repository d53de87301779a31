import iconv from 'iconv-lite';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../demo/portal/config.ts';
import { renderSite } from '../../demo/portal/site.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { parseConfig } from '../../functions/config/load-config.ts';

describe('the demo portal server', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(() => server.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${server.origin}${path}`, { headers });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body };
  };

  it('renders the same bytes every time (stable ETags, stable findings)', () => {
    const a = renderSite();
    const b = renderSite();
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, f] of a) expect(f.etag, k).toBe(b.get(k)!.etag);
  });

  it('has more than 100 detail pages on the main portal', () => {
    const details = [...renderSite().keys()].filter((p) => p.startsWith('/mhk-gtj/') && /\/t\d{8}_\d+\.html$/.test(p));
    expect(details.length).toBeGreaterThan(100);
  });

  it('serves a GBK column with the charset in the header, and one with it only in <meta>', async () => {
    const market = await get('/mhk-gtj/tdsc/index.html');
    expect(market.headers['content-type']).toBe('text/html; charset=GBK');
    expect(iconv.decode(market.body, 'gbk')).toContain('土地市场');
    const hazards = await get('/mhk-gtj/dzzh/index.html');
    expect(hazards.headers['content-type']).toBe('text/html');
    const text = iconv.decode(hazards.body, 'gbk');
    expect(text).toContain('charset=gb2312');
    expect(text).toContain('地质灾害防治');
  });

  it('paginates the news column TRS-style and answers 304 to a matching ETag', async () => {
    const first = await get('/mhk-gtj/gzdt/index.html');
    expect(first.body.toString()).toContain('createPageHTML(6, 0, "index", "html")');
    expect((await get('/mhk-gtj/gzdt/index_5.html')).status).toBe(200);
    expect((await get('/mhk-gtj/gzdt/index_6.html')).status).toBe(404);
    const again = await get('/mhk-gtj/gzdt/index.html', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('answers every configured URL with 200, except the columns deliberately gone or down', async () => {
    const config = parseConfig(demoConfig(server.origin));
    const urls = config.portals.flatMap((p) => [p.homepage, ...p.columns.map((c) => c.url)]);
    const statuses = await Promise.all(urls.map(async (u) => [u.replace(server.origin, ''), (await get(u.replace(server.origin, ''))).status] as const));
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([
      ['/mhk-gtj/hdjl/index.html', 503],
      ['/mhk-bdc/wsyy/index.html', 503],
      ['/mhk-bdc/sfbz/index.html', 404],
    ]);
  });
});
