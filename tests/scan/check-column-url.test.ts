import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import { CheckRefused, checkUrl, portalForUrl } from '../../functions/scan/check-url.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, listPage } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A column is the column however its URL is written: a check of `…/rsxx/`, `…/rsxx/index.html#top`
// or an upper-case host is the column's check and returns its findings, not a detail page's
// "nothing found".

describe('check of a column written another way', () => {
  let srv: TestServer;
  let repo: Repository;
  let config: Config;
  let origin: string;
  const stray = { path: '/elsewhere/t20171206_2.html', title: '其他信息', date: '2017-12-06', generated: '2017-12-01' };
  const item = { path: '/tdsc/t20171205_1.html', title: '土地出让公告', date: '2017-12-05', generated: '2017-12-01' };

  beforeAll(async () => {
    srv = await startTestServer({
      '/rsxx/index.html': { body: listPage('人事信息', [], { placeholder: true }) },
      '/tdsc/index.html': { body: listPage('土地市场', [item]) },
      [item.path]: { body: detailPage(item) },
      [stray.path]: { body: detailPage(stray) },
    });
    // localhost, so the host has letters whose case a user may change.
    origin = srv.origin.replace('127.0.0.1', 'localhost');
    repo = await testRepository('check-column-url');
    config = parseConfig({
      portals: [
        {
          id: 'mini',
          name: '测试',
          homepage: `${origin}/index.html`,
          columns: [
            { id: 'rsxx', name: '人事信息', url: `${origin}/rsxx/index.html`, kind: 'personnel' },
            { id: 'tdsc', name: '土地市场', url: `${origin}/tdsc/index.html`, kind: 'notice' },
            // Written without its trailing slash: the directory /gzdt/, not the whole site.
            { id: 'gzdt', name: '工作动态', url: `${origin}/gzdt`, kind: 'news' },
          ],
          crawl: { robots: false, minIntervalMs: 0, checkLinks: false },
        },
      ],
    });
  });
  afterAll(async () => {
    repo.destroy();
    await srv.close();
  });

  const check = (url: string) => checkUrl({ config, url, asOf: '2018-01-15' }, { repo });

  it.each([
    ['its directory with a trailing slash', '/rsxx/'],
    ['its directory without one', '/rsxx'],
    ['its default document and a fragment', '/rsxx/index.html#top'],
    ['a percent-escaped unreserved character', '/%72sxx/index.html'],
  ])('treats %s as the column and returns its empty-column finding', async (_, path) => {
    const r = await check(`${origin}${path}`);
    expect(r.kind).toBe('list');
    expect(r.findings.map((f) => [f.rule, f.severity, f.columnId])).toContainEqual(['empty-column', 'veto', 'rsxx']);
  });

  it('treats an upper-case host as the column', async () => {
    const r = await check(`${origin.replace('localhost', 'LOCALHOST')}/rsxx/index.html`);
    expect(r.kind).toBe('list');
    expect(r.findings.map((f) => f.rule)).toContain('empty-column');
  });

  it('finds a stored detail page when its URL is pasted with a fragment', async () => {
    await check(`${origin}/tdsc/`); // the column scan stores the page
    const r = await check(`${origin}${item.path}#content`);
    expect(r).toMatchObject({ kind: 'detail', url: `${origin}${item.path}`, page: { title: item.title } });
  });

  it('files a page under no column when no column directory holds it', async () => {
    await check(`${origin}${stray.path}`);
    const [page] = await repo.getPages('mini', [`${origin}${stray.path}`]);
    expect(page?.columnId).toBe('unlisted');
  });

  it('refuses a URL with credentials before fetching anything', async () => {
    const before = srv.requests.length;
    expect(() => portalForUrl(config, `http://admin:s3cret@${origin.slice(7)}/rsxx/`)).toThrow(CheckRefused);
    await expect(check(`http://admin:s3cret@${origin.slice(7)}/rsxx/`)).rejects.toThrow(/must not carry credentials/);
    expect(srv.requests.length).toBe(before);
  });
});
