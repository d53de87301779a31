import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../functions/extract/charset.ts';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { extractList } from '../../functions/extract/list-extractor.ts';
import type { ListItem } from '../../functions/extract/types.ts';
import { norm, sampleBytes, sampleManifest, type ExpectedItem, type SampleEntry } from '../support/real-samples.ts';

// 42 real government pages with hand-checked expected values (see the samples' README.md).

/** The charset decodeHtml reports for each byte encoding of the sampleManifest. */
const CHARSET_OF = { 'utf-8': 'utf-8', gb2312: 'gb18030', gbk: 'gb18030' } as const;

const DETAIL_FIELDS = ['title', 'indexNo', 'generatedDate', 'publishedDate', 'docNo', 'publisher', 'hasBody'] as const;

function load(entry: SampleEntry): string {
  const bytes = sampleBytes(entry);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  const { html, charset } = decodeHtml(new Uint8Array(bytes));
  expect(charset).toBe(CHARSET_OF[entry.encoding]);
  expect(html).not.toContain('\ufffd');
  return html;
}

function expectItem(got: ListItem | undefined, want: ExpectedItem, where: string): void {
  expect(got, where).toBeDefined();
  expect(norm(got!.title), `${where}.title`).toBe(norm(want.title));
  expect(norm(got!.displayText), `${where}.displayText`).toBe(norm(want.displayText));
  expect(got!.date, `${where}.date`).toBe(want.date);
  expect(got!.href, `${where}.href`).toBe(want.href);
  if ('docNo' in want) expect(norm(got!.docNo), `${where}.docNo`).toBe(norm(want.docNo));
  if ('generatedDate' in want) expect(got!.generatedDate, `${where}.generatedDate`).toBe(want.generatedDate);
}

describe('real detail pages', () => {
  for (const entry of sampleManifest.filter((e) => e.kind === 'detail')) {
    it(entry.file, () => {
      const html = load(entry);
      const page = extractDetail(html, entry.originalUrl ?? `https://samples.invalid/${entry.file}`);
      for (const field of DETAIL_FIELDS) {
        expect(norm(page[field]), field).toBe(norm(entry.expected[field]));
      }
      expect(page.notFound, 'notFound').toBe(entry.expected.title === null && entry.expected.hasBody === false);
      if (page.hasBody) expect(page.bodyChars).toBeGreaterThan(0);
    });
  }
});

describe('real list pages', () => {
  for (const entry of sampleManifest.filter((e) => e.kind === 'list')) {
    it(entry.file, () => {
      const html = load(entry);
      const x = entry.expected;
      const page = extractList(html, entry.originalUrl!, { referenceDate: entry.retrievedAt!.slice(0, 10) });
      expect(page.items.length, 'itemCount').toBe(x.itemCount);
      expectItem(page.items[0], x.firstItem!, 'firstItem');
      expectItem(page.items.at(-1), x.lastItem!, 'lastItem');
      expect(page.totalPages, 'totalPages').toBe(x.totalPages);
      expect(page.nextPageUrl, 'nextPageUrl').toBe(x.nextPageUrl);
      expect(page.placeholder, 'placeholder').toBeNull();
      expect(new Set(page.items.map((i) => i.url)).size, 'items are distinct').toBe(page.items.length);
    });
  }
});
