import { describe, expect, it } from 'vitest';
import { extractList } from '../../functions/extract/list-extractor.ts';

const PAGE = 'http://www.example.gov.cn/xxgk/tzgg/';
const REF = { referenceDate: '2018-01-15' };

/** A portal page: header navigation, a left menu, the content area, a footer. */
const page = (
  content: string,
  extra = '',
) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告_示例县人民政府</title></head>
<body>
  <div class="header"><ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开</a></li><li><a href="/zwdt/">政务动态</a></li>
    <li><a href="/hdjl/">互动交流栏目</a></li><li><a href="/bsfw/">办事服务指南</a></li>
  </ul></div>
  <div class="left"><ul>
    <li><a href="../zcwj/">政策文件栏目</a></li><li><a href="../ghjh/">规划计划栏目</a></li><li><a href="./">通知公告栏目</a></li>
  </ul></div>
  <div class="main">
    <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="../">政府信息公开</a> &gt; <a href="./">通知公告</a></div>
    ${content}
  </div>
  ${extra}
  <div class="footer"><a href="/about/">关于我们网站</a> <a href="/map/">网站地图导航</a> 主办单位：示例县人民政府办公室</div>
</body></html>`;

const ulList = `<ul class="list">
  <li><a href="./201712/t20171205_123.html" title="关于开展2017年度政府信息公开工作年度报告编制工作的通知">关于开展2017年度政府信息公开工作年度报告...</a><span class="date">2017-12-05</span></li>
  <li><a href="./201711/t20171120_122.html" title="示例县土地征收公告">示例县土地征收公告</a><span class="date">2017-11-20</span></li>
  <li><a href="./201710/t20171009_121.html">示例县2017年第三季度财政预算执行情况</a><span class="date">2017-10-09</span></li>
</ul>
<script>createPageHTML(3, 0, "index", "html");</script>`;

describe('extractList: ul/li lists', () => {
  it('reads items with a date <span> and ignores navigation, menus and breadcrumbs', () => {
    const p = extractList(page(ulList), PAGE, REF);
    expect(p.items).toHaveLength(3);
    expect(p.items.map((i) => i.date)).toEqual(['2017-12-05', '2017-11-20', '2017-10-09']);
    expect(p.items.map((i) => i.href)).toEqual([
      './201712/t20171205_123.html',
      './201711/t20171120_122.html',
      './201710/t20171009_121.html',
    ]);
    expect(p.items[0]!.url).toBe('http://www.example.gov.cn/xxgk/tzgg/201712/t20171205_123.html');
    expect(p.placeholder).toBeNull();
  });

  it('takes the full title from the title attribute when the link text is truncated', () => {
    const [first, second] = extractList(page(ulList), PAGE, REF).items;
    expect(first!.title).toBe('关于开展2017年度政府信息公开工作年度报告编制工作的通知');
    expect(first!.displayText).toBe('关于开展2017年度政府信息公开工作年度报告...');
    expect(second!.title).toBe('示例县土地征收公告');
    expect(second!.displayText).toBeUndefined();
  });

  it('keeps a truncated title as shown when there is no fuller title attribute', () => {
    const html =
      page(`<ul class="list"><li><a href="./201712/t20171205_1.html">省委常委会召开会议 传达学习重要讲话精神 研究我省贯彻…</a><span>2017-12-05</span></li>
      <li><a href="./201712/t20171204_2.html">第二条信息的标题文字</a><span>2017-12-04</span></li></ul>`);
    const [first] = extractList(html, PAGE, REF).items;
    expect(first!.title).toBe('省委常委会召开会议 传达学习重要讲话精神 研究我省贯彻…');
    expect(first!.displayText).toBeUndefined();
  });

  it("resolves [12-31] against the page's reference date", () => {
    const html = page(`<ul class="list">
      <li><a href="./201801/t20180110_3.html">一月份的通知公告标题</a><span>[01-10]</span></li>
      <li><a href="./201712/t20171231_2.html">十二月份的通知公告标题</a><span>[12-31]</span></li>
      <li><a href="./201712/t20171205_1.html">十二月初的通知公告标题</a><span>[12-05]</span></li></ul>`);
    expect(extractList(html, PAGE, REF).items.map((i) => i.date)).toEqual(['2018-01-10', '2017-12-31', '2017-12-05']);
  });

  it('reads 2017年12月31日 dates and dates printed as bare text after the link', () => {
    const html = page(`<ul class="list">
      <li><a href="./201712/t20171231_2.html">年终工作总结报告标题</a> 2017年12月31日</li>
      <li><a href="./201712/t20171205_1.html">年度工作计划报告标题</a> 2017年12月5日</li></ul>`);
    expect(extractList(html, PAGE, REF).items.map((i) => i.date)).toEqual(['2017-12-31', '2017-12-05']);
  });

  it('reads a date printed inside the link without putting it in the title', () => {
    const html = page(`<ul class="list">
      <li><a href="./201712/t20171205_1.html"><span class="time">2017-12-05</span>关于开展安全生产检查的通知</a></li>
      <li><a href="./201711/t20171101_2.html"><span class="time">2017-11-01</span>关于秋冬季森林防火的通告</a></li></ul>`);
    const items = extractList(html, PAGE, REF).items;
    expect(items[0]).toMatchObject({ title: '关于开展安全生产检查的通知', date: '2017-12-05' });
  });

  it('gathers items split over several <ul class="list"> blocks', () => {
    const block = (n: number) =>
      `<ul class="list">${[1, 2].map((k) => `<li><a href="./2017${10 + n}/t2017${10 + n}0${k}_${n}${k}.html">第${n}组第${k}条信息的标题</a><span>2017-${10 + n}-0${k}</span></li>`).join('')}</ul>`;
    const p = extractList(page(`<div class="listBox">${block(0)}${block(1)}${block(2)}</div>`), PAGE, REF);
    expect(p.items).toHaveLength(6);
    expect(p.items[5]!.title).toBe('第2组第2条信息的标题');
  });

  it('returns a single item for a list with one entry', () => {
    const html = page(
      `<ul class="list"><li><a href="./201712/t20171205_1.html">唯一一条通知公告的标题</a><span>2017-12-05</span></li></ul>`,
    );
    const p = extractList(html, PAGE, REF);
    expect(p.items).toHaveLength(1);
    expect(p.items[0]).toMatchObject({ title: '唯一一条通知公告的标题', date: '2017-12-05' });
  });

  it('leaves out per-item download links beside the title link', () => {
    const html = page(`<div class="m-list">
      <ul><li>1</li><li><a href="./202512/t20251215_1.html">北京市某某管理办法</a><p>（2025年12月15日市政府令第320号发布）</p></li>
        <li><a href="./202512/W1.docx">下载文字版</a> <a href="./202512/W1.pdf">下载图片版</a></li></ul>
      <ul><li>2</li><li><a href="./202512/t20251210_2.html">北京市另一项管理办法</a><p>（2025年12月10日市政府令第319号发布）</p></li>
        <li><a href="./202512/W2.docx">下载文字版</a> <a href="./202512/W2.pdf">下载图片版</a></li></ul></div>`);
    const items = extractList(html, PAGE, REF).items;
    expect(items.map((i) => i.title)).toEqual(['北京市某某管理办法', '北京市另一项管理办法']);
    // The promulgation note has a date in a sentence: it is not a date column.
    expect(items.map((i) => i.date)).toEqual([null, null]);
  });

  it('collapses whitespace runs and strips zero-width and ideographic spaces in titles', () => {
    const html =
      page(`<ul class="list"><li><a href="./201712/t20171205_1.html">\u200b\u3000关于全国部分地区要素市场化配置  综合改革试点的批复\u00a0</a><span>2017-12-05</span></li>
      <li><a href="./201712/t20171204_2.html">第二条信息的标题文字</a><span>2017-12-04</span></li></ul>`);
    expect(extractList(html, PAGE, REF).items[0]!.title).toBe('关于全国部分地区要素市场化配置 综合改革试点的批复');
  });
});

describe('extractList: table lists', () => {
  it('reads table rows and skips the header row', () => {
    const html = page(`<table class="list"><tr><th>标题</th><th>发布日期</th></tr>
      <tr><td><a href="./201712/t20171205_1.html">关于印发某某办法的通知</a></td><td>2017-12-05</td></tr>
      <tr><td><a href="./201711/t20171101_2.html">关于某某事项的公告</a></td><td>2017-11-01</td></tr></table>`);
    const p = extractList(html, PAGE, REF);
    expect(p.items.map((i) => [i.title, i.date])).toEqual([
      ['关于印发某某办法的通知', '2017-12-05'],
      ['关于某某事项的公告', '2017-11-01'],
    ]);
  });

  it('maps 文号 / 成文日期 / 发布日期 columns by the header of a table-like div list', () => {
    const row = (t: string, no: string, gen: string, pub: string, href: string) =>
      `<div class="row"><div class="title"><a href="${href}">${t}</a></div><div class="no">${no}</div><div class="gen">${gen}</div><div class="pub">${pub}</div></div>`;
    const html =
      page(`<div class="head"><div class="row"><div>文件名</div><div>文件号</div><div>成文日期</div><div>发布日期</div></div></div>
      <div class="rows">
        ${row('关于印发历史建筑修缮管理办法的通知', '沈房发〔2026〕1号', '2026-06-10', '2026-06-12', './202606/t20260612_1.html')}
        ${row('关于印发物业服务企业信用管理办法的通知', '〔2025〕2号', '2025-12-02', '2025-12-10', './202512/t20251215_2.html')}
      </div>`);
    const items = extractList(html, PAGE, REF).items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ docNo: '沈房发〔2026〕1号', generatedDate: '2026-06-10', date: '2026-06-12' });
    expect(items[1]).toMatchObject({ docNo: '〔2025〕2号', generatedDate: '2025-12-02', date: '2025-12-10' });
  });

  it('takes the last date column as the publish date when there is no header', () => {
    const html =
      page(`<table><tr><td><a href="./1/t20171205_1.html">关于印发某某办法的通知</a></td><td>2017-11-30</td><td>2017-12-05</td></tr>
      <tr><td><a href="./1/t20171101_2.html">关于某某事项的公告</a></td><td>2017-10-30</td><td>2017-11-01</td></tr></table>`);
    expect(extractList(html, PAGE, REF).items.map((i) => i.date)).toEqual(['2017-12-05', '2017-11-01']);
  });
});

describe('extractList: pagination', () => {
  it('reads the TRS createPageHTML(count, current, "index", "html") call and names page 2 index_1.html', () => {
    const p = extractList(page(ulList), PAGE, REF);
    expect(p.totalPages).toBe(3);
    expect(p.nextPageUrl).toBe('http://www.example.gov.cn/xxgk/tzgg/index_1.html');
  });

  it('names page k+1 index_k.html on later pages and stops on the last page', () => {
    const on = (cur: number) =>
      extractList(
        page(ulList.replace('createPageHTML(3, 0', `createPageHTML(3, ${cur}`)),
        `${PAGE}index_${cur}.html`,
        REF,
      );
    expect(on(1).nextPageUrl).toBe('http://www.example.gov.cn/xxgk/tzgg/index_2.html');
    expect(on(2).nextPageUrl).toBeNull();
  });

  it('reads the 5-argument createPageHTML(records, count, current, …) form', () => {
    const p = extractList(
      page(ulList.replace('createPageHTML(3, 0, "index", "html")', 'createPageHTML(191, 13, 0, "index", "html")')),
      PAGE,
      REF,
    );
    expect(p.totalPages).toBe(13);
    expect(p.nextPageUrl).toBe('http://www.example.gov.cn/xxgk/tzgg/index_1.html');
  });

  it('reads the createPageHTML("page_div", count, current, …) form of newer TRS templates', () => {
    const p = extractList(
      page(
        ulList.replace(
          'createPageHTML(3, 0, "index", "html")',
          "createPageHTML('page_div', 8, 0, 'index', 'html', 152)",
        ),
      ),
      PAGE,
      REF,
    );
    expect(p).toMatchObject({ totalPages: 8, nextPageUrl: `${PAGE}index_1.html` });
  });

  it('ignores pager calls inside HTML and JS comments', () => {
    const html = page(
      ulList.replace(
        '<script>createPageHTML(3, 0, "index", "html");</script>',
        '<!-- <script>createPageHTML(9, 0, "index", "html");</script> --><script>// createPageHTML(8, 0, "index", "html");\n/* createPageHTML(7, 0, "index", "html"); */\ncreatePageHTML(2, 0, "index", "html");</script>',
      ),
    );
    expect(extractList(html, PAGE, REF).totalPages).toBe(2);
  });

  it('does not mistake the createPageHTML function definition for a call', () => {
    const html = page(
      ulList.replace(
        '<script>createPageHTML(3, 0, "index", "html");</script>',
        '<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ document.write("共"+_nPageCount+"页"); }</script>',
      ),
    );
    const p = extractList(html, PAGE, REF);
    expect(p.totalPages).toBeNull();
    expect(p.nextPageUrl).toBeNull();
  });

  it('reads var countPage / var currentPage', () => {
    const html = page(
      ulList.replace('createPageHTML(3, 0, "index", "html");', 'var countPage = 4; var currentPage = 0;'),
    );
    expect(extractList(html, PAGE, REF)).toMatchObject({ totalPages: 4, nextPageUrl: `${PAGE}index_1.html` });
  });

  it('reads Pager({size, current, prefix, suffix}); one page means no next page', () => {
    const pager = (size: number) =>
      ulList.replace(
        '<script>createPageHTML(3, 0, "index", "html");</script>',
        `<div class="changepage"><script>Pager({size:${size}, current:0, prefix:'index',suffix:'html'});</script></div>`,
      );
    expect(extractList(page(pager(29)), PAGE, REF)).toMatchObject({
      totalPages: 29,
      nextPageUrl: `${PAGE}index_1.html`,
    });
    expect(extractList(page(pager(1)), PAGE, REF)).toMatchObject({ totalPages: 1, nextPageUrl: null });
  });

  it('follows a plain 下一页 link and reads 共N页, without counting pager links as items', () => {
    const html = page(
      ulList.replace(
        '<script>createPageHTML(3, 0, "index", "html");</script>',
        '<div class="pages"><a href="list.jsp?page=1">首页</a> <a href="list.jsp?page=1">上一页</a> <a href="list.jsp?page=3">下一页</a> <a href="list.jsp?page=9">尾页</a> 共9页</div>',
      ),
    );
    const p = extractList(html, `${PAGE}list.jsp?page=2`, REF);
    expect(p.items).toHaveLength(3);
    expect(p.nextPageUrl).toBe(`${PAGE}list.jsp?page=3`);
    expect(p.totalPages).toBe(9);
  });

  it('has no pager and no next page when the page shows none', () => {
    const p = extractList(page(ulList.replace(/<script>.*<\/script>/, '')), PAGE, REF);
    expect(p).toMatchObject({ totalPages: null, nextPageUrl: null });
  });
});

describe('extractList: empty columns', () => {
  it('reports the 暂无信息 placeholder and no items', () => {
    const p = extractList(page('<div class="no-content">暂无信息</div>'), PAGE, REF);
    expect(p.items).toEqual([]);
    expect(p.placeholder).toBe('暂无信息');
  });

  it.each(['暂无内容', '正在建设中……', '本栏目建设中', '暂无数据'])('recognises the placeholder %s', (text) => {
    expect(extractList(page(`<div class="list"><p>${text}</p></div>`), PAGE, REF).placeholder).toBe(text);
  });

  it('does not count navigation links as items on an empty column', () => {
    const p = extractList(page('<ul class="list"></ul>'), PAGE, REF);
    expect(p.items).toEqual([]);
    expect(p.placeholder).toBeNull();
  });
});

describe('extractList: empty columns with stray links', () => {
  it('prefers the 暂无信息 placeholder over a lone undated article link elsewhere on the page', () => {
    const p = extractList(
      page(
        '<div class="list"><p>暂无信息</p></div>',
        '<div class="related"><a href="/wzdt/content/post_10144.html">网站使用说明页面</a></div>',
      ),
      PAGE,
      REF,
    );
    expect(p.items).toEqual([]);
    expect(p.placeholder).toBe('暂无信息');
  });
});

describe('extractList: sectioned compilations', () => {
  it('joins the sections of a compilation that repeat the same named list', () => {
    const section = (name: string, wrapper: string, n: number) =>
      `<div class="${wrapper}"><h2>${name}</h2><ul class="list_bd">${[1, 2]
        .map(
          (
            k,
          ) => `<li class="item"><div class="title_bd"><a href="./${wrapper}/201712/t2017120${k}_${n}${k}.html">${name}第${k}条政策文件标题</a></div>
        <div class="number_bd">京政发〔2017〕${n}${k}号</div><div class="date_bd">2017-12-0${k}</div></li>`,
        )
        .join('')}</ul></div>`;
    const p = extractList(page(section('市级政策', 'sjzc', 1) + section('区级政策', 'qjzc', 2)), PAGE, REF);
    expect(p.items.map((i) => i.title)).toEqual([
      '市级政策第1条政策文件标题',
      '市级政策第2条政策文件标题',
      '区级政策第1条政策文件标题',
      '区级政策第2条政策文件标题',
    ]);
    expect(p.items[3]).toMatchObject({ docNo: '京政发〔2017〕22号', date: '2017-12-02' });
  });
});
