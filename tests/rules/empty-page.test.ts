import { describe, expect, it } from 'vitest';
import { emptyPage } from '../../functions/rules/empty-page.ts';
import { column, context, http, page, snapshot } from '../support/builders.ts';

const run = (...pages: ReturnType<typeof page>[]) => {
  const s = snapshot({
    columns: [column({ id: 'tzgg', name: '通知公告', kind: 'notice', department: '办公室' })],
    pages,
  });
  return emptyPage(s, context(s));
};
const URL = 'http://gtj.example.gov.cn/tzgg/1.html';

describe('empty-page', () => {
  it('flags a titled page with 12 characters of body and no attachment', () => {
    const [f] = run(page(URL, 'tzgg', { title: '关于土地出让的公告', bodyChars: 12 }));
    expect(f).toMatchObject({
      rule: 'empty-page',
      severity: 'major',
      url: URL,
      subject: URL,
      title: '关于土地出让的公告',
      columnId: 'tzgg',
      department: '办公室',
      evidence: { bodyChars: 12, attachments: 0, minChars: 30 },
    });
    expect(f!.action).toContain('办公室信息员');
  });

  it('flags a page that has no body at all (only the metadata table)', () => {
    expect(run(page(URL, 'tzgg', { hasBody: false, bodyChars: 0 }))).toHaveLength(1);
  });

  it('flags a page with 29 characters but not one with 30', () => {
    expect(run(page(URL, 'tzgg', { bodyChars: 29 }))).toHaveLength(1);
    expect(run(page(URL, 'tzgg', { bodyChars: 30 }))).toEqual([]);
  });

  it('does not flag a short page that carries an attachment', () => {
    expect(run(page(URL, 'tzgg', { bodyChars: 5, attachments: 1 }))).toEqual([]);
  });

  it('does not flag a 404 page or a page that failed to load (a broken link, not an empty page)', () => {
    expect(run(page(URL, 'tzgg', { bodyChars: 0, hasBody: false, notFound: true, fetch: http(404) }))).toEqual([]);
    expect(run(page(URL, 'tzgg', { bodyChars: 0, hasBody: false, fetch: { ok: false, error: 'ECONNRESET' } }))).toEqual(
      [],
    );
  });

  it('does not flag a page without a title', () => {
    expect(run(page(URL, 'tzgg', { title: null, bodyChars: 0 }))).toEqual([]);
  });

  it('uses the portal threshold emptyPageMinChars', () => {
    const s = snapshot({
      columns: [column({ id: 'tzgg' })],
      pages: [page(URL, 'tzgg', { bodyChars: 40 })],
      portal: { thresholds: { emptyPageMinChars: 50 } },
    });
    expect(emptyPage(s, context(s))).toHaveLength(1);
  });
});
