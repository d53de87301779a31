import { describe, expect, it } from 'vitest';
import { PROBLEMS, problemOf } from '../../functions/rules/problems.ts';
import { RULE_IDS } from '../../functions/common/rule-ids.ts';

describe('problem groups', () => {
  it('lists P1 to P10 in order, each with a label and the report’s words', () => {
    expect(PROBLEMS.map((p) => p.id)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10']);
    for (const p of PROBLEMS) expect(p.label.length > 0 && p.words.length > 0).toBe(true);
    expect(PROBLEMS[1]!.label).toBe('栏目建设不完善');
  });

  it('places every one of the 19 rule ids in a group', () => {
    expect(RULE_IDS).toHaveLength(19);
    for (const rule of RULE_IDS) expect(PROBLEMS).toContain(problemOf(rule));
  });

  it('groups rules as docs/rules.md does', () => {
    const group = (rule: Parameters<typeof problemOf>[0]) => problemOf(rule).id;
    expect((['missing-column', 'empty-column', 'empty-page'] as const).map(group)).toEqual(['P2', 'P2', 'P2']);
    expect(group('stale-column')).toBe('P3');
    expect(group('late-publication')).toBe('P5');
    expect(group('missing-interpretation')).toBe('P6');
    expect(group('privacy-exposure')).toBe('P7');
    expect(group('site-unreachable')).toBe('P8');
    expect(group('broken-link')).toBe('P4');
    expect(group('annual-report-missing')).toBe('P9');
    expect(group('guide-missing-elements')).toBe('P10');
    expect(group('unanswered-message')).toBe('P10');
    expect(group('no-consultation-channel')).toBe('P10');
    expect(group('wording-error')).toBe('P10');
  });
});
