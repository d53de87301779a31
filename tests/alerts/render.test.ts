import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderEmail, renderMarkdown } from '../../functions/alerts/render.ts';
import { clearedAlert, vetoAlert, warningAlert } from './support/sample-alert.ts';

describe('an alert in an email', () => {
  it('says what happened, since when, the evidence, who must act and what to do', () => {
    const { subject, text } = renderEmail(vetoAlert);
    expect(subject).toBe('【否决】梅河口市国土资源局：个人信息泄露：《关于 *张三* 等人[土地]补偿的公示》含身份证号');
    expect(text).toContain('发生了什么：个人信息泄露');
    expect(text).toContain('开始时间：2018-01-15 09:30（北京时间）');
    expect(text).toContain('  · 身份证号 2201**********1234（共 2 处）');
    expect(text).toContain('由谁处理：土地利用科（张明）');
    expect(text).toContain('怎么处理：当天撤下该页或遮盖身份证号');
    expect(text).toContain(`查看：${vetoAlert.url}`);
    const order = ['发生了什么', '级别', '开始时间', '证据', '由谁处理', '怎么处理', '查看'].map((w) =>
      text.indexOf(w),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('tells a warning from a veto in the subject and the level line', () => {
    const { subject, text } = renderEmail(warningAlert);
    expect(subject.startsWith('【预警】梅河口市国土资源局：')).toBe(true);
    expect(text).toContain('级别：预警');
    expect(text).toContain('由谁处理：网站整体（信息中心）\n');
  });

  it('escapes page text in the HTML part', () => {
    const { html } = renderEmail(vetoAlert);
    expect(html).toContain('页面：关于张三等人土地补偿的公示 &lt;b&gt;2018-01-12&lt;/b&gt;');
    expect(html).not.toContain('<b>2018-01-12</b>');
    expect(html).toContain(`href="${vetoAlert.url}"`);
  });

  it('keeps a title with line breaks on one header line', () => {
    const { subject } = renderEmail({ ...vetoAlert, title: '第一行\r\nBcc: someone@example.com' });
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('sends a cleared problem as one short 已恢复 notice with how long it lasted', () => {
    const { subject, text, html } = renderEmail(clearedAlert);
    expect(subject).toBe('【已恢复】梅河口市国土资源局：站点无法访问：首页一周失败率 4.2 %（预警）');
    expect(text).toBe(
      [
        subject,
        '自 2018-01-14 22:00 起的问题已于 2018-01-16 11:15 消除（持续 1 天 13 小时），无需再处理。',
        '查看：http://gtj.example.gov.cn/index.html',
        '',
      ].join('\n'),
    );
    expect(html).toContain('恢复时间');
    expect(html).not.toContain('怎么处理');
  });
});

describe('an alert as robot markdown', () => {
  it('neutralises markdown in page text so a title cannot open bold, a link or a <font>', () => {
    const { markdown } = renderMarkdown(vetoAlert);
    expect(markdown).toContain('**个人信息泄露：《关于 ＊张三＊ 等人［土地］补偿的公示》含身份证号**');
    expect(markdown).toContain('> 页面：关于张三等人土地补偿的公示 ＜b＞2018-01-12＜/b＞');
    expect(escapeMarkdown('<font color="warning">[x](http://evil)</font> # _a_ `c` |d| ~e~ !f \\g')).toBe(
      '＜font color="warning"＞［x］(http://evil)＜/font＞ ＃ ＿a＿ ｀c｀ ｜d｜ ～e～ ！f ＼g',
    );
  });

  it('links the page, with parentheses in the URL unable to end the link', () => {
    expect(renderMarkdown(vetoAlert).markdown).toContain(`[查看详情](${vetoAlert.url})`);
    expect(renderMarkdown({ ...vetoAlert, url: 'http://gtj.example.gov.cn/a(1).html' }).markdown).toContain(
      '[查看详情](http://gtj.example.gov.cn/a%281%29.html)',
    );
  });

  it('leads with the level and the portal, and names who must act and what to do', () => {
    const { title, markdown } = renderMarkdown(warningAlert);
    expect(title).toBe('【预警】梅河口市国土资源局');
    expect(markdown.split('\n')[0]).toBe('### 【预警】梅河口市国土资源局');
    expect(markdown).toContain('开始时间：2018-01-14 22:00（北京时间）');
    expect(markdown).toContain('**由谁处理**：网站整体（信息中心）');
    expect(markdown).toContain('**怎么处理**：检查首页服务器和网络出口');
  });

  it('keeps a cleared notice short', () => {
    const { title, markdown } = renderMarkdown(clearedAlert);
    expect(title).toBe('【已恢复】梅河口市国土资源局');
    expect(markdown).toContain('消除（持续 1 天 13 小时）');
    expect(markdown).not.toContain('怎么处理');
  });

  it('fits the byte budget by dropping evidence first, then cutting', () => {
    const long = {
      ...vetoAlert,
      evidence: Array.from({ length: 8 }, (_, i) => `第 ${i + 1} 处：${'身份证号已遮盖'.repeat(40)}`),
    };
    const full = renderMarkdown(long, 100_000).markdown;
    const fitted = renderMarkdown(long, 4096).markdown;
    expect(Buffer.byteLength(full, 'utf8')).toBeGreaterThan(4096);
    expect(Buffer.byteLength(fitted, 'utf8')).toBeLessThanOrEqual(4096);
    expect(fitted).toContain('第 1 处');
    expect(fitted).not.toContain('第 8 处');
    expect(fitted).toContain('[查看详情]'); // the link survives; evidence went first
    const tiny = renderMarkdown(long, 200).markdown;
    expect(Buffer.byteLength(tiny, 'utf8')).toBeLessThanOrEqual(200);
    expect(tiny).not.toContain('\uFFFD');
  });

  it('shows at most eight evidence lines and says how many more there are', () => {
    const many = { ...vetoAlert, evidence: Array.from({ length: 11 }, (_, i) => `第 ${i + 1} 处`) };
    const { text } = renderEmail(many);
    expect(text).toContain('第 8 处');
    expect(text).not.toContain('第 9 处');
    expect(text).toContain('……另有 3 条');
  });
});
