import type { DemoColumn, DemoItem, DemoPortal } from './model.ts';
import { PAGE_SIZE, itemPath } from './model.ts';

// The demo's HTML, in the markups real county sites use: TRS list pages with createPageHTML
// pagers, 公开目录 metadata tables, news pages with a 发布时间/来源 line.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const charsetMeta = (portalOrColumn: { encoding: string }) =>
  portalOrColumn.encoding === 'utf-8'
    ? '<meta charset="utf-8">'
    : portalOrColumn.encoding === 'gbk-meta'
      ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
      : '<meta http-equiv="Content-Type" content="text/html; charset=gbk">';

const cnDate = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;

function layout(portal: DemoPortal, enc: { encoding: string }, title: string, crumbs: string, main: string): string {
  const nav = [
    `<a href="/${portal.id}/index.html">首页</a>`,
    ...portal.columns
      .filter((c) => !c.hiddenFromNav)
      .map((c) => `<a href="/${portal.id}/${c.id}/index.html">${esc(c.name)}</a>`),
    ...portal.extraNav.map((text, i) => `<a href="/${portal.id}/nav/${i}.html">${esc(text)}</a>`),
  ].join('\n      ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  ${charsetMeta(enc)}
  <title>${esc(title)}</title>
  <link rel="stylesheet" href="/${portal.id}/css/style.css">
</head>
<body>
  <div class="header"><div class="logo">${esc(portal.name)}</div></div>
  <div class="nav">
      ${nav}
  </div>
  <div class="location">当前位置：<a href="/${portal.id}/index.html">首页</a> &gt; ${crumbs}</div>
  <div class="main">
${main}
  </div>
  <div class="footer">
    <p>主办单位：${esc(portal.name)}\u3000地址：吉林省梅河口市和平街88号\u3000电话：0435-4223456</p>
    <p>吉ICP备05001234号\u3000网站标识码：2205810001</p>
  </div>
</body>
</html>
`;
}

export function homepageHtml(portal: DemoPortal): string {
  let main = '';
  if (portal.homepage === 'boxes') {
    const boxes = portal.columns.filter((c) => c.kind === 'news' || (c.kind === 'notice' && c.id === 'tzgg'));
    main = boxes
      .map((c) => {
        const lis = c.items
          .filter((i) => !i.notOnHomepage)
          .slice(0, 7)
          .map(
            (i) =>
              `<li><a href="${c.id}/${i.slug.slice(1, 7)}/${i.slug}.html">${esc(i.title)}</a>${i.listDate ? `<span>${i.listDate}</span>` : ''}</li>`,
          );
        return `    <div class="box"><div class="box-title"><h3>${esc(c.name)}</h3><a class="more" href="${c.id}/index.html">更多</a></div><ul>${lis.join('')}</ul></div>`;
      })
      .join('\n');
  } else {
    main = `    <div class="portal-entry"><p>欢迎访问${esc(portal.name)}网站，请通过上方导航访问各栏目。</p></div>`;
  }
  return layout(portal, portal, portal.name, '网站首页', main);
}

function row(column: DemoColumn, item: DemoItem): string {
  const href = `./${item.slug.slice(1, 7)}/${item.slug}.html`;
  const shown = item.title.length > 28 ? `${item.title.slice(0, 27)}...` : item.title;
  const link = `<a href="${href}" title="${esc(item.title)}" target="_blank">${esc(shown)}</a>`;
  const d = item.listDate;
  switch (column.markup) {
    case 'table':
      return `<tr><td class="t">${link}</td><td class="d">${d ?? ''}</td></tr>`;
    case 'month-day':
      return `<li>${link}${d ? `<span class="date">[${d.slice(5)}]</span>` : ''}</li>`;
    case 'chinese-date':
      return `<li>${link}${d ? `<span class="date">${cnDate(d)}</span>` : ''}</li>`;
    default:
      return `<li>${link}${d ? `<span class="date">${d}</span>` : ''}</li>`;
  }
}

/** The column's list pages: index.html, index_1.html … (TRS paging, 20 a page). */
export function listPagesHtml(portal: DemoPortal, column: DemoColumn): string[] {
  const pages = Math.max(1, Math.ceil(column.items.length / PAGE_SIZE));
  const out: string[] = [];
  for (let k = 0; k < pages; k++) {
    const items = column.items.slice(k * PAGE_SIZE, (k + 1) * PAGE_SIZE);
    let list: string;
    if (column.placeholder) list = '<div class="no-content">暂无信息</div>';
    else if (column.markup === 'table')
      list = `<table class="list"><tr><th>标题</th><th>发布日期</th></tr>${items.map((i) => row(column, i)).join('\n')}</table>`;
    else list = `<ul class="list">\n${items.map((i) => row(column, i)).join('\n')}\n</ul>`;
    const pager = `<div class="page"><script type="text/javascript">createPageHTML(${pages}, ${k}, "index", "html");</script></div>`;
    const main = `    <div class="column-title"><h2>${esc(column.name)}</h2></div>\n    ${list}\n    ${pager}`;
    out.push(layout(portal, column, `${column.name}_${portal.name}`, esc(column.name), main));
  }
  return out;
}

/**
 * 索引号: the organisation code, the year and a serial. Taken from the item itself (never from
 * render order), so a page keeps its number when items are added before it, as in a real catalog.
 */
const indexNo = (item: DemoItem) => {
  const year = (item.generated ?? item.published ?? item.listDate ?? item.slug.slice(1, 5)).slice(0, 4);
  return `11220581MB1234567X/${year}-${item.slug.split('_')[1]!.padStart(5, '0')}`;
};

export function detailHtml(portal: DemoPortal, column: DemoColumn, item: DemoItem): string {
  const attachment = item.attachment
    ? `<p class="attachment">附件：<a href="./${attachmentFile(item)}">${esc(item.attachment)}</a></p>`
    : '';
  const meta = item.meta
    ? `<table class="xxgk-meta">
      <tr><td>索引号：</td><td>${indexNo(item)}</td><td>主题分类：</td><td>国土资源</td></tr>
      <tr><td>发布机构：</td><td>${esc(item.publisher ?? portal.name)}</td><td>成文日期：</td><td>${item.generated ? cnDate(item.generated) : ''}</td></tr>
      <tr><td>文号：</td><td>${esc(item.docNo ?? '')}</td><td>发布日期：</td><td>${item.published ?? ''}</td></tr>
    </table>`
    : `<div class="info">${item.published ? `发布时间：${item.published}\u3000` : ''}来源：${esc(item.publisher ?? portal.name)}</div>`;
  const body =
    (item.bodyHtml ?? (item.body ? `<p>${esc(item.body)}</p>` : '')) +
    [...(item.links ?? []), ...(item.served ?? [])]
      .map((l) => `<p><a href="${esc(l.href)}">${esc(l.text)}</a></p>`)
      .join('') +
    (item.html ?? '');
  const main = `    <h1 class="title">${esc(item.title)}</h1>
    ${meta}
    <div class="TRS_Editor">${body}${attachment}</div>`;
  return layout(
    portal,
    column,
    `${item.title}_${portal.name}`,
    `<a href="/${portal.id}/${column.id}/index.html">${esc(column.name)}</a>`,
    main,
  );
}

export function attachmentFile(item: DemoItem): string {
  return `P0${item.slug.slice(1, 9)}${item.slug.slice(10)}.pdf`;
}

export function navPageHtml(portal: DemoPortal, text: string): string {
  return layout(
    portal,
    portal,
    `${text}_${portal.name}`,
    esc(text),
    `    <h2>${esc(text)}</h2>\n    <p>${esc(text)}相关信息请通过本网站公开目录查阅，或拨打0435-4223456咨询。</p>`,
  );
}

export { itemPath };

/**
 * The site's 404 page, served with status 404 (a soft 404 with status 200 is a different fault,
 * and not this site's). UTF-8 even on the GBK portal: the web server writes it, not the TRS.
 */
export function notFoundHtml(portal: Pick<DemoPortal, 'id' | 'name'> | undefined, path: string): Buffer {
  const home = portal ? `/${portal.id}/index.html` : '/mhk-gtj/index.html';
  const name = portal?.name ?? '梅河口市国土资源局';
  return Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>404 页面不存在_${esc(name)}</title>
</head>
<body>
  <div class="header"><div class="logo">${esc(name)}</div></div>
  <div class="error-404">
    <h1>404 您访问的页面不存在</h1>
    <p>抱歉，您访问的页面 <code>${esc(path)}</code> 不存在、已被删除或已迁移。</p>
    <p><a href="${home}">返回网站首页</a></p>
  </div>
  <div class="footer"><p>主办单位：${esc(name)}</p></div>
</body>
</html>
`);
}
