import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { GTJ } from './gtj.ts';
import type { DemoItem, DemoPortal, Encoding } from './model.ts';
import { BDC, KCZ, TDCB } from './siblings.ts';
import { attachmentFile, detailHtml, homepageHtml, listPagesHtml, navPageHtml } from './templates.ts';

// Every file of the demo sites, rendered once into bytes with their headers.

export const DEMO_PORTALS: readonly DemoPortal[] = [GTJ, BDC, TDCB, KCZ];

export interface DemoFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** The day the file was last written (YYYY-MM-DD): its Last-Modified. */
  modified: string;
  /** Anything but 200: the page is a fault of the site, answered the same every time. */
  status?: number;
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

const file = (x: { body: Buffer; contentType: string }, modified = SITE_LAUNCHED): DemoFile => ({
  ...x,
  etag: `"${createHash('sha1').update(x.body).digest('hex').slice(0, 20)}"`,
  modified,
});

/** When the current site design went live: the date of files no item changes (css, robots.txt). */
const SITE_LAUNCHED = '2016-03-01';

/**
 * The day a page was written: its dates, or the day it really went up when that is later. A
 * back-dated page shows an old 发布日期, but the server's file time tells the truth.
 */
const written = (i: DemoItem) =>
  [i.listDate, i.published, i.appearsOn].reduce<string | null>((a, d) => (d && (!a || d > a) ? d : a), null);

/** TRS rewrites a column's list pages (and the homepage) whenever an item is published. */
const newest = (items: readonly DemoItem[]) =>
  items.reduce((m, i) => {
    const w = written(i);
    return w && w > m ? w : m;
  }, SITE_LAUNCHED);

/** A tiny but real PDF, so attachment links resolve to something a reader can open. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** What the front proxy (nginx) answers for an application that is gone. */
const BAD_GATEWAY =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The sites as they stand on `asOf`: items that appear later are not there yet. */
export function renderSite(asOf = '2099-12-31'): Map<string, DemoFile> {
  const files = new Map<string, DemoFile>();
  files.set(
    '/robots.txt',
    file({ body: Buffer.from('User-agent: *\nDisallow: /admin/\n'), contentType: 'text/plain' }),
  );
  // An intranet system linked from a page: 403 to the public, which proves nothing about the link.
  files.set('/mhk-gtj/oa/index.html', {
    ...file({ body: Buffer.from('<html><body>403 Forbidden</body></html>'), contentType: 'text/html' }),
    status: 403,
  });
  for (const original of DEMO_PORTALS) {
    const portal = {
      ...original,
      columns: original.columns.map((c) => ({
        ...c,
        items: c.items.filter((i) => !i.appearsOn || i.appearsOn <= asOf),
      })),
    };
    const base = `/${portal.id}`;
    files.set(
      `${base}/index.html`,
      portal.homepageDown
        ? { ...file({ body: Buffer.from(BAD_GATEWAY), contentType: 'text/html' }), status: portal.homepageDown }
        : file(encode(homepageHtml(portal), portal.encoding), newest(portal.columns.flatMap((c) => c.items))),
    );
    files.set(
      `${base}/css/style.css`,
      file({ body: Buffer.from('body{font-family:"Microsoft YaHei",sans-serif}'), contentType: 'text/css' }),
    );
    portal.extraNav.forEach((text, i) =>
      files.set(`${base}/nav/${i}.html`, file(encode(navPageHtml(portal, text), portal.encoding))),
    );
    for (const column of portal.columns) {
      if (column.gone) continue;
      if (column.failing) {
        files.set(`${base}/${column.id}/index.html`, {
          ...file({
            body: Buffer.from('<html><body><h1>Service Unavailable</h1></body></html>'),
            contentType: 'text/html',
          }),
          status: column.failing,
        });
        continue;
      }
      if (column.files) {
        for (const f of column.files)
          files.set(`${base}/${column.id}/${f.path}`, file(encode(f.html, column.encoding), f.modified));
        continue;
      }
      const listed = newest(column.items);
      listPagesHtml(portal, column).forEach((html, k) =>
        files.set(`${base}/${column.id}/index${k ? `_${k}` : ''}.html`, file(encode(html, column.encoding), listed)),
      );
      for (const item of column.items) {
        const dir = `${base}/${column.id}/${item.slug.slice(1, 7)}`;
        const day = written(item) ?? listed;
        files.set(`${dir}/${item.slug}.html`, file(encode(detailHtml(portal, column, item), column.encoding), day));
        if (item.attachment)
          files.set(`${dir}/${attachmentFile(item)}`, file({ body: PDF, contentType: 'application/pdf' }, day));
        for (const s of item.served ?? []) {
          const path = decodeURIComponent(new URL(s.href, `http://demo${dir}/${item.slug}.html`).pathname);
          const page = `<html><body><h1>${portal.name}下载中心</h1></body></html>`;
          const answer = s.document
            ? { body: PDF, contentType: 'application/octet-stream' }
            : { body: Buffer.from(page), contentType: 'text/html; charset=utf-8' };
          files.set(path, file(answer, day));
        }
      }
    }
  }
  return files;
}
