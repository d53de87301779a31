import { norm, sampleBytes, sampleManifest } from '../support/real-samples.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The real government pages of tests/fixtures/real-samples, served over HTTP as their sites would
// (GBK pages without a charset in the header, so the crawler must find it in the page), and
// crawled end to end: fetch, decode, extract, store.

const slug = (file: string) => file.replace(/^(detail|list)\//, '').replace(/\.html$/, '');

describe('crawling the real sample pages over HTTP', () => {
  let server: TestServer;
  let repo: Repository;
  let result: ScanResult;
  const details = sampleManifest.filter((e) => e.kind === 'detail');
  const lists = sampleManifest.filter((e) => e.kind === 'list');

  beforeAll(async () => {
    const routes: Parameters<typeof startTestServer>[0] = {};
    for (const e of sampleManifest) {
      const body = sampleBytes(e);
      const contentType = e.encoding === 'utf-8' ? 'text/html; charset=utf-8' : 'text/html';
      routes[e.kind === 'detail' ? `/detail/${slug(e.file)}.html` : `/list/${slug(e.file)}/index.html`] = {
        body,
        contentType,
      };
    }
    // A column listing every detail sample, the way a county portal's 信息公开 list would.
    const lis = details.map(
      (e, i) =>
        `<li><a href="/detail/${slug(e.file)}.html">${String(e.expected.title ?? '已删除的信息页面')}</a><span>2024-01-${String((i % 28) + 1).padStart(2, '0')}</span></li>`,
    );
    routes['/samples/index.html'] = {
      body: `<html><head><meta charset="utf-8"></head><body><ul class="list">${lis.join('')}</ul></body></html>`,
    };
    routes['/index.html'] = {
      body: '<html><head><meta charset="utf-8"></head><body><a href="/samples/index.html">样例</a></body></html>',
    };
    server = await startTestServer(routes);
    repo = await testRepository('samples');
    const portal = parseConfig({
      portals: [
        {
          id: 'samples',
          name: '样例',
          homepage: `${server.origin}/index.html`,
          columns: [
            { id: 'samples', name: '样例', url: `${server.origin}/samples/index.html`, kind: 'static' },
            ...lists.map((e) => ({
              id: slug(e.file),
              name: slug(e.file),
              url: `${server.origin}/list/${slug(e.file)}/index.html`,
              kind: 'static' as const,
            })),
          ],
          crawl: {
            minIntervalMs: 0,
            concurrency: 8,
            robots: false,
            checkLinks: false,
            maxListPages: 2,
            timeoutMs: 5000,
          },
        },
      ],
    }).portals[0]!;
    result = await runLocalScan({ portal, asOf: '2026-11-28', repo });
  }, 120_000);
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  it('stores every detail sample with its hand-checked metadata', async () => {
    const pages = new Map((await repo.listPages('samples')).map((p) => [p.url.replace(server.origin, ''), p]));
    const wrong: string[] = [];
    for (const e of details) {
      const p = pages.get(`/detail/${slug(e.file)}.html`);
      if (!p) {
        wrong.push(`${e.file}: not stored`);
        continue;
      }
      for (const field of [
        'title',
        'indexNo',
        'generatedDate',
        'publishedDate',
        'docNo',
        'publisher',
        'hasBody',
      ] as const) {
        if (norm(p[field]) !== norm(e.expected[field]))
          wrong.push(`${e.file} ${field}: ${JSON.stringify(p[field])} ≠ ${JSON.stringify(e.expected[field])}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads every list sample’s items, and records the pages it could not follow', async () => {
    const columns = new Map((await repo.listColumns('samples')).map((c) => [c.columnId, c]));
    for (const e of lists) {
      const c = columns.get(slug(e.file))!;
      expect(c.fetch.ok, e.file).toBe(true);
      // Page 2 lives on the original site only: here it is a 404, recorded, not fatal.
      const hasNext = e.expected.nextPageUrl !== null;
      expect(c.items.length, e.file).toBe(e.expected.itemCount);
      expect(
        c.warnings.some((w) => w.includes('index_1.html') && w.includes('HTTP 404')),
        e.file,
      ).toBe(hasNext);
    }
    expect(result.summary.columns).toBe(lists.length + 1);
  });
});
