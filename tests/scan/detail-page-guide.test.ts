import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import { fetchDetailPage, type DetailPageContext } from '../../functions/scan/detail-page.ts';
import { html } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A page of a service-guide column is read for its 办事指南 elements when it is crawled, and only
// their names are stored; a page stored before that is asked again unconditionally and read.

const guideHtml = readFileSync(new URL('../fixtures/service-guide/trs-headings.html', import.meta.url), 'utf8');

describe('fetchDetailPage on a service-guide column', () => {
  let srv: TestServer;
  let fetcher: Fetcher;
  let ctx: DetailPageContext;
  const path = '/bszn/201801/t20180110_1.html';
  let url: string;

  beforeAll(async () => {
    srv = await startTestServer({ [path]: html(guideHtml) });
    url = `${srv.origin}${path}`;
    const columns = [
      { id: 'bszn', name: '办事指南', url: `${srv.origin}/bszn/index.html`, kind: 'service-guide' },
      { id: 'tzgg', name: '通知公告', url: `${srv.origin}/tzgg/index.html`, kind: 'notice' },
    ];
    const config = parseConfig({ portals: [{ id: 'p', name: '测试', homepage: `${srv.origin}/index.html`, columns }] });
    fetcher = new Fetcher({ robots: false, retries: 0 });
    ctx = { portal: config.portals[0]!, asOf: '2018-01-15', fetcher, now: () => new Date('2018-01-15T02:00:00Z') };
  });
  afterAll(async () => {
    await fetcher.close();
    await srv.close();
  });

  const validatorsSent = () =>
    srv.requests.filter((r) => r.path === path).map((r) => r.headers['if-none-match'] !== undefined);

  it('stores the names of the elements found and missing, never the guide text', async () => {
    const { record } = await fetchDetailPage({ url, columnId: 'bszn' }, undefined, ctx);
    expect(record.guide).toEqual({
      found: ['事项名称', '设定依据', '申请条件', '办理地点', '办理时间', '办理流程', '办理时限'],
      missing: ['办理材料', '联系电话'],
    });
    expect(JSON.stringify(record)).not.toContain('市民服务中心三楼');
  });

  it('does not read pages of other columns as guides', async () => {
    const { record } = await fetchDetailPage({ url, columnId: 'tzgg' }, undefined, ctx);
    expect(record.guide).toBeUndefined();
  });

  it('asks a guide stored without its elements unconditionally and reads it; a read one conditionally', async () => {
    const { record } = await fetchDetailPage({ url, columnId: 'bszn' }, undefined, ctx);
    const { guide: _guide, ...unread } = record;
    srv.requests.length = 0;
    const again = await fetchDetailPage({ url, columnId: 'bszn' }, unread, ctx);
    expect(validatorsSent()).toEqual([false]);
    expect(again.record.guide?.missing).toEqual(['办理材料', '联系电话']);
    srv.requests.length = 0;
    const third = await fetchDetailPage({ url, columnId: 'bszn' }, again.record, ctx);
    expect(validatorsSent()).toEqual([true]);
    expect(third.unchanged).toBe(true);
    expect(third.record.guide).toEqual(again.record.guide);
  });
});
