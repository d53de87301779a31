import { describe, expect, it } from 'vitest';
import { SITE_DEPARTMENT } from '../../functions/common/department.ts';
import { columns, each, estimate, finding, many, portalOf } from './score-fixtures.ts';

// Hand-worked examples. Every expected number is worked out in the comments from the table of
// docs/score.md (default weights), never by calling the code.

const policy = columns('zcwj', 4, 'policy', '政策法规科');
const landNotice = columns('tdsc', 2, 'notice', '土地利用科');
const news = columns('gzdt', 1, 'news', '办公室');
const personnel = columns('rsxx', 6, 'personnel', '人事科');
const portal = portalOf([...policy, ...landNotice, ...news, ...personnel]);

/**
 * Only deductions, no veto item:
 *   stale 政策文件 column (政策法规科)   1 × 5   = 5    发布解读
 *   stale 通知公告 column (土地利用科)   1 × 5   = 5    发布解读
 *   undated items (办公室)              2 × 1   = 2    发布解读
 *   missing interpretation (政策法规科)  1 × 2   = 2    发布解读
 *   annual report missing (site-wide)   1 × 5   = 5    发布解读   → 发布解读 19 (cap 45)
 *   broken links on pages (办公室)       3 × 0.5 = 1.5  功能设计
 *   broken link on the homepage (site)  1 × 1   = 1    功能设计   → 功能设计 2.5 (cap 15)
 *   total 21.5 → score 78.5, 合格.
 */
function deductionsOnly() {
  return [
    finding('stale-column', 'veto', policy[0]),
    finding('stale-column', 'veto', landNotice[0]),
    ...many(2, 'undated-item', 'minor', news[0]),
    finding('missing-interpretation', 'major', policy[1]),
    finding('annual-report-missing', 'major'),
    ...many(3, 'broken-link', 'minor', news[0]),
    finding('broken-link', 'major'),
  ];
}

describe('inspection score estimate', () => {
  it('takes only deductions off 100 when no veto item is reached (78.5, 合格)', () => {
    const e = estimate(deductionsOnly(), portal);
    expect(e.estimate).toBe(true);
    expect(e.score).toBe(78.5);
    expect(e.verdict).toBe('合格');
    expect(e.reasons).toEqual([]);
    expect(e.vetoItems).toEqual([]);
    expect(e.byPart).toEqual([
      { part: '发布解读', points: 45, deducted: 19 },
      { part: '办事服务', points: 25, deducted: 0 },
      { part: '互动交流', points: 15, deducted: 0 },
      { part: '功能设计', points: 15, deducted: 2.5 },
    ]);
    // 政策法规科 5 + 2 = 7; site-wide 5 + 1 = 6; 土地利用科 5; 办公室 2 + 1.5 = 3.5 (sum 21.5).
    expect(e.byDepartment).toEqual([
      { department: '政策法规科', deducted: 7 },
      { department: SITE_DEPARTMENT, deducted: 6 },
      { department: '土地利用科', deducted: 5 },
      { department: '办公室', deducted: 3.5 },
    ]);
    expect(e.lines.map((l) => [l.lineId, l.count, l.deducted])).toEqual([
      ['stale-notice-column', 1, 5],
      ['stale-policy-column', 1, 5],
      ['undated-item', 2, 2],
      ['missing-interpretation', 1, 2],
      ['annual-report-missing', 1, 5],
      ['broken-link-homepage', 1, 1],
      ['broken-link-page', 3, 1.5],
    ]);
    expect(e.lines.every((l) => l.source.length > 0)).toBe(true);
    // Three fixes of 5 points, one finding each: table order breaks the tie.
    expect(e.topFixes.map((f) => [f.lineId, f.department, f.points, f.findingIds.length])).toEqual([
      ['stale-notice-column', '土地利用科', 5, 1],
      ['stale-policy-column', '政策法规科', 5, 1],
      ['annual-report-missing', SITE_DEPARTMENT, 5, 1],
    ]);
    expect(e.topFixes[0]!.text).toBe('处理土地利用科的「通知公告类栏目6个月未更新」（1 处），估计可加 5 分');
  });

  it('fails on one veto item whatever the score, and names it (95, 不合格)', () => {
    // A leaked ID number is 泄露个人隐私 at 1/1. It has no deduction line (it is a veto, not a
    // deduction); the stale 政策文件 column takes 5: score 100 − 5 = 95, still computed.
    const e = estimate(
      [finding('privacy-exposure', 'veto', news[0]), finding('stale-column', 'veto', policy[0])],
      portal,
    );
    expect(e.verdict).toBe('不合格');
    expect(e.score).toBe(95);
    expect(e.vetoItems).toEqual(['泄露个人隐私']);
    expect(e.reasons).toEqual(['单项否决：泄露个人隐私 1/1']);
  });

  /**
   * Exactly 60, with both caps at work:
   *   stale 政策文件 columns: 3 of 政策法规科 + 1 of 办公室 = 4 × 5 = 20 → line max 15
   *   空白栏目 (土地利用科)                    2 × 5 = 10 (max 20)       → 发布解读 25
   *   broken links on pages (办公室)          40 × 0.5 = 20 → line max 5
   *   columns unreachable (人事科)            6 × 2 = 12 → line max 10
   *   broken links on the homepage (site)     3 × 1 = 3                 → 功能设计 18 → part cap 15
   *   total 25 + 15 = 40 → 60: 合格 (only below 60 fails).
   * Veto lines: 4 stale news/notice/policy columns (warning at 3, veto at 5), 2 空白栏目: no veto.
   */
  function atSixty() {
    return [
      ...each('stale-column', 'veto', policy.slice(0, 3)),
      finding('stale-column', 'veto', { ...policy[3]!, department: '办公室' }),
      ...each('empty-column', 'veto', landNotice),
      ...many(40, 'broken-link', 'minor', news[0]),
      ...each('site-unreachable', 'major', personnel),
      ...many(3, 'broken-link', 'major'),
    ];
  }

  it('passes at exactly 60, with line and part caps applied', () => {
    const e = estimate(atSixty(), portal);
    expect(e.score).toBe(60);
    expect(e.verdict).toBe('合格');
    expect(e.byPart.find((p) => p.part === '发布解读')!.deducted).toBe(25);
    expect(e.byPart.find((p) => p.part === '功能设计')!.deducted).toBe(15);
    expect(e.lines.find((l) => l.lineId === 'stale-policy-column')).toMatchObject({ count: 4, deducted: 15 });
    expect(e.lines.find((l) => l.lineId === 'broken-link-page')).toMatchObject({ count: 40, deducted: 5 });
  });

  it('splits the capped deductions over departments in proportion, adding up to 100 − score', () => {
    // 发布解读 is under its cap: the stale line's 15 is 3.75 per column; 空白栏目 10.
    // 功能设计 is capped 18 → 15, so its lines count 5/6: pages 5 → 4.1667, unreachable 10 → 8.3333,
    // homepage 3 → 2.5. 政策法规科 3 × 3.75 = 11.25; 土地利用科 10; 人事科 8.3333;
    // 办公室 3.75 + 4.1667 = 7.9167; site 2.5. In tenths by largest remainder (sum 40):
    // 112.5 → 113 (largest remainder .5 takes the one spare tenth), 100, 83, 79, 25.
    expect(estimate(atSixty(), portal).byDepartment).toEqual([
      { department: '政策法规科', deducted: 11.3 },
      { department: '土地利用科', deducted: 10 },
      { department: '人事科', deducted: 8.3 },
      { department: '办公室', deducted: 7.9 },
      { department: SITE_DEPARTMENT, deducted: 2.5 },
    ]);
  });

  it('ranks fixes by the points they would really recover, after every cap', () => {
    // Without 土地利用科's 2 空白栏目: 发布解读 25 → 15, +10.
    // Without 政策法规科's 3 stale columns: 1 × 5 = 5 left, 发布解读 25 → 15, +10 (3 findings: after the 2).
    // Without 办公室's one stale column: 3 × 5 = 15, still the line's max: +0, not listed.
    // Without 人事科's 6 unreachable columns: 功能设计 5 + 3 = 8, from 15: +7 (the line shows 10).
    // Without 办公室's 40 broken links: 功能设计 10 + 3 = 13: +2. Homepage links: 15 → 15, +0.
    const fixes = estimate(atSixty(), portal).topFixes;
    expect(fixes.map((f) => [f.lineId, f.department, f.points, f.findingIds.length])).toEqual([
      ['empty-column', '土地利用科', 10, 2],
      ['stale-policy-column', '政策法规科', 10, 3],
      ['column-unreachable', '人事科', 7, 6],
    ]);
  });

  it('fails at exactly 59 and says why', () => {
    // The 60 example plus one undated item (办公室, −1 in 发布解读: 26, under its cap): 41 → 59.
    const e = estimate([...atSixty(), finding('undated-item', 'minor', news[0])], portal);
    expect(e.score).toBe(59);
    expect(e.verdict).toBe('不合格');
    expect(e.reasons).toEqual(['得分低于60（59）']);
    expect(e.vetoItems).toEqual([]);
  });

  it('never deducts more than a part is worth', () => {
    // 发布解读 lines at their maximum: 3 stale 政策文件 columns 15, 4 空白栏目 20, 5 missing columns
    // 3 × 5 = 15 → 12: 47 → the part's 45. Score 100 − 45 = 55.
    const findings = [
      ...each('stale-column', 'veto', policy.slice(0, 3)),
      ...each('empty-column', 'veto', [...landNotice, ...personnel.slice(0, 2)]),
      ...many(5, 'missing-column', 'major'),
    ];
    const e = estimate(findings, portal);
    expect(e.byPart[0]).toEqual({ part: '发布解读', points: 45, deducted: 45 });
    expect(e.score).toBe(55);
    expect(e.reasons).toEqual(['得分低于60（55）']);
  });

  it("weighs a stale column by its kind from the portal's config", () => {
    // A stale 人事 column is the "other kinds" line (2), a stale 动态 column its own line (5): 93.
    const e = estimate(
      [finding('stale-column', 'major', personnel[0]), finding('stale-column', 'veto', news[0])],
      portal,
    );
    expect(e.lines.map((l) => [l.lineId, l.deducted])).toEqual([
      ['stale-news-column', 5],
      ['stale-other-column', 2],
    ]);
    expect(e.score).toBe(93);
  });

  it('scores 100 and 合格 with nothing counted', () => {
    const e = estimate([], portal);
    expect([e.score, e.verdict, e.lines, e.topFixes, e.byDepartment]).toEqual([100, '合格', [], [], []]);
  });
});

describe('per-portal weights', () => {
  it('changes the score by the overridden points and maximum', () => {
    // The 78.5 example with the annual report weighed 10 (max 10) instead of 5: 21.5 − 5 + 10 = 26.5 → 73.5.
    const heavier = portalOf(portal.columns, {
      score: { deductions: { 'annual-report-missing': { points: 10, maxPoints: 10 } } },
    });
    const e = estimate(deductionsOnly(), heavier);
    expect(e.score).toBe(73.5);
    expect(e.lines.find((l) => l.lineId === 'annual-report-missing')).toMatchObject({ points: 10, deducted: 10 });
    // A line set to 0 points counts its findings but deducts nothing: 78.5 + 5 = 83.5.
    const off = portalOf(portal.columns, { score: { deductions: { 'stale-policy-column': { points: 0 } } } });
    expect(estimate(deductionsOnly(), off).score).toBe(83.5);
  });
});
