import { RULE_IDS } from '../../functions/common/rule-ids.ts';
import { describe, expect, it } from 'vitest';
import { rules, runRules } from '../../functions/rules/registry.ts';
import { column, context, item, snapshot } from '../support/builders.ts';

describe('registry', () => {
  it('registers every rule of docs/rules.md under its id', () => {
    expect(Object.keys(rules).sort()).toEqual([...RULE_IDS].sort());
  });

  it('runs every rule over a snapshot and returns their findings', () => {
    const s = snapshot({
      columns: [
        column({ id: 'tdsc', name: '土地市场' }, { items: [], placeholder: '暂无信息' }),
        column({ id: 'gzdt', name: '工作动态' }, { items: [item(1, '2017-12-01'), item(2, null)] }),
      ],
      homepage: { items: [item('h', '2017-12-01')] },
    });
    const rulesFired = runRules(s, context(s)).map((f) => `${f.rule}:${f.columnId ?? '-'}`);
    expect(rulesFired).toEqual([
      'homepage-not-updated:-',
      'empty-column:tdsc',
      'stale-column:gzdt',
      'undated-item:gzdt',
      'annual-report-missing:-',
      'no-consultation-channel:-', // no 咨询/信箱 column configured: nowhere to ask
    ]);
  });

  it('skips a rule for a column that lists it in disabledRules, and only for that column', () => {
    const s = snapshot({
      columns: [
        column({ id: 'archive', disabledRules: ['stale-column'] }, { items: [item(1, '2016-01-01')] }),
        column({ id: 'gzdt' }, { items: [item(2, '2016-01-01')] }),
      ],
    });
    expect(
      runRules(s, context(s))
        .filter((f) => f.rule === 'stale-column')
        .map((f) => f.columnId),
    ).toEqual(['gzdt']);
  });

  it('finds nothing on a healthy portal', () => {
    const answered = item('m1', '2017-12-01', {
      title: '咨询宅基地审批材料',
      message: { posted: '2017-12-01', replied: '2017-12-05', status: 'answered', replyUnit: '办公室' },
    });
    const s = snapshot({
      columns: [
        column({ id: 'gzdt', name: '工作动态' }),
        column({ id: 'jzxx', name: '局长信箱', kind: 'interaction', department: '办公室' }, { items: [answered] }),
      ],
      homepage: {
        items: [item('h', '2018-01-12'), item('report', '2017-01-20', { title: '2016年度政府信息公开工作报告' })],
      },
    });
    expect(runRules(s, context(s))).toEqual([]);
  });
});
