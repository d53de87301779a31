import iconv from 'iconv-lite';
import type { Page } from './test-server.ts';
import { parseConfig } from '../../functions/config/load-config.ts';

// Small, hand-readable portal pages in the markups real county sites use (TRS list, 公开目录
// metadata table), for integration tests that need to know exactly what is on the site.

export interface MiniItem {
  path: string;
  title: string;
  date: string | null;
  generated?: string;
  body?: string;
}

export function listPage(
  title: string,
  items: MiniItem[],
  opts: { placeholder?: boolean; pages?: [number, number] } = {},
): string {
  const lis = items
    .map(
      (i) =>
        `<li><a href="${i.path}" title="${i.title}">${i.title}</a>${i.date ? `<span class="date">${i.date}</span>` : ''}</li>`,
    )
    .join('\n');
  const pager = opts.pages
    ? `<script>createPageHTML(${opts.pages[0]}, ${opts.pages[1]}, "index", "html");</script>`
    : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/index.html">首页</a><a href="/gzdt/index.html">工作动态</a><a href="/tdsc/index.html">土地市场</a></div>
<div class="main"><h2>${title}</h2>
${opts.placeholder ? '<div class="no-content">暂无信息</div>' : `<ul class="list">${lis}</ul>`}
${pager}</div><div class="footer">主办单位：梅河口市国土资源局</div></body></html>`;
}

export function detailPage(item: MiniItem): string {
  const body =
    item.body ??
    `${item.title}。为进一步规范土地市场秩序，根据《中华人民共和国土地管理法》等法律法规，经研究决定，现将有关事项公告如下。请各有关单位认真贯彻执行。`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${item.title}_梅河口市国土资源局</title></head><body>
<div class="nav"><a href="/index.html">首页</a></div>
<h1 class="title">${item.title}</h1>
<table class="xxgk-meta"><tr><td>索引号：</td><td>11220581MB0000000X/2017-00001</td><td>主题分类：</td><td>国土资源</td></tr>
<tr><td>发布机构：</td><td>梅河口市国土资源局</td><td>成文日期：</td><td>${item.generated ?? ''}</td></tr>
<tr><td>文号：</td><td></td><td>发布日期：</td><td>${item.date ?? ''}</td></tr></table>
<div class="TRS_Editor"><p>${body}</p></div></body></html>`;
}

export function homepage(items: MiniItem[]): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>梅河口市国土资源局</title></head><body>
<div class="nav"><a href="/gzdt/index.html">工作动态</a><a href="/tdsc/index.html">土地市场</a><a href="/zhtj/index.html">综合统计</a><a href="/gkzn/index.html">政府信息公开指南</a></div>
<div class="box"><h3>工作动态</h3><ul>${items.map((i) => `<li><a href="${i.path}">${i.title}</a><span>${i.date}</span></li>`).join('')}</ul></div>
</body></html>`;
}

export const html = (body: string): Page => ({ body });
export const gbk = (body: string): Page => ({
  body: iconv.encode(body.replace('charset="utf-8"', 'charset="gbk"'), 'gbk'),
  contentType: 'text/html; charset=GBK',
});

/** A column as a site serves it: its list page at `listPath` and each item's detail page, all in one encoding. */
export function columnRoutes(
  listPath: string,
  title: string,
  items: MiniItem[],
  encode: (body: string) => Page = html,
): Record<string, Page> {
  return {
    [listPath]: encode(listPage(title, items)),
    ...Object.fromEntries(items.map((i) => [i.path, encode(detailPage(i))])),
  };
}

/** The one-column portal `mini` on `origin` (土地市场 at /tdsc/index.html), crawled at once, robots.txt off. */
export const miniConfig = (origin: string) =>
  parseConfig({
    portals: [
      {
        id: 'mini',
        name: '测试',
        homepage: `${origin}/index.html`,
        columns: [{ id: 'tdsc', name: '土地市场', url: `${origin}/tdsc/index.html`, kind: 'notice' }],
        crawl: { robots: false, minIntervalMs: 0 },
      },
    ],
  });
