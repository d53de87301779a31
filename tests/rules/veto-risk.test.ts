import { describe, expect, it } from 'vitest';
import { vetoRisks, riskCode, riskText } from '../../functions/rules/veto-risk.ts';
import { DEFAULT_THRESHOLDS } from '../../functions/rules/thresholds.ts';
import type { Finding } from '../../functions/model/finding.ts';
import type { RuleId } from '../../functions/common/rule-ids.ts';

const f = (rule: RuleId, kind?: string): Finding => ({
  id: `${rule}-${Math.random()}`,
  portalId: 'p',
  rule,
  severity: 'veto',
  subject: 's',
  url: 'u',
  title: 't',
  message: '',
  action: '',
  evidence: kind ? { kind } : {},
});
const risk = (item: string, open: Finding[], homepageAge: number | null = 3, probes = { probes: 0, failures: 0 }) =>
  vetoRisks(open, DEFAULT_THRESHOLDS, homepageAge, probes).find((r) => r.item === item)!;

describe('veto-risk summary', () => {
  it('warns at 3 empty columns and fails at 5', () => {
    expect(risk('empty-column', [f('empty-column'), f('empty-column')]).level).toBe('ok');
    expect(
      risk(
        'empty-column',
        Array.from({ length: 3 }, () => f('empty-column')),
      ).level,
    ).toBe('warning');
    expect(
      risk(
        'empty-column',
        Array.from({ length: 5 }, () => f('empty-column')),
      ).level,
    ).toBe('veto');
  });

  it('counts only news/notice/policy columns toward 栏目不更新, every kind toward 长期未更新', () => {
    const open = [f('stale-column', 'news'), f('stale-column', 'notice'), f('stale-column', 'personnel')];
    expect(risk('stale-column', open).count).toBe(2);
    expect(risk('stale-column-long', open).count).toBe(3);
  });

  it('measures the homepage in days: a warning from day 10, the veto line at day 14', () => {
    expect(risk('homepage-not-updated', [], 9).level).toBe('ok');
    expect(risk('homepage-not-updated', [], 10).level).toBe('warning');
    expect(risk('homepage-not-updated', [], 14).level).toBe('veto');
    expect(risk('homepage-not-updated', [], null).level).toBe('veto'); // nothing dated at all
  });

  it('measures availability as the share of the week’s failed homepage probes, from 100 probes on', () => {
    expect(risk('site-unreachable', [], 0, { probes: 1000, failures: 29 }).level).toBe('ok');
    expect(risk('site-unreachable', [], 0, { probes: 140, failures: 6 })).toMatchObject({
      level: 'warning',
      count: 4.3,
    });
    expect(risk('site-unreachable', [], 0, { probes: 140, failures: 7 })).toMatchObject({ level: 'veto', count: 5 });
    const thin = risk('site-unreachable', [], 0, { probes: 99, failures: 5 });
    expect(thin).toMatchObject({ level: 'insufficient-data', probes: 99 });
    expect(riskText(thin)).toBe('站点无法访问（一周首页探测失败率 %） 数据不足（99 次探测，需 100 次）');
    expect(riskCode(thin)).toBe('site-unreachable: insufficient data (99 probes)');
  });

  it('takes a portal’s own lines for the long-stale columns', () => {
    const t = { ...DEFAULT_THRESHOLDS, staleColumnLongWarning: 2, staleColumnLongVeto: 3 };
    const open = [f('stale-column', 'news'), f('stale-column', 'personnel')];
    expect(vetoRisks(open, t, 3, { probes: 0, failures: 0 }).find((r) => r.item === 'stale-column-long')!.level).toBe(
      'warning',
    );
  });

  it('flags one privacy leak or suspected back-dating as failing an inspection', () => {
    expect(risk('privacy-exposure', [f('privacy-exposure')]).level).toBe('veto');
    expect(risk('backdated-publication', []).level).toBe('ok');
  });

  it('has a short code form for JSON and a Chinese form for people', () => {
    const r = risk('empty-column', [f('empty-column'), f('empty-column')]);
    expect(riskCode(r)).toBe('empty-column: 2/5');
    expect(riskText(r)).toBe('空白栏目 2/5');
  });
});
