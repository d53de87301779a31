import { describe, expect, it } from 'vitest';
import { composeDigests } from '../../functions/digest/compose.ts';
import { renderHtml } from '../../functions/digest/render-html.ts';
import { renderText } from '../../functions/digest/render-text.ts';
import { scoreDetails, scoreHeadline } from '../../functions/digest/score.ts';
import { formatScores } from '../../functions/score/trend.ts';
import { buildDigest } from '../../functions/digest/view-model.ts';
import { AS_OF, linesAfter, workFindings, workPortal, workScan, workScore } from '../support/digest-work.ts';

// The digest as 整改 work: due dates and lateness as worked out by hand in the fixture's table.

const view = buildDigest({
  portal: workPortal,
  asOf: AS_OF,
  findings: workFindings,
  scans: [workScan],
  pages: [],
  score: workScore,
});
const listed = view.problems.flatMap((p) => [...p.added, ...p.open]);
const sender = { name: '监测', email: 'dw@example.gov.cn' };
const [leader, lawHead, webmaster] = composeDigests(view, workPortal, sender);
const IGNORED = ['ignored-fp-old', 'ignored-fp-new', 'ignored-accepted'];

describe('each finding as work: owner, due date, lateness', () => {
  it('counts the due date in Chinese working days and the lateness in working days past it', () => {
    const row = (id: string) => {
      const f = listed.find((x) => x.id === id)!;
      return [f.due, f.overdue, f.workingDaysOverdue];
    };
    expect(row('major-jan2')).toEqual(['2018-01-09', true, 6]); // 01-01 元旦 is before the count starts
    expect(row('veto-at-2x')).toEqual(['2018-01-15', true, 2]); // Friday + 1 working day = Monday
    expect(row('veto-past-2x')).toEqual(['2018-01-12', true, 3]);
    expect(row('minor-past-2x')).toEqual(['2017-12-15', true, 22]); // 元旦 not counted in the 22
    expect(row('minor-at-2x')).toEqual(['2017-12-19', true, 20]);
    expect(row('fresh')).toEqual(['2018-01-23', false, 0]);
    expect(row('site-wide')).toEqual(['2018-01-29', false, 0]);
  });

  it('gives site-wide work to the webmaster and the rest to the column’s 信息员', () => {
    expect(listed.find((f) => f.id === 'site-wide')).toMatchObject({
      department: '网站整体（信息中心）',
      officer: '刘伟',
    });
    expect(listed.find((f) => f.id === 'minor-at-2x')).toMatchObject({ department: '法规科', officer: '李强' });
  });
});

describe('overdue work per department', () => {
  it('says how many, the oldest (age and title) and whose 信息员, most overdue departments first', () => {
    expect(view.overdue.map((d) => [d.department, d.officer, d.count, d.oldest.id, d.oldest.ageDays])).toEqual([
      ['土地利用科', '张明', 2, 'minor-past-2x', 47],
      ['办公室', '王丽', 2, 'veto-past-2x', 6],
      ['法规科', '李强', 1, 'minor-at-2x', 43],
    ]);
    expect(linesAfter(leader!.text, '== 逾期整改（按科室）==', 3)).toEqual([
      '  土地利用科（信息员 张明）：逾期 2 项，最久已 47 天：《minor-past-2x》',
      '  办公室（信息员 王丽）：逾期 2 项，最久已 6 天：《veto-past-2x》',
      '  法规科（信息员 李强）：逾期 1 项，最久已 43 天：《minor-at-2x》',
    ]);
    expect(leader!.html).toContain('土地利用科（信息员 张明）');
  });

  it('shows each listed finding’s lateness under it', () => {
    expect(leader!.text).toContain('    土地利用科 · 张明 · 已 15 天 · 逾期 6 个工作日（应于 2018-01-09 前整改）');
    expect(leader!.text).toContain('    土地利用科 · 张明 · 已 1 天 · 应于 2018-01-23 前整改');
  });
});

describe('the leadership copy escalates (督办) work overdue by more than twice its allowance', () => {
  it('escalates above 2× only: exactly twice the allowance is not yet escalated', () => {
    expect(view.escalations.map((f) => [f.id, f.workingDaysOverdue, f.allowance])).toEqual([
      ['minor-past-2x', 22, 10],
      ['veto-past-2x', 3, 1],
    ]);
  });

  it('names the department, its 信息员, the finding and how late, in the leader’s copy only', () => {
    expect(linesAfter(leader!.text, '== 督办：逾期超过整改期限两倍 ==', 6)).toEqual([
      '  土地利用科（信息员 张明）：《minor-past-2x》',
      '    逾期 22 个工作日，超过整改期限 10 个工作日的两倍',
      '    http://gtj.example.gov.cn/minor-past-2x.html',
      '  办公室（信息员 王丽）：《veto-past-2x》',
      '    逾期 3 个工作日，超过整改期限 1 个工作日的两倍',
      '    http://gtj.example.gov.cn/veto-past-2x.html',
    ]);
    expect(leader!.html).toContain('督办：逾期超过整改期限两倍');
    for (const copy of [lawHead!, webmaster!]) {
      expect(copy.text).not.toContain('督办');
      expect(copy.html).not.toContain('督办');
    }
  });
});

describe('a department head’s copy opens with their own department', () => {
  it('puts its overdue row first, then its own findings (overdue first), before the portal’s list', () => {
    const [first, second] = linesAfter(lawHead!.text, '== 逾期整改（按科室）==', 2);
    expect(first).toBe('  法规科（本科室，信息员 李强）：逾期 1 项，最久已 43 天：《minor-at-2x》');
    expect(second).toMatch(/^ {2}土地利用科/);
    const own = lawHead!.text.indexOf('== 本科室（法规科）==');
    expect(own).toBeGreaterThan(lawHead!.text.indexOf('== 逾期整改（按科室）=='));
    expect(own).toBeLessThan(lawHead!.text.indexOf('== P'));
    expect(lawHead!.text.indexOf('《minor-at-2x》', own)).toBeGreaterThan(own);
    expect(lawHead!.html.indexOf('本科室（法规科）')).toBeLessThan(lawHead!.html.indexOf('data-block="P'));
  });

  it('lists its own findings overdue first, latest first', () => {
    const text = renderText(view, { department: '土地利用科' });
    const own = text.slice(text.indexOf('== 本科室（土地利用科）=='), text.indexOf('== P'));
    const order = ['minor-past-2x', 'major-jan2', 'fresh'].map((id) => own.indexOf(`《${id}》`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('says so first when its own department has no overdue work', () => {
    expect(linesAfter(renderText(view, { department: '档案室' }), '== 逾期整改（按科室）==', 1)).toEqual([
      '  档案室（本科室）：无逾期整改',
    ]);
    expect(renderHtml(view, { department: '档案室' })).toContain('档案室（本科室）：无逾期整改');
  });
});

describe('statuses in the digest', () => {
  it('counts open and acknowledged findings, and never an ignored one', () => {
    expect(view.counts).toEqual({ added: 4, resolved: 1, open: 7 });
    expect(view.departments.map((d) => [d.name, d.open])).toEqual([
      ['办公室', 2],
      ['土地利用科', 3],
      ['法规科', 1],
      ['档案室', 0],
      ['网站整体（信息中心）', 1],
    ]);
    expect(view.overdue.reduce((n, d) => n + d.count, 0)).toBe(5);
  });

  it('shows acknowledged work as 已确认 with who, still listed, counted and late', () => {
    const ack = listed.find((f) => f.id === 'veto-at-2x')!;
    expect(ack).toMatchObject({ status: 'acknowledged', acknowledgedBy: '李四', overdue: true });
    expect(leader!.text).toContain(
      '    办公室 · 王丽 · 已 5 天 · 逾期 2 个工作日（应于 2018-01-15 前整改） · 已确认（李四）',
    );
    expect(leader!.html).toContain('已确认（李四）');
  });

  it('keeps ignored findings out of every list and count, and counts them on one line with their reasons', () => {
    for (const id of IGNORED) {
      expect(listed.map((f) => f.id)).not.toContain(id);
      for (const copy of [leader!, lawHead!, webmaster!]) {
        expect(copy.text).not.toContain(`《${id}》`);
        expect(copy.html).not.toContain(`${id}.html`);
      }
    }
    const line =
      '另有 3 项已忽略（误报 2，不适用 0，已接受 1），查看：disclosure-watch findings list --portal mhk-gtj --status ignored，或 GET /portals/mhk-gtj/findings?status=ignored';
    for (const copy of [leader!, lawHead!, webmaster!]) {
      expect(copy.text.split('\n').filter((l) => l.includes('已忽略'))).toEqual([line]);
      expect(copy.html).toContain(line);
    }
  });

  it('has no ignored line when nothing is ignored', () => {
    const none = buildDigest({
      portal: workPortal,
      asOf: AS_OF,
      findings: workFindings.filter((f) => f.status !== 'ignored'),
      scans: [],
      pages: [],
    });
    expect(renderText(none)).not.toContain('已忽略');
  });

  it('draws the trend of open work: acknowledged counts, ignored never did, resolved until it was', () => {
    // Week ends 11-29 … 01-17; the two December minors, then the resolved one from 12-20 to 01-16,
    // major-jan2 from 01-02, and this week's four less the resolved one.
    expect(view.trend.map((t) => t.total)).toEqual([0, 2, 2, 3, 3, 4, 4, 7]);
  });
});

describe('the inspection score estimate', () => {
  it('heads the copy with the verdict, the score and its 8-week trend, marked as an estimate', () => {
    // Right under the portal's line, before anything else.
    expect(linesAfter(leader!.text, '梅河口市国土资源局 2018-01-11 至 2018-01-17（2018-W03）', 4)).toEqual([
      '检查评分估算 72 分（合格）· 8周趋势 65 → 66 → 66 → 70 → 71 → 72 ↑ · 估算',
      '  扣分（按部分）：发布解读 −18/45；互动交流 −10/15',
      '  扣分（按科室）：办公室 −20；法规科 −8',
      '  提分最多：法规文件栏目 6 个月未更新（+5 分）；留言答复 2 个月未更新（+3 分）；政策解读缺失（+2 分）',
    ]);
    expect(leader!.html).toContain('检查评分估算 72 分（合格）· 8周趋势 65 → 66 → 66 → 70 → 71 → 72 ↑ · 估算');
  });

  it('names the reasons of a 不合格 and reads a falling or flat trend', () => {
    const failing = {
      ...workScore,
      verdict: '不合格' as const,
      score: 0,
      reasons: ['泄露个人隐私 1/1'],
      byPart: [],
      byDepartment: [],
      topFixes: [],
    };
    expect(scoreDetails(failing)).toEqual(['不合格原因：泄露个人隐私 1/1']);
    expect(formatScores([80, null, 70])).toBe('80 → — → 70 ↓');
    expect(formatScores([70, 70])).toBe('70 → 70 持平');
    expect(formatScores([null, 70])).toBe('70');
    expect(scoreHeadline({ ...failing, trend: [] })).toBe('检查评分估算 0 分（不合格）· 8周趋势 暂无评分 · 估算');
  });

  it('shows nothing of a score when there is none', () => {
    const v = buildDigest({ portal: workPortal, asOf: AS_OF, findings: workFindings, scans: [], pages: [] });
    expect(v.score).toBeNull();
    expect(renderText(v)).not.toContain('检查评分');
    expect(renderHtml(v)).not.toContain('data-block="score"');
  });
});

describe('the first screen’s order', () => {
  it('is score, items at a line, overdue work per department, 督办, then the open findings by problem', () => {
    const t = leader!.text;
    const marks = ['检查评分估算', '单项否决风险（已达预警线或否决线）', '== 逾期整改（按科室）==', '== 督办', '== P2'];
    const at = marks.map((m) => t.indexOf(m));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const h = leader!.html;
    const blocks = ['score', 'risks', 'overdue', 'escalations', 'P2'].map((b) => h.indexOf(`data-block="${b}"`));
    expect(blocks.every((i) => i >= 0)).toBe(true);
    expect([...blocks].sort((a, b) => a - b)).toEqual(blocks);
  });
});

describe('整改 digest snapshots', () => {
  // The leader's and a department head's copies: wording and layout changes show up as a reviewable diff.
  it('renders the same copies for the same week', () => {
    expect(leader!.text).toMatchSnapshot();
    expect(lawHead!.text).toMatchSnapshot();
    expect(leader!.html).toMatchSnapshot();
  });
});
