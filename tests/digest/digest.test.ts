import { describe, expect, it } from 'vitest';
import { composeDigests } from '../../functions/digest/compose.ts';
import { renderHtml } from '../../functions/digest/render-html.ts';
import { renderText } from '../../functions/digest/render-text.ts';
import { buildDigest, weekOf } from '../../functions/digest/view-model.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { PageRecord, ScanRecord, StoredFinding } from '../../functions/store/records.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import { DEFAULT_THRESHOLDS } from '../../functions/rules/thresholds.ts';
import { linesAfter } from '../support/digest-work.ts';

const HOST = 'http://gtj.example.gov.cn';
const portal: PortalConfig = {
  id: 'mhk-gtj',
  name: '梅河口市国土资源局',
  homepage: `${HOST}/index.html`,
  columns: [
    { id: 'tdsc', name: '土地市场', url: `${HOST}/tdsc/index.html`, kind: 'notice', department: '土地利用科' },
    { id: 'gzdt', name: '工作动态', url: `${HOST}/gzdt/index.html`, kind: 'news', department: '办公室' },
  ],
  departments: [
    { name: '办公室', officer: '王丽' },
    { name: '土地利用科', officer: '张明' },
  ],
  recipients: [
    { name: '局长', email: 'director@example.gov.cn', role: 'leader' },
    { name: '土地利用科科长', email: 'land@example.gov.cn', role: 'department', department: '土地利用科' },
  ],
};
const finding = (id: string, over: Partial<StoredFinding>): StoredFinding => ({
  id,
  portalId: 'mhk-gtj',
  rule: 'empty-column',
  severity: 'veto',
  subject: id,
  url: `${HOST}/${id}/index.html`,
  title: id,
  message: `${id} 的问题`,
  action: `${id} 的整改`,
  evidence: {},
  status: 'open',
  firstSeenScan: 's',
  firstSeenAsOf: '2018-01-02',
  lastChangedScan: 's',
  reopened: 0,
  department: '办公室',
  columnId: 'gzdt',
  ...over,
});
const findings = [
  finding('old-open', {}),
  finding('new-open', {
    rule: 'late-publication',
    severity: 'major',
    firstSeenAsOf: '2018-01-16',
    department: '土地利用科',
    columnId: 'tdsc',
  }),
  finding('fixed', { rule: 'stale-column', status: 'resolved', resolvedAsOf: '2018-01-17' }),
  finding('hostile', { title: '<script>alert("x")</script>《通知》', message: '<img src=x onerror=alert(1)>' }),
];
const scans = [
  {
    scanId: '20180117',
    asOf: '2018-01-17',
    vetoRisks: vetoRisks(
      findings.filter((f) => f.status === 'open'),
      DEFAULT_THRESHOLDS,
      3,
      { probes: 0, failures: 0 },
    ),
  } as ScanRecord,
];
const pages = [{ url: `${HOST}/tdsc/1.html`, columnId: 'tdsc', publishedDate: '2018-01-16' } as PageRecord];
const view = buildDigest({ portal, asOf: '2018-01-17', findings, scans, pages });

describe('weekly digest view', () => {
  it('covers the seven days ending on as-of, labelled with its ISO week, so weekly digests neither gap nor overlap', () => {
    expect(weekOf('2018-01-15')).toEqual({ label: '2018-W03', number: 3, start: '2018-01-09', end: '2018-01-15' });
    expect(weekOf('2018-01-22').start).toBe('2018-01-16');
  });

  it('splits findings into new this week, still open (with age) and resolved this week', () => {
    expect(view.counts).toEqual({ added: 1, resolved: 1, open: 3 });
    const p2 = view.problems.find((p) => p.id === 'P2')!;
    expect(p2.open.find((f) => f.id === 'old-open')!.ageDays).toBe(15);
    expect(view.problems.find((p) => p.id === 'P5')!.added.map((f) => f.id)).toEqual(['new-open']);
    expect(view.problems.find((p) => p.id === 'P3')!.resolved.map((f) => f.id)).toEqual(['fixed']);
  });

  it('counts each department’s publications of the week (is its 信息员 feeding the site?)', () => {
    expect(view.departments.map((d) => [d.name, d.published, d.open])).toEqual([
      ['办公室', 0, 2],
      ['土地利用科', 1, 1],
    ]);
  });

  it('draws an 8-week trend of open findings', () => {
    expect(view.trend).toHaveLength(8);
    expect(view.trend.at(-1)).toMatchObject({ week: '2018-W03', total: 3 });
    expect(view.trend.at(-2)).toMatchObject({ week: '2018-W02', total: 3 }); // old-open, hostile, fixed (resolved later)
  });

  it('states the headline in the subject', () => {
    expect(view.subject).toBe('【周报】梅河口市国土资源局 第3周：新增问题 1，已整改 1，空白栏目 2/5');
  });
});

describe('the digest’s first screen', () => {
  it('leads with the veto items at the veto line, then those at the warning line, the rest in one line', () => {
    const risks = vetoRisks(
      [...Array.from({ length: 3 }, (_, i) => finding(`e${i}`, {})), finding('leak', { rule: 'privacy-exposure' })],
      DEFAULT_THRESHOLDS,
      3,
      { probes: 336, failures: 14 },
    );
    const v = buildDigest({
      portal,
      asOf: '2018-01-17',
      findings: [],
      scans: [{ ...scans[0]!, vetoRisks: risks }],
      pages: [],
    });
    expect(v.risks.slice(0, 3).map((r) => [r.item, r.level])).toEqual([
      ['privacy-exposure', 'veto'],
      ['empty-column', 'warning'],
      ['site-unreachable', 'warning'],
    ]);
    const lines = linesAfter(renderText(v), '单项否决风险（已达预警线或否决线）：', 4);
    expect(lines.slice(0, 3)).toEqual([
      '  泄露个人隐私 1/1（达到否决线）',
      '  空白栏目 3/5（预警）',
      '  站点无法访问（一周首页探测失败率 %） 4.2/5（预警）',
    ]);
    expect(lines[3]).toMatch(/^ {2}其余指标：栏目不更新/);
    expect(renderHtml(v)).toContain('单项否决风险：已达预警线或否决线');
  });

  it('says plainly when nothing is at a line', () => {
    const calm = vetoRisks([], DEFAULT_THRESHOLDS, 3, { probes: 336, failures: 0 });
    const v = buildDigest({
      portal,
      asOf: '2018-01-17',
      findings: [],
      scans: [{ ...scans[0]!, vetoRisks: calm }],
      pages: [],
    });
    expect(renderText(v)).toContain('单项否决风险：均未达到预警线。');
  });
});

describe('digest rendering', () => {
  const html = renderHtml(view);
  const text = renderText(view);

  it('is email-safe HTML: no <style>, <link>, scripts or images, at most 640 px wide, every link absolute', () => {
    expect(html).not.toMatch(/<style|<link|<script|<img/i);
    expect(html).toContain('max-width:640px');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => /^https?:\/\//.test(h))).toBe(true);
  });

  it('escapes text that came from crawled pages', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;《通知》');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('puts every open finding in both parts', () => {
    for (const f of findings.filter((x) => x.status === 'open')) {
      expect(text, f.id).toContain(f.action);
      expect(html, f.id).toContain(f.url);
    }
  });

  it('shows severity as a word, not by colour alone', () => {
    expect(html).toMatch(/background:#b3261e[^>]*>否决</);
    expect(text).toContain('【否决】');
  });

  it('gives a department head their own department first', () => {
    const [leader, head] = composeDigests(view, portal, { name: '监测', email: 'dw@example.gov.cn' });
    expect(leader!.text.indexOf('本科室')).toBe(-1);
    expect(head!.text.indexOf('== 本科室（土地利用科）==')).toBeLessThan(head!.text.indexOf('== P2'));
    expect(head!.html).toContain('本科室（土地利用科）');
  });

  it('packs text and HTML into one MIME message with an encoded subject', () => {
    const [leader] = composeDigests(view, portal, { name: '监测', email: 'dw@example.gov.cn' });
    const eml = leader!.eml;
    expect(eml).toContain(`Subject: =?UTF-8?B?${Buffer.from(view.subject).toString('base64')}?=`);
    expect(eml).toContain('Content-Type: multipart/alternative;');
    const parts = [...eml.matchAll(/Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/g)].map((m) =>
      Buffer.from(m[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8'),
    );
    expect(parts).toEqual([leader!.text, leader!.html]);
  });
});

describe('digest snapshots', () => {
  // A change to the digest's wording or layout shows up here as a reviewable diff.
  it('renders the same text and HTML for the same week', () => {
    expect(renderText(view)).toMatchSnapshot();
    expect(renderHtml(view)).toMatchSnapshot();
  });
});
