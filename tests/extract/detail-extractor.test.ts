import { describe, expect, it } from 'vitest';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';

const URL_ = 'http://www.example.gov.cn/xxgk/zcwj/201712/t20171205_123.html';
const BODY_TEXT =
  '各乡镇人民政府，县政府各部门：现将《示例县政府信息公开工作实施办法》印发给你们，请认真贯彻执行。本办法自印发之日起施行，有效期五年。';

const page = (inner: string, head = '<title>关于印发政府信息公开工作实施办法的通知_政策文件_示例县人民政府</title>') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>
  <div class="header"><h2>示例县人民政府</h2><ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开</a></li></ul></div>
  <div class="main">${inner}</div>
  <div class="footer">主办单位：示例县人民政府办公室 <a href="/map/">网站地图</a></div></body></html>`;

const demoMeta = `<table class="xxgk-meta">
  <tr><td>索引号：</td><td>11330282002976461L/2017-00123</td><td>主题分类：</td><td>综合政务</td></tr>
  <tr><td>发布机构：</td><td>示例县人民政府办公室</td><td>成文日期：</td><td>2017年11月02日</td></tr>
  <tr><td>文号：</td><td>示政办发〔2017〕12号</td><td>发布日期：</td><td>2017-12-05</td></tr>
</table>`;
const demo = page(`<h1 class="title">关于印发政府信息公开工作实施办法的通知</h1>${demoMeta}
  <div class="TRS_Editor"><p>${BODY_TEXT}</p><p>附件：<a href="./P020171205.pdf">实施办法.pdf</a></p></div>`);

describe('extractDetail: metadata', () => {
  it('reads a td/td metadata table (the demo portal markup)', () => {
    expect(extractDetail(demo, URL_)).toMatchObject({
      title: '关于印发政府信息公开工作实施办法的通知',
      indexNo: '11330282002976461L/2017-00123',
      category: '综合政务',
      publisher: '示例县人民政府办公室',
      generatedDate: '2017-11-02',
      docNo: '示政办发〔2017〕12号',
      publishedDate: '2017-12-05',
      hasBody: true,
      notFound: false,
    });
  });

  it('reads labels with spaces inside and ASCII colons (索 引 号: / 文 号:)', () => {
    const html =
      page(`<table><tr><td>索 引 号:</td><td>012947920/2023-76971</td></tr><tr><td>文\u3000\u3000号:</td><td>宁规划资源规〔2023〕1号</td></tr>
      <tr><td>生 成 日 期:</td><td>2023-09-04</td></tr></table><div id="zoom"><p>${BODY_TEXT}</p></div>`);
    expect(extractDetail(html, URL_)).toMatchObject({
      indexNo: '012947920/2023-76971',
      docNo: '宁规划资源规〔2023〕1号',
      generatedDate: '2023-09-04',
    });
  });

  it('reads [成文日期]-style bracket labels and concatenates a 文号 split across <span>s', () => {
    const html =
      page(`<ol><li>[发文机构] <span>北京市规划和自然资源委员会</span></li><li>[成文日期] <span>2026-07-09</span></li>
      <li>[发文字号] <span><span>\u200b京规自发</span><span>〔2026〕</span><span>187号</span></span></li>
      <li>[发布日期] <span>2026-07-13</span></li><li>[有效性] <span>是</span></li></ol><div id="zoom"><p>${BODY_TEXT}</p></div>`);
    expect(extractDetail(html, URL_)).toMatchObject({
      publisher: '北京市规划和自然资源委员会',
      generatedDate: '2026-07-09',
      docNo: '京规自发〔2026〕187号',
      publishedDate: '2026-07-13',
      validity: '是',
    });
  });

  it('reads <li><span>label：</span>value</li> pairs', () => {
    const html = page(
      `<ul><li><span>信息来源：</span>示例县住建局</li><li><span>发布时间：</span>2019-12-04 17:53</li></ul><div class="TRS_Editor"><p>${BODY_TEXT}</p></div>`,
    );
    expect(extractDetail(html, URL_)).toMatchObject({ publisher: '示例县住建局', publishedDate: '2019-12-04' });
  });

  it('reads several labels written in one line of text', () => {
    const html = page(
      `<div class="info">发布时间：2017/5/11 8:22:16&nbsp;&nbsp;&nbsp;信息发布人：管理员</div><div class="TRS_Editor"><p>${BODY_TEXT}</p></div>`,
    );
    const d = extractDetail(html, URL_);
    expect(d.publishedDate).toBe('2017-05-11');
    // 信息发布人 is a person, not a publishing organisation.
    expect(d.publisher).toBeNull();
  });

  it('reads a date whose text is split across several nodes', () => {
    const html = page(`<div><span>发布日期：</span> <span>2021-
        08-
        16</span></div><div id="zoom"><p>${BODY_TEXT}</p></div>`);
    expect(extractDetail(html, URL_).publishedDate).toBe('2021-08-16');
  });

  it('prefers 发布机构 over 发文机关, 制发单位 and 来源, and ignores 公开责任部门', () => {
    const meta = (rows: string) => page(`<table>${rows}</table><div id="zoom"><p>${BODY_TEXT}</p></div>`);
    const r = (l: string, v: string) => `<tr><td>${l}</td><td>${v}</td></tr>`;
    expect(
      extractDetail(meta(r('来源：', '信息中心') + r('制发单位：', '管委会办公室') + r('发布机构：', '县政府办')), URL_)
        .publisher,
    ).toBe('县政府办');
    expect(extractDetail(meta(r('来源：', '信息中心') + r('制发单位：', '管委会办公室')), URL_).publisher).toBe(
      '管委会办公室',
    );
    expect(extractDetail(meta(r('来源：', '信息中心') + r('发文机关：', '国务院')), URL_).publisher).toBe('国务院');
    expect(
      extractDetail(meta(r('公开责任部门：', '市司法局') + r('索引号：', '000014349/2022-01348')), URL_).publisher,
    ).toBeNull();
  });

  it('reads 文件编号 but not 规范性文件编号 as the 文号', () => {
    const html = page(
      `<table><tr><td>规范性文件编号：</td><td>BCXD16-2023-0002</td></tr><tr><td>文件编号：</td><td>慈住建〔2023〕36号</td></tr></table><div id="zoom"><p>${BODY_TEXT}</p></div>`,
    );
    expect(extractDetail(html, URL_).docNo).toBe('慈住建〔2023〕36号');
  });

  it('gives null for an empty 文号 field, even when the body prints a number', () => {
    const html = page(
      `<table><tr><td>文 号：</td><td>&nbsp;</td></tr></table><div id="zoom"><p>宁房市字〔2017〕108号</p><p>${BODY_TEXT}</p></div>`,
    );
    expect(extractDetail(html, URL_).docNo).toBeNull();
  });

  it('uses the number line under the heading when the page has no 文号 field at all', () => {
    const html = page(
      `<div id="zoom"><p>关于印发某某措施的通知</p><p>渝发改规范〔2025〕7号</p><p>${BODY_TEXT}</p></div>`,
    );
    expect(extractDetail(html, URL_).docNo).toBe('渝发改规范〔2025〕7号');
  });

  it('reads 成文时间 and 登记日期 as the generated date', () => {
    const one = (label: string) =>
      page(`<table><tr><td>${label}</td><td>2022-04-28</td></tr></table><div id="zoom"><p>${BODY_TEXT}</p></div>`);
    expect(extractDetail(one('成文时间：'), URL_).generatedDate).toBe('2022-04-28');
    expect(extractDetail(one('登记日期'), URL_).generatedDate).toBe('2022-04-28');
    expect(extractDetail(one('生效日期：'), URL_).generatedDate).toBeNull();
  });

  it('takes the unlabelled date printed next to 来源 as the publish date', () => {
    const html =
      page(`<div class="xl_tit">示例文章的标题文字</div><div class="info"><span>来源:示例县人社局</span><span>2024-02-23 15:16</span><span>浏览量:</span></div>
      <div id="zoom"><p>${BODY_TEXT}</p></div>`);
    expect(extractDetail(html, URL_)).toMatchObject({ publisher: '示例县人社局', publishedDate: '2024-02-23' });
  });

  it('falls back to <meta name="PubDate">, taking the first date of a malformed value', () => {
    const html = page(
      `<div id="zoom"><p>${BODY_TEXT}</p></div>`,
      '<title>t</title><meta name="PubDate" content="2017-03-27 08:542019-05-22 11:15">',
    );
    expect(extractDetail(html, URL_).publishedDate).toBe('2017-03-27');
  });

  it('returns null for every field a page does not show', () => {
    const html = page(`<h1>示例文章的标题文字内容</h1><div id="zoom"><p>${BODY_TEXT}</p></div>`);
    expect(extractDetail(html, URL_)).toMatchObject({
      indexNo: null,
      category: null,
      publisher: null,
      generatedDate: null,
      docNo: null,
      publishedDate: null,
      validity: null,
    });
  });
});

describe('extractDetail: title', () => {
  it('uses the heading, not the <title> with its site suffix', () => {
    expect(extractDetail(demo, URL_).title).toBe('关于印发政府信息公开工作实施办法的通知');
  });

  it('uses a div.*-title heading when <title> is only the site name', () => {
    const html = page(
      `<div class="gab-detail-title">市规划资源局关于印发建设用地使用权转让实施细则的通知</div><div id="zoom"><p>${BODY_TEXT}</p></div>`,
      '<title>示例市规划和自然资源局</title>',
    );
    expect(extractDetail(html, URL_).title).toBe('市规划资源局关于印发建设用地使用权转让实施细则的通知');
  });

  it('falls back to <title> minus the site suffixes when there is no heading', () => {
    const html = page(
      `<div id="zoom"><p>${BODY_TEXT}</p></div>`,
      '<title>关于印发某某措施的通知_市发展改革委行政规范性文件_示例市发展和改革委员会</title>',
    );
    expect(extractDetail(html, URL_).title).toBe('关于印发某某措施的通知');
  });

  it('joins a heading broken over two lines', () => {
    const html = page(
      `<h1>关于支持房地产业良性循环和健康发展的<br>\n十条政策措施</h1><div id="zoom"><p>${BODY_TEXT}</p></div>`,
      '<title>示例县人民政府-政府信息公开指南</title>',
    );
    expect(extractDetail(html, URL_).title).toBe('关于支持房地产业良性循环和健康发展的十条政策措施');
  });
});

describe('extractDetail: body, links and error pages', () => {
  it('measures the body without the title and the metadata table', () => {
    const d = extractDetail(demo, URL_);
    expect(d.bodyText).toContain(BODY_TEXT);
    expect(d.bodyText).not.toContain('索引号');
    expect(d.bodyChars).toBe(d.bodyText.length);
  });

  it('lists attachments and every link as absolute, deduplicated URLs', () => {
    const html = page(`<h1>示例文章的标题文字内容</h1><div id="zoom"><p>${BODY_TEXT}</p>
      <p><a href="./W1.docx">附件1</a> <a href="./W1.docx">附件1（重复）</a> <a href="../P2.xls">附件2</a> <a href="javascript:void(0)">打印</a>
      <a href="mailto:x@example.gov.cn">信箱</a> <a href="#top">顶部</a> <img src="/img/a.png" alt="图"></p></div>`);
    const d = extractDetail(html, URL_);
    expect(d.attachments.map((a) => a.url)).toEqual([
      'http://www.example.gov.cn/xxgk/zcwj/201712/W1.docx',
      'http://www.example.gov.cn/xxgk/zcwj/P2.xls',
    ]);
    expect(d.attachments.every((a) => a.kind === 'attachment')).toBe(true);
    const urls = d.links.map((l) => l.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toContain('http://www.example.gov.cn/img/a.png');
    expect(urls).toContain('http://www.example.gov.cn/map/');
    expect(urls.some((u) => /^(javascript|mailto)/.test(u) || u.includes('#'))).toBe(false);
    expect(d.links.find((l) => l.url.endsWith('a.png'))?.kind).toBe('img');
  });

  it('has no body when the content is only an attachment link', () => {
    const html = page(
      `<h1>关于优化住房公积金业务政策和流程的通知</h1>${demoMeta}<div class="TRS_Editor"><p><a href="./P020220722563922688456.pdf">长金管委〔2022〕3号</a></p></div>`,
    );
    const d = extractDetail(html, URL_);
    expect(d.hasBody).toBe(false);
    expect(d.notFound).toBe(false);
    expect(d.attachments).toHaveLength(1);
  });

  it('has no body when the editor container is empty', () => {
    const html = page(
      `<h1>关于印发若干措施的通知的标题</h1><div class="trs_editor_view"></div><p>相关附件下载：<a href="./a.pdf">若干措施.pdf</a></p>`,
    );
    expect(extractDetail(html, URL_).hasBody).toBe(false);
  });

  it.each([
    ['抱歉，您访问的页面不存在或已删除', '示例市人民政府'],
    ['该信息不存在', '提示信息'],
    ['404 Not Found', '404'],
  ])('treats a soft 404 (%s) as not found, with every field null', (notice, title) => {
    const html = page(`<div class="error"><p>${notice}</p><a href="/">返回首页</a></div>`, `<title>${title}</title>`);
    expect(extractDetail(html, URL_)).toMatchObject({
      title: null,
      indexNo: null,
      publisher: null,
      publishedDate: null,
      hasBody: false,
      notFound: true,
    });
  });

  it('does not take an article that mentions 已删除 for an error page', () => {
    const long = `${BODY_TEXT}对已删除的信息应当及时更新目录。`.repeat(5);
    const html = page(`<h1>关于做好信息清理工作的通知标题</h1><div id="zoom"><p>${long}</p><p>已删除</p></div>`);
    expect(extractDetail(html, URL_)).toMatchObject({ notFound: false, hasBody: true });
  });
});
