import { describe, expect, it } from 'vitest';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { obsoleteName } from '../../functions/rules/obsolete-name.ts';
import { pageRecordOf } from '../../functions/scan/page-record.ts';
import { column, context, page, portalConfig, snapshot } from '../support/builders.ts';

// An old institution name printed only in the metadata table (发文机关 / 发布机构 / 发布单位 /
// 发文单位 / 来源) is as out of date as one in the body: the table is not body text, so the rule
// reads the issuers the extractor found there.

const URL = 'http://www.example.gov.cn/art/2019/6/3/art_1229_601.html';
const RENAME = { old: '示例县国土资源局', new: '示例县自然资源局', since: '2019-03-01' };
const BODY =
  '为切实做好今年汛期地质灾害防治工作，确保人民群众生命财产安全，现就有关事项通知如下，请各乡镇认真贯彻落实。';

const hanwebPage = (rows: string, published: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">
  <title>关于做好2019年汛期地质灾害防治工作的通知</title></head><body>
  <table class="xxgk_table">
    <tr><td>索引号：</td><td>001008003012/2019-00031</td><td>发布日期：</td><td>${published}</td></tr>
    ${rows}
  </table>
  <h1>关于做好2019年汛期地质灾害防治工作的通知</h1>
  <div id="zoom"><p>${BODY}</p></div></body></html>`;

function findings(rows: string, published = '2019-06-03') {
  const portal = portalConfig([], { obsoleteNames: [RENAME] });
  const record = pageRecordOf(
    extractDetail(hanwebPage(rows, published), URL),
    { url: URL, columnId: 'tzgg', fetch: { ok: true, status: 200 }, firstSeen: published, fetchedAt: '' },
    portal,
  );
  const s = snapshot({
    columns: [column({ id: 'tzgg', name: '通知公告', department: '办公室' })],
    pages: [record],
    portal: { obsoleteNames: [RENAME] },
  });
  return obsoleteName(s, context(s, { asOf: '2019-07-01' }));
}

describe('obsolete-name in the metadata table', () => {
  it.each([
    ['发文机关', `<tr><td>发文机关：</td><td>示例县国土资源局</td></tr>`],
    ['发布机构', `<tr><td>发布机构：</td><td>示例县国土资源局</td></tr>`],
    ['发布单位', `<tr><td>发布单位：</td><td>示例县国土资源局</td></tr>`],
    ['发文单位', `<tr><td>发文单位：</td><td>示例县国土资源局</td></tr>`],
    // 来源 ranks last: the page's publisher is the new name, the old one hides behind it.
    ['来源', `<tr><td>发布机构：</td><td>示例县自然资源局</td><td>来源：</td><td>示例县国土资源局</td></tr>`],
  ])('flags the old name under %s on a page published after the renaming', (_label, rows) => {
    const [f, ...rest] = findings(rows);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'obsolete-name',
      url: URL,
      evidence: { old: RENAME.old, new: RENAME.new, places: ['发布机构'], publishedDate: '2019-06-03' },
    });
    expect(f!.message).toContain('发布机构仍使用旧机构名称');
  });

  it('does not flag the new name, which contains no old one', () => {
    expect(findings(`<tr><td>发布机构：</td><td>示例县自然资源局</td></tr>`)).toEqual([]);
  });

  it('near-miss: the old name in the metadata of a page published before the renaming', () => {
    expect(findings(`<tr><td>发文机关：</td><td>示例县国土资源局</td></tr>`, '2019-02-28')).toEqual([]);
  });

  it('reads a record stored before every issuer was kept through its publisher', () => {
    const stored = page(URL, 'tzgg', { title: '关于做好汛期地质灾害防治工作的通知', publishedDate: '2019-06-03' });
    expect(stored.issuers).toBeUndefined();
    const s = snapshot({
      columns: [column({ id: 'tzgg', name: '通知公告', department: '办公室' })],
      pages: [{ ...stored, publisher: '示例县国土资源局' }],
      portal: { obsoleteNames: [RENAME] },
    });
    expect(obsoleteName(s, context(s, { asOf: '2019-07-01' })).map((f) => f.evidence.places)).toEqual([['发布机构']]);
  });
});
