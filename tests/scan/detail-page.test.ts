import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { fetchDetailPage, isDetailWarning, type DetailPageContext } from '../../functions/scan/detail-page.ts';
import { detailPage, html } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// One detail page as a column's crawl reads it (conditionally, parsing only new content) and as
// an on-demand check reads it (fresh: unconditionally, parsing whatever comes).

describe('fetchDetailPage', () => {
  let srv: TestServer;
  let fetcher: Fetcher;
  let ctx: DetailPageContext;
  const item = {
    path: '/tdsc/201801/t20180110_1.html',
    title: '土地出让公告',
    date: '2018-01-10',
    generated: '2018-01-09',
  };
  let url: string;

  beforeAll(async () => {
    srv = await startTestServer({ [item.path]: html(detailPage(item)) });
    url = `${srv.origin}${item.path}`;
    const column = { id: 'tdsc', name: '土地市场', url: `${srv.origin}/tdsc/index.html`, kind: 'notice' };
    const config = parseConfig({
      portals: [{ id: 'p', name: '测试', homepage: `${srv.origin}/index.html`, columns: [column] }],
    });
    const portal: PortalConfig = config.portals[0]!;
    fetcher = new Fetcher({ robots: false, retries: 0 });
    ctx = { portal, asOf: '2018-01-15', fetcher, now: () => new Date('2018-01-15T02:00:00Z') };
  });
  afterAll(async () => {
    await fetcher.close();
    await srv.close();
  });

  const listed = () => ({ url, columnId: 'tdsc', listTitle: '土地出让公告', listDate: '2018-01-10' });
  const validatorsSent = () =>
    srv.requests.filter((r) => r.path === item.path).map((r) => r.headers['if-none-match'] !== undefined);

  it('parses a page never seen, with its place in the list', async () => {
    const got = await fetchDetailPage(listed(), undefined, ctx);
    expect(got.detail?.title).toBe('土地出让公告');
    expect(got.record).toMatchObject({ url, columnId: 'tdsc', title: '土地出让公告', publishedDate: '2018-01-10' });
    expect(got.record.listTitle).toBe('土地出让公告');
    expect(got.record).toMatchObject({ firstSeen: '2018-01-15', fetchedAt: '2018-01-15T02:00:00.000Z' });
    expect(got.record.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('asks a known page conditionally and only touches its record up when unchanged', async () => {
    const { record: known } = await fetchDetailPage(listed(), undefined, ctx);
    const earlier = { ...known, firstSeen: '2018-01-01', fetchedAt: '2018-01-01T00:00:00.000Z' };
    srv.requests.length = 0;
    const got = await fetchDetailPage({ ...listed(), listTitle: '土地出让公告（更正）' }, earlier, ctx);
    expect(validatorsSent()).toEqual([true]);
    expect(got.detail).toBeUndefined();
    expect(got.record).toEqual({
      ...earlier,
      listTitle: '土地出让公告（更正）',
      fetchedAt: '2018-01-15T02:00:00.000Z',
    });
  });

  it('says whether the stored record still holds: a 304 on a page read fine, not one that failed last time', async () => {
    const { record: known } = await fetchDetailPage(listed(), undefined, ctx);
    const unchanged = await fetchDetailPage(listed(), known, ctx);
    expect(unchanged).toMatchObject({ unchanged: true, fetch: { ok: true } });
    // A transient 503 kept the last good read's validators; the 304 that follows makes it readable again.
    const failed = { ...known, fetch: { ok: false, status: 503, error: 'HTTP 503' } };
    const recovered = await fetchDetailPage(listed(), failed, ctx);
    expect(validatorsSent().at(-1)).toBe(true);
    expect(recovered.unchanged).toBe(false); // so the crawl writes it back
    expect(recovered.record).toMatchObject({
      fetch: { ok: true },
      title: '土地出让公告',
      contentHash: known.contentHash,
    });
  });

  it('fresh, asks without validators and parses even unchanged content, keeping when it was first seen', async () => {
    const { record: known } = await fetchDetailPage(listed(), undefined, ctx);
    srv.requests.length = 0;
    const got = await fetchDetailPage(listed(), { ...known, firstSeen: '2018-01-01' }, { ...ctx, fresh: true });
    expect(validatorsSent()).toEqual([false]);
    expect(got.detail?.title).toBe('土地出让公告');
    expect(got.record.firstSeen).toBe('2018-01-01');
  });

  it('records a failed page with a warning the column can tell apart', async () => {
    const got = await fetchDetailPage({ ...listed(), url: `${srv.origin}/tdsc/gone.html` }, undefined, ctx);
    expect(got.detail).toBeUndefined();
    expect(got.fetch).toMatchObject({ ok: false, status: 404 });
    expect(got.record).toMatchObject({
      url: `${srv.origin}/tdsc/gone.html`,
      hasBody: false,
      title: null,
      fetch: got.fetch,
    });
    expect(got.warning).toBe(`detail page ${srv.origin}/tdsc/gone.html failed: HTTP 404`);
    expect(isDetailWarning(got.warning!)).toBe(true);
    expect(isDetailWarning('pagination cut off after 5 list pages')).toBe(false);
  });
});
