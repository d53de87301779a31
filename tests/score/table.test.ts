import { describe, expect, it } from 'vitest';
import { RULE_IDS, type Severity } from '../../functions/common/rule-ids.ts';
import { COLUMN_KINDS } from '../../functions/config/schema.ts';
import { DEDUCTION_LINES, lineMatches, PART_CAPS, SCORE_PARTS } from '../../functions/score/table.ts';

const SEVERITIES: Severity[] = ['veto', 'major', 'minor'];
const KNOWN_RULES = new Set<string>(RULE_IDS);
// Single-veto items by nature: they decide the verdict, they are never a deduction.
const VETO_ONLY = new Set([
  'homepage-not-updated',
  'privacy-exposure',
  'backdated-publication',
  'no-consultation-channel',
]);

describe('the deduction table', () => {
  it('has the four parts of the 2019 indicators, 100 points in all, 办事服务 25', () => {
    expect(PART_CAPS.map((p) => p.part)).toEqual([...SCORE_PARTS]);
    expect(PART_CAPS.reduce((sum, p) => sum + p.points, 0)).toBe(100);
    expect(PART_CAPS.find((p) => p.part === '办事服务')!.points).toBe(25);
  });

  it('names a source for every line and part, a known rule id and a part', () => {
    for (const entry of [...PART_CAPS, ...DEDUCTION_LINES]) {
      expect(entry.source.trim(), JSON.stringify(entry)).not.toBe('');
      // Either an official text or an honest "estimate: …".
      expect(entry.source, JSON.stringify(entry)).toMatch(/^(国办|estimate)/);
    }
    for (const line of DEDUCTION_LINES) {
      expect(KNOWN_RULES.has(line.rule), `${line.id}: unknown rule ${line.rule}`).toBe(true);
      expect(SCORE_PARTS).toContain(line.part);
      expect(line.points, line.id).toBeLessThanOrEqual(line.maxPoints);
      expect(line.indicator, line.id).toMatch(/\p{Script=Han}/u);
    }
    expect(new Set(DEDUCTION_LINES.map((l) => l.id)).size).toBe(DEDUCTION_LINES.length);
  });

  it('carries the public values RULES quotes', () => {
    const policy = DEDUCTION_LINES.find((l) => l.id === 'stale-policy-column')!;
    expect([policy.part, policy.rule, policy.kinds, policy.points]).toEqual([
      '发布解读',
      'stale-column',
      ['policy'],
      5,
    ]);
    const reply = DEDUCTION_LINES.find((l) => l.id === 'late-message-reply')!;
    expect([reply.part, reply.rule, reply.points]).toEqual(['互动交流', 'unanswered-message', 3]);
    const guide = DEDUCTION_LINES.find((l) => l.id === 'guide-missing-elements')!;
    expect([guide.part, guide.points, guide.maxPoints]).toEqual(['办事服务', 2, 16]);
  });

  it('deducts for every rule the code emits that is not a veto item by nature', () => {
    for (const rule of RULE_IDS) {
      if (VETO_ONLY.has(rule)) continue;
      expect(
        DEDUCTION_LINES.some((l) => l.rule === rule),
        `${rule} has no line`,
      ).toBe(true);
    }
    for (const rule of VETO_ONLY) expect(DEDUCTION_LINES.some((l) => l.rule === rule)).toBe(false);
  });

  it('never lets two lines count the same finding (the inspection deducts once)', () => {
    for (const rule of KNOWN_RULES) {
      for (const severity of SEVERITIES) {
        for (const kind of [...COLUMN_KINDS, undefined]) {
          const matching = DEDUCTION_LINES.filter((l) => lineMatches(l, { rule, severity }, kind));
          expect(matching.length, `${rule}/${severity}/${kind}: ${matching.map((l) => l.id)}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('weighs a stale column of every kind that can go stale', () => {
    for (const kind of COLUMN_KINDS) {
      expect(
        DEDUCTION_LINES.some((l) => lineMatches(l, { rule: 'stale-column', severity: 'major' }, kind)),
        kind,
      ).toBe(true);
    }
  });
});
