import { createHash } from 'node:crypto';
import { seeded } from '../../demo/portal/random.ts';

// A TRS-style (拓尔思) county portal of any size, for the benchmark: a homepage with a navigation
// link to every column and a news block, list pages index.html, index_1.html … with both the
// createPageHTML pager script and plain pager links, and detail pages ./YYYYMM/tYYYYMMDD_N.html
// with a 信息公开 metadata table. Dates are recent relative to asOf, so the portal is mostly
// compliant: every finding is a store write, and the benchmark measures the scan, not the findings.

export interface BenchSiteOptions {
  pages: number;
  columns: number;
  /** "Today" of the site: items are dated in the ~90 days before it. */
  asOf: string;
  seed?: number;
  /** Where the few off-site links point: an unreachable port and another local server. */
  offsite: { unreachable: string; elsewhere: string };
}

export interface BenchFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** The day the file was last written (Last-Modified). */
  modified: string;
}

export interface BenchColumn {
  id: string;
  name: string;
  kind: 'notice' | 'news' | 'personnel' | 'planning';
}

export const ITEMS_PER_LIST_PAGE = 20;
export const PORTAL_NAME = '青河县人民政府';

const COLUMN_NAMES = [
  ['通知公告', 'notice'],
  ['工作动态', 'news'],
  ['人事信息', 'personnel'],
  ['规划计划', 'planning'],
  ['财政信息', 'notice'],
  ['招标采购', 'notice'],
  ['部门动态', 'news'],
  ['乡镇动态', 'news'],
  ['重点项目', 'planning'],
  ['应急管理', 'notice'],
] as const;

const SENTENCES = [
  '为进一步做好政府信息公开工作，切实保障人民群众的知情权、参与权和监督权，现将有关事项通知如下。',
  '各乡镇人民政府、县政府各部门要高度重视，明确责任分工，认真抓好贯彻落实。',
  '本次工作自发布之日起施行，各单位应结合实际制定具体实施方案，并按时报送工作进展情况。',
  '县政府办公室将定期对落实情况进行督查，对工作推进不力的单位予以通报。',
  '会议强调，要坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，推动各项工作取得新成效。',
  '今年以来，全县上下围绕中心、服务大局，经济社会保持平稳健康发展，民生保障水平持续提升。',
  '各相关单位要加强协调配合，形成工作合力，确保各项任务按期保质完成。',
  '如有疑问，请在工作日内与县政府办公室联系，联系电话：0431-81234567。',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cnDate = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function benchColumns(count: number): BenchColumn[] {
  return Array.from({ length: count }, (_, i) => {
    const [name, kind] = COLUMN_NAMES[i % COLUMN_NAMES.length]!;
    const round = Math.floor(i / COLUMN_NAMES.length);
    return { id: `col${String(i + 1).padStart(2, '0')}`, name: round ? `${name}（${round + 1}）` : name, kind };
  });
}

interface Item {
  id: number;
  column: BenchColumn;
  title: string;
  published: string;
  written: string;
  path: string;
  attachment?: string;
  image?: string;
  offsite?: string;
}

function file(body: string | Buffer, contentType: string, modified: string): BenchFile {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return {
    body: bytes,
    contentType,
    modified,
    etag: `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`,
  };
}

function layout(columns: BenchColumn[], title: string, crumbs: string, main: string): string {
  const nav = [
    `<a href="/index.html">首页</a>`,
    ...columns.map((c) => `<a href="/${c.id}/index.html">${esc(c.name)}</a>`),
  ];
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>${esc(title)}</title>
  <link rel="stylesheet" href="/css/style.css">
</head>
<body>
  <div class="header"><img src="/images/logo.png" alt="${PORTAL_NAME}"></div>
  <div class="nav">
    ${nav.join('\n    ')}
  </div>
  <div class="location">当前位置：<a href="/index.html">首页</a> &gt; ${crumbs}</div>
  <div class="main">
${main}
  </div>
  <div class="footer"><p>主办单位：${PORTAL_NAME}办公室\u3000网站标识码：2201220001</p></div>
</body>
</html>
`;
}

/** The pager a TRS list page carries: the script for browsers, plain links for everyone else. */
function pager(pages: number, k: number): string {
  const name = (i: number) => (i === 0 ? 'index.html' : `index_${i}.html`);
  const links = [`<a href="${name(0)}">首页</a>`];
  if (k > 0) links.push(`<a href="${name(k - 1)}">上一页</a>`);
  if (k < pages - 1) links.push(`<a href="${name(k + 1)}">下一页</a>`);
  links.push(`<a href="${name(pages - 1)}">尾页</a>`);
  return `<div class="page"><script type="text/javascript">createPageHTML(${pages}, ${k}, "index", "html");</script>
    <noscript>${links.join(' ')}</noscript><span class="pager-links">${links.join(' ')}</span></div>`;
}

function detailHtml(columns: BenchColumn[], item: Item, body: string): string {
  const extras = [
    item.image ? `<p style="text-align:center"><img src="./${item.image}" alt="现场图片"></p>` : '',
    item.offsite ? `<p>相关链接：<a href="${esc(item.offsite)}">上级部门网站</a></p>` : '',
    item.attachment
      ? `<p class="attachment">附件：<a href="./${item.attachment}">${esc(item.title)}${item.attachment.slice(-4)}</a></p>`
      : '',
  ].join('');
  const main = `    <h1 class="title">${esc(item.title)}</h1>
    <table class="xxgk-meta">
      <tr><td>索引号：</td><td>11220122MB0000000X/${item.published.slice(0, 4)}-${String(item.id).padStart(5, '0')}</td><td>主题分类：</td><td>综合政务</td></tr>
      <tr><td>发布机构：</td><td>${PORTAL_NAME}办公室</td><td>成文日期：</td><td>${cnDate(item.written)}</td></tr>
      <tr><td>文号：</td><td>青政办发〔${item.published.slice(0, 4)}〕${item.id}号</td><td>发布日期：</td><td>${item.published}</td></tr>
    </table>
    <div class="TRS_Editor">${body}${extras}</div>`;
  const crumbs = `<a href="/${item.column.id}/index.html">${esc(item.column.name)}</a>`;
  return layout(columns, `${item.title}_${PORTAL_NAME}`, crumbs, main);
}

/** A small document of the attachment's type: its bytes do not matter, its answer (200) does. */
const attachmentFile = (name: string, title: string, day: string) =>
  name.endsWith('.pdf')
    ? file(`%PDF-1.4\n% ${title}\n%%EOF\n`, 'application/pdf', day)
    : file(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.from(title)]), 'application/msword', day);

/** Every file of the site by path, and the portal's columns. Same options, same bytes. */
export function generateBenchSite(opts: BenchSiteOptions): { files: Map<string, BenchFile>; columns: BenchColumn[] } {
  const rnd = seeded(opts.seed ?? 17);
  const columns = benchColumns(opts.columns);
  const files = new Map<string, BenchFile>();
  const items: Item[][] = columns.map(() => []);
  for (let n = 0; n < opts.pages; n++) {
    const c = n % columns.length;
    const column = columns[c]!;
    const rank = items[c]!.length;
    // Newest first; a column's newest item is at most 3 days old and the oldest about 90.
    const published = addDays(opts.asOf, -Math.min(90, Math.floor(rank * 0.9) + rnd.int(0, 3)));
    const id = 1000 + n;
    const ym = published.slice(0, 7).replace('-', '');
    const item: Item = {
      id,
      column,
      title: `${column.name.replace(/（.*$/, '')}：关于做好第${id}号${rnd.pick(['工作', '事项', '项目', '安排'])}的通知`,
      published,
      written: addDays(published, -rnd.int(0, 5)),
      path: `/${column.id}/${ym}/t${published.replace(/-/g, '')}_${id}.html`,
    };
    const draw = rnd.next();
    if (draw < 0.1) item.attachment = `P0${published.replace(/-/g, '')}${id}${draw < 0.07 ? '.pdf' : '.doc'}`;
    if (n % 500 === 7) item.image = `W0${published.replace(/-/g, '')}${id}.jpg`;
    if (n % 1000 === 11) item.offsite = opts.offsite.unreachable;
    else if (n % 1000 === 13 || n % 1000 === 17) item.offsite = opts.offsite.elsewhere;
    items[c]!.push(item);
  }
  for (const list of items) list.sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0));

  for (const [c, column] of columns.entries()) {
    const list = items[c]!;
    const pages = Math.max(1, Math.ceil(list.length / ITEMS_PER_LIST_PAGE));
    for (let k = 0; k < pages; k++) {
      const slice = list.slice(k * ITEMS_PER_LIST_PAGE, (k + 1) * ITEMS_PER_LIST_PAGE);
      const rows = slice.map(
        (i) =>
          `<li><a href="./${i.path.split('/').slice(2).join('/')}" title="${esc(i.title)}" target="_blank">${esc(i.title)}</a><span class="date">${i.published}</span></li>`,
      );
      const main = `    <div class="column-title"><h2>${esc(column.name)}</h2></div>
    <ul class="list">
${rows.join('\n')}
    </ul>
    ${pager(pages, k)}`;
      const html = layout(columns, `${column.name}_${PORTAL_NAME}`, esc(column.name), main);
      files.set(
        `/${column.id}/${k === 0 ? 'index.html' : `index_${k}.html`}`,
        file(html, 'text/html; charset=utf-8', slice[0]?.published ?? opts.asOf),
      );
    }
    for (const item of list) {
      const sentences = Array.from({ length: rnd.int(6, 12) }, () => rnd.pick(SENTENCES));
      const body = `<p>${esc(item.title)}</p>${sentences.map((s) => `<p>${s}</p>`).join('')}`;
      files.set(item.path, file(detailHtml(columns, item, body), 'text/html; charset=utf-8', item.published));
      const dir = item.path.slice(0, item.path.lastIndexOf('/') + 1);
      if (item.attachment)
        files.set(dir + item.attachment, attachmentFile(item.attachment, item.title, item.published));
      if (item.image) files.set(dir + item.image, file(Buffer.alloc(2048, 0xff), 'image/jpeg', item.published));
    }
  }

  const news = items
    .flat()
    .sort((a, b) => (a.published < b.published ? 1 : -1))
    .slice(0, 10)
    .map((i) => `<li><a href="${i.path}">${esc(i.title)}</a><span>${i.published}</span></li>`);
  const home = `    <div class="box"><div class="box-title"><h3>政务要闻</h3></div><ul>${news.join('')}</ul></div>`;
  files.set('/index.html', file(layout(columns, PORTAL_NAME, '网站首页', home), 'text/html; charset=utf-8', opts.asOf));
  files.set('/css/style.css', file('body{font-family:sans-serif}\n', 'text/css', opts.asOf));
  files.set('/images/logo.png', file(Buffer.alloc(1024, 0x89), 'image/png', opts.asOf));
  files.set('/robots.txt', file('User-agent: *\nAllow: /\n', 'text/plain', opts.asOf));
  return { files, columns };
}
