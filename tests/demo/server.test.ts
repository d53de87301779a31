import iconv from 'iconv-lite';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, DEMO_AS_OF, DEMO_PREVIOUS_DAY } from '../../demo/portal/config.ts';
import { beijing, GTJ_OUTAGE } from '../../demo/portal/outages.ts';
import { httpDate, startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { parseConfig } from '../../functions/config/load-config.ts';

// The demo portal over real HTTP, as the crawler meets it: charsets, TRS pagination, validators,
// 404s, every configured URL answering (except the ones broken on purpose), and the homepage
// failures the replayed week of probes meets at their simulated moments.

async function get(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' | 'POST' = 'GET',
) {
  const res = await request(`${origin}${path}`, { method, headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  const header = (n: string) => String(res.headers[n] ?? '');
  return { status: res.statusCode, header, body, text: body.toString('utf8') };
}

const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);

describe('the demo portal server', () => {
  let server: DemoServer;
  const fetch = (path: string, headers?: Record<string, string>, method?: 'GET' | 'HEAD' | 'POST') =>
    get(server.origin, path, headers, method);
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(() => server.close());

  it('serves the homepage: navigation to every column, dated boxes, a footer', async () => {
    const home = await fetch('/mhk-gtj/index.html');
    expect(home.status).toBe(200);
    expect(home.header('content-type')).toBe('text/html; charset=utf-8');
    expect(home.text).toMatch(/^<!DOCTYPE html>/);
    const config = parseConfig(demoConfig(server.origin)).portals[0]!;
    const links = new Set(hrefs(home.text));
    for (const c of config.columns) expect(links.has(new URL(c.url).pathname), c.name).toBe(true);
    expect(home.text).toContain('<h3>工作动态</h3>');
    expect(home.text).toContain('<h3>通知公告</h3>');
    expect(home.text).toContain('<span>2017-12-29</span>');
    expect(home.text).toContain('主办单位：梅河口市国土资源局');
    expect(home.text).toContain('吉ICP备');
  });

  it('serves a GBK column with the charset in the header, and one with it only in <meta>', async () => {
    const market = await fetch('/mhk-gtj/tdsc/index.html');
    expect(market.header('content-type')).toBe('text/html; charset=GBK');
    expect(market.text).not.toContain('土地市场'); // not UTF-8 …
    expect(iconv.decode(market.body, 'gbk')).toContain('<h2>土地市场</h2>'); // … but GBK
    const hazards = await fetch('/mhk-gtj/dzzh/index.html');
    expect(hazards.header('content-type')).toBe('text/html');
    const text = iconv.decode(hazards.body, 'gbk');
    expect(text).toContain('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    expect(text).toMatch(/<span class="date">2017年12月20日<\/span>/);
    // A detail page of the meta-only column: title and 公开目录 table survive the round trip.
    const detail = iconv.decode(
      (
        await fetch(
          new URL(
            hrefs(text).find((h) => h.startsWith('./2017'))!,
            `${server.origin}/mhk-gtj/dzzh/`,
          ).pathname,
        )
      ).body,
      'gbk',
    );
    expect(detail).toContain('<h1 class="title">关于做好冬春季地质灾害防治工作的通知</h1>');
    expect(detail).toMatch(/成文日期：<\/td><td>2017年12月\d\d日/);
  });

  it('serves the whole 不动产登记中心 portal in GBK', async () => {
    const home = await fetch('/mhk-bdc/index.html');
    expect(home.header('content-type')).toBe('text/html; charset=GBK');
    expect(iconv.decode(home.body, 'gbk')).toContain('<title>梅河口市不动产登记中心</title>');
    const list = iconv.decode((await fetch('/mhk-bdc/djgg/index.html')).body, 'gbk');
    expect(list).toContain('createPageHTML(2, 0, "index", "html")');
    expect(list).toContain('不动产首次登记公告');
  });

  it('paginates TRS-style and links more than 100 detail pages from 工作动态, every one of them answering', async () => {
    const first = await fetch('/mhk-gtj/gzdt/index.html');
    const pages = Number(/createPageHTML\((\d+), 0, "index", "html"\)/.exec(first.text)?.[1]);
    expect(pages).toBe(6);
    const lists = [
      first,
      ...(await Promise.all(Array.from({ length: pages - 1 }, (_, k) => fetch(`/mhk-gtj/gzdt/index_${k + 1}.html`)))),
    ];
    lists.forEach((l, k) => {
      expect(l.status).toBe(200);
      expect(l.text).toContain(`createPageHTML(${pages}, ${k}, "index", "html")`);
    });
    expect((await fetch(`/mhk-gtj/gzdt/index_${pages}.html`)).status).toBe(404);
    const details = lists.flatMap((l) =>
      hrefs(l.text.slice(l.text.indexOf('<ul class="list">'))).filter((h) => /^\.\/\d{6}\/t\d{8}_\d+\.html$/.test(h)),
    );
    expect(details.length).toBeGreaterThanOrEqual(100);
    const statuses = await Promise.all(
      details.map(async (h) => (await fetch(new URL(h, `${server.origin}/mhk-gtj/gzdt/`).pathname)).status),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('truncates long titles in lists and keeps the full one in title=', async () => {
    const market = iconv.decode((await fetch('/mhk-gtj/tdsc/index.html')).body, 'gbk');
    expect(market).toContain('<table class="list"><tr><th>标题</th><th>发布日期</th></tr>');
    expect(market).toContain(
      'title="梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2017〕18号）" target="_blank">梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2...</a></td><td class="d">2017-12-28</td>',
    );
  });

  it('answers 304 to a matching If-None-Match (also in a list, also weak) and to an If-Modified-Since not older than the page', async () => {
    const page = await fetch('/mhk-gtj/gzdt/index.html');
    const etag = page.header('etag');
    const lastModified = page.header('last-modified');
    expect(lastModified).toBe(httpDate('2017-12-29')); // the column's newest item
    expect((await fetch('/mhk-gtj/gzdt/index.html', { 'if-none-match': etag })).status).toBe(304);
    expect((await fetch('/mhk-gtj/gzdt/index.html', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await fetch('/mhk-gtj/gzdt/index.html', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await fetch('/mhk-gtj/gzdt/index.html', { 'if-modified-since': httpDate('2018-01-10') })).status).toBe(304);
    expect((await fetch('/mhk-gtj/gzdt/index.html', { 'if-modified-since': httpDate('2017-12-28') })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110): a changed ETag means a new body.
    expect(
      (await fetch('/mhk-gtj/gzdt/index.html', { 'if-none-match': '"stale"', 'if-modified-since': lastModified }))
        .status,
    ).toBe(200);
    const head = await fetch('/mhk-gtj/gzdt/index.html', {}, 'HEAD');
    expect(head).toMatchObject({ status: 200 });
    expect(head.body.length).toBe(0);
    expect(head.header('etag')).toBe(etag);
  });

  it('answers an unknown path with a real 404 page, and other methods with 405', async () => {
    const missing = await fetch('/mhk-gtj/zt/2016nyh/index.html');
    expect(missing.status).toBe(404);
    expect(missing.header('content-type')).toBe('text/html; charset=utf-8');
    expect(missing.text).toMatch(/^<!DOCTYPE html>/);
    expect(missing.text).toContain('404 您访问的页面不存在');
    expect(missing.text).toContain('<a href="/mhk-gtj/index.html">返回网站首页</a>');
    expect((await fetch('/mhk-bdc/nowhere.html')).text).toContain('<a href="/mhk-bdc/index.html">');
    expect((await fetch('/mhk-gtj/index.html', {}, 'POST')).status).toBe(405);
  });

  it('serves attachments and robots.txt', async () => {
    const page = (await fetch('/mhk-gtj/tdsc/index.html')).body;
    const href = hrefs(iconv.decode(page, 'gbk')).find((h) => h.startsWith('./201712/'))!;
    const detail = iconv.decode((await fetch(new URL(href, `${server.origin}/mhk-gtj/tdsc/`).pathname)).body, 'gbk');
    const pdf = /<a href="(\.\/P0\d+\.pdf)">/.exec(detail)?.[1];
    expect(pdf).toBeDefined();
    const file = await fetch(new URL(pdf!, new URL(href, `${server.origin}/mhk-gtj/tdsc/`)).pathname);
    expect(file.status).toBe(200);
    expect(file.header('content-type')).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch('/robots.txt')).text).toContain('User-agent: *');
  });

  it('answers every configured URL with 200, except the columns and the homepage deliberately gone or down', async () => {
    const config = parseConfig(demoConfig(server.origin));
    const urls = config.portals.flatMap((p) => [p.homepage, ...p.columns.map((c) => c.url)]);
    const statuses = await Promise.all(
      urls.map(
        async (u) => [u.replace(server.origin, ''), (await fetch(u.replace(server.origin, ''))).status] as const,
      ),
    );
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([
      ['/mhk-gtj/hdjl/index.html', 503],
      ['/mhk-bdc/wsyy/index.html', 503],
      ['/mhk-bdc/sfbz/index.html', 404],
      ['/mhk-tdcb/index.html', 502],
    ]);
  });
});

describe('the demo portal failing on cue by the simulated time', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ asOf: DEMO_AS_OF });
  });
  afterAll(() => server.close());

  it('resets or refuses mhk-gtj’s homepage at the scheduled moments only, and only its homepage', async () => {
    const at = (path: string) =>
      get(server.origin, path).then(
        (r) => r.status,
        (e: { code?: string }) => e.code ?? 'error',
      );
    server.setClock(beijing(GTJ_OUTAGE.failed[0]));
    expect(await at('/mhk-gtj/index.html')).toBe(503);
    expect(await at('/')).toBe(503);
    expect(await at('/mhk-gtj/tzgg/index.html')).toBe(200);
    expect(await at('/mhk-kcz/index.html')).toBe(200);
    server.setClock(beijing('2018-01-09T08:30'));
    expect(await at('/mhk-gtj/index.html')).toBe('ECONNRESET');
    server.setClock(beijing(GTJ_OUTAGE.recovered));
    expect(await at('/mhk-gtj/index.html')).toBe(200);
    server.setClock(null);
    expect(await at('/mhk-gtj/index.html')).toBe(200);
    // Down for good, whatever the time.
    expect(await at('/mhk-tdcb/index.html')).toBe(502);
    expect((await get(server.origin, '/mhk-tdcb/tzgg/index.html')).status).toBe(200);
  });
});

describe('the demo portal turning to the next day', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ asOf: DEMO_PREVIOUS_DAY });
  });
  afterAll(() => server.close());

  it('keeps the validators of unchanged pages and renews those of changed ones', async () => {
    const at = (path: string) => get(server.origin, path);
    const paths = ['/mhk-gtj/tzgg/index.html', '/mhk-gtj/tdly/index.html', '/mhk-gtj/index.html'];
    const before = await Promise.all(paths.map(at));
    server.setAsOf(DEMO_AS_OF);
    const after = await Promise.all(paths.map(at));
    // 通知公告 got three notices on 2018-01-15, dated back to January: the file time tells the truth.
    expect(after[0]!.header('etag')).not.toBe(before[0]!.header('etag'));
    expect(after[0]!.header('last-modified')).toBe(httpDate(DEMO_AS_OF));
    expect(after[0]!.text).toContain('关于开展2018年度土地卫片执法检查工作的通知');
    expect(
      (await get(server.origin, paths[0]!, { 'if-modified-since': before[0]!.header('last-modified') })).status,
    ).toBe(200);
    // 土地利用 and the homepage's boxes did not change.
    for (const i of [1, 2]) {
      expect(after[i]!.header('etag')).toBe(before[i]!.header('etag'));
      expect(after[i]!.header('last-modified')).toBe(before[i]!.header('last-modified'));
      expect((await get(server.origin, paths[i]!, { 'if-none-match': before[i]!.header('etag') })).status).toBe(304);
    }
  });
});
