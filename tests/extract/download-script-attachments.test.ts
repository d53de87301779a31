import { describe, expect, it } from 'vitest';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { isAttachmentLink, isAttachmentUrl } from '../../functions/extract/text.ts';
import { emptyPage } from '../../functions/rules/empty-page.ts';
import { column, context, page, snapshot } from '../support/builders.ts';

// Hanweb/大汉, JCMS and many .NET county sites serve attachments through a download script: the
// file's name is only in the query string or in the anchor text. A "详见附件" page whose one
// attachment is such a link is not empty.

const PAGE = 'http://www.example.gov.cn/art/2025/3/4/art_1229_5512.html';

const hanweb = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">
  <title>关于2025年第一批次农村宅基地审批情况的公示</title></head><body>
  <div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/col/col1229/index.html">信息公开</a></li></ul></div>
  <table class="xxgk_table"><tr><td>索引号：</td><td>001008003012/2025-00031</td><td>发布机构：</td><td>示例县自然资源局</td></tr>
  <tr><td>文号：</td><td></td><td>发布日期：</td><td>2025-03-04</td></tr></table>
  <h1>关于2025年第一批次农村宅基地审批情况的公示</h1>
  <div id="zoom">${body}</div></body></html>`;

function emptyPageFindings(html: string) {
  const d = extractDetail(html, PAGE);
  const s = snapshot({
    columns: [column({ id: 'gsgg', name: '公示公告', kind: 'notice', department: '办公室' })],
    pages: [
      page(PAGE, 'gsgg', {
        title: d.title,
        hasBody: d.hasBody,
        bodyChars: d.bodyChars,
        attachments: d.attachments.length,
      }),
    ],
  });
  return { detail: d, findings: emptyPage(s, context(s)) };
}

describe('attachments served through a download script', () => {
  it.each([
    ['/module/download/downfile.jsp?classid=0&filename=2503041510289876543.doc', '宅基地审批情况表'],
    ['/module/download/downfile.jsp?classid=0&fileName=%E5%AE%A1%E6%89%B9%E8%A1%A8.xlsx', '审批表'],
    ['/uploadfiles/down.aspx?file=P020250304.pdf&id=7', '点此查看'],
    ['/download.aspx?id=10086', '宅基地审批情况表.pdf'],
    ['/download.aspx?id=10086', '宅基地审批情况表.pdf（35KB）'],
    ['/attach/download?fileId=8a8ab0b98f3c', '附件1'],
    ['/common/fileDownload.do?uuid=77', '下载附件'],
  ])('recognises %s with anchor text %s', (href, text) => {
    const { detail, findings } = emptyPageFindings(hanweb(`<p>详见附件。</p><p><a href="${href}">${text}</a></p>`));
    expect(detail.attachments.map((a) => a.url)).toEqual([new URL(href, PAGE).toString()]);
    expect(detail.hasBody).toBe(false);
    expect(findings).toEqual([]);
  });

  it('reads the file name of the query string as an attachment URL, whatever the anchor says', () => {
    expect(isAttachmentUrl('http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=a.doc')).toBe(true);
    expect(isAttachmentUrl('http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=a.html')).toBe(false);
    expect(isAttachmentUrl('http://x.gov.cn/art/2025/3/4/art_1229_5512.html?name=zhang')).toBe(false);
  });

  it('near-miss: a 下载中心 link to a download script is navigation, and the page stays empty', () => {
    const { detail, findings } = emptyPageFindings(
      hanweb(`<p>详见附件。</p><p><a href="/module/download/download.jsp?columnid=31">下载中心</a></p>`),
    );
    expect(detail.attachments).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(['empty-page']);
  });

  it('near-miss: anchor text that names a file does not make an ordinary page link an attachment', () => {
    expect(isAttachmentLink('http://x.gov.cn/art/2025/3/4/art_1229_5512.html?id=3', '审批表.pdf')).toBe(false);
    expect(isAttachmentLink('http://x.gov.cn/module/download/download.jsp', '附件1')).toBe(false); // no file asked for
    expect(isAttachmentLink('http://x.gov.cn/module/download/download.jsp?c=1', '资料下载')).toBe(false);
  });
});
