import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { GTJ } from './gtj.ts';
import type { DemoPortal, Encoding } from './model.ts';
import { BDC, KCZ } from './siblings.ts';
import { attachmentFile, detailHtml, homepageHtml, listPagesHtml, navPageHtml } from './templates.ts';

// Every file of the demo sites, rendered once into bytes with their headers.

export const DEMO_PORTALS: readonly DemoPortal[] = [GTJ, BDC, KCZ];

export interface DemoFile {
  body: Buffer;
  contentType: string;
  etag: string;
}

function encode(html: string, encoding: Encoding): { body: Buffer; contentType: string } {
  switch (encoding) {
    case 'utf-8':
      return { body: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8' };
    case 'gbk-header':
      return { body: iconv.encode(html, 'gbk'), contentType: 'text/html; charset=GBK' };
    case 'gbk-meta':
      // No charset in the header: only the page's <meta> says gb2312, as on many old county sites.
      return { body: iconv.encode(html, 'gbk'), contentType: 'text/html' };
  }
}

const file = (x: { body: Buffer; contentType: string }): DemoFile => ({
  ...x,
  etag: `"${createHash('sha1').update(x.body).digest('hex').slice(0, 20)}"`,
});

/** A tiny but real PDF, so attachment links resolve to something a reader can open. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export function renderSite(): Map<string, DemoFile> {
  const files = new Map<string, DemoFile>();
  files.set('/robots.txt', file({ body: Buffer.from('User-agent: *\nDisallow: /admin/\n'), contentType: 'text/plain' }));
  let serial = 1;
  for (const portal of DEMO_PORTALS) {
    const base = `/${portal.id}`;
    files.set(`${base}/index.html`, file(encode(homepageHtml(portal), portal.encoding)));
    files.set(`${base}/css/style.css`, file({ body: Buffer.from('body{font-family:"Microsoft YaHei",sans-serif}'), contentType: 'text/css' }));
    portal.extraNav.forEach((text, i) => files.set(`${base}/nav/${i}.html`, file(encode(navPageHtml(portal, text), portal.encoding))));
    for (const column of portal.columns) {
      if (column.gone) continue;
      listPagesHtml(portal, column).forEach((html, k) => files.set(`${base}/${column.id}/index${k ? `_${k}` : ''}.html`, file(encode(html, column.encoding))));
      for (const item of column.items) {
        const dir = `${base}/${column.id}/${item.slug.slice(1, 7)}`;
        files.set(`${dir}/${item.slug}.html`, file(encode(detailHtml(portal, column, item, serial++), column.encoding)));
        if (item.attachment) files.set(`${dir}/${attachmentFile(item)}`, file({ body: PDF, contentType: 'application/pdf' }));
      }
    }
  }
  return files;
}
