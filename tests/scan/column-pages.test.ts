import { describe, expect, it } from 'vitest';
import { packPages, unpackPages } from '../../functions/scan/column-pages.ts';
import { page } from '../support/record-builders.ts';

// What a column record carries of its pages, and what it gives up when they do not fit in an item.

const pages = Array.from({ length: 40 }, (_, i) =>
  page(`p${i}`, 'tdsc', {
    title: `关于第${i}号项目的公示`,
    links: Array.from({ length: 20 }, (_, j) => ({
      url: `http://www.mhk.gov.cn/files/${i}-${j}.pdf`,
      text: `附件${j}`,
      kind: 'a' as const,
    })),
  }),
);

describe('a column record carrying its pages', () => {
  it('gives back the very pages it was given, links included, when there is room', () => {
    const packed = packPages(pages);
    expect(packed.pagesTrimmed).toBeUndefined();
    expect(unpackPages(packed)).toEqual(pages);
  });

  it('drops the links first when only the pages fit, and says so', () => {
    const full = packPages(pages).pagesZ!.byteLength;
    const packed = packPages(pages, JSON.stringify(pages), full - 1);
    expect(packed.pagesTrimmed).toBe(true);
    const back = unpackPages(packed)!;
    expect(back.map((p) => p.title)).toEqual(pages.map((p) => p.title));
    expect(back.every((p) => p.links === undefined)).toBe(true);
  });

  it('carries none at all when not even the trimmed pages fit: the page records are read instead', () => {
    const packed = packPages(pages, JSON.stringify(pages), 100);
    expect(packed).toEqual({ pagesZ: undefined, pagesTrimmed: undefined });
    expect(unpackPages(packed)).toBeNull();
  });
});
