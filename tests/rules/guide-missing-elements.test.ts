import { describe, expect, it } from 'vitest';
import { guideMissingElements } from '../../functions/rules/guide-missing-elements.ts';
import { problemOf } from '../../functions/rules/problems.ts';
import { staleColumn } from '../../functions/rules/stale-column.ts';
import { undatedItem } from '../../functions/rules/undated-item.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import { DEFAULT_THRESHOLDS } from '../../functions/rules/thresholds.ts';
import { column, context, http, item, page, snapshot } from '../support/builders.ts';
import type { ColumnSnapshot, PageSnapshot } from '../../functions/model/snapshot.ts';

const EIGHT = ['事项名称', '设定依据', '申请条件', '办理材料', '办理地点', '办理时间', '联系电话', '办理流程'];
const complete = item('g1', null, { title: '不动产抵押登记' });
const lacking = item('g2', null, { title: '临时用地审批' });
const guideColumn = (over: Partial<Omit<ColumnSnapshot, 'column'>> = {}) =>
  column(
    { id: 'bszn', name: '办事指南', kind: 'service-guide', department: '行政审批科' },
    {
      items: [complete, lacking],
      ...over,
    },
  );
const guidePages = (): PageSnapshot[] => [
  page(complete.url, 'bszn', { title: '不动产抵押登记', guide: { found: EIGHT, missing: [] } }),
  page(lacking.url, 'bszn', {
    title: '临时用地审批',
    guide: {
      found: ['事项名称', '申请条件', '办理地点', '办理时间', '办理流程'],
      missing: ['设定依据', '办理材料', '联系电话'],
      empty: ['设定依据'],
    },
  }),
];
const run = (columns: ColumnSnapshot[], pages: PageSnapshot[]) => {
  const s = snapshot({ columns, pages });
  return guideMissingElements(s, context(s));
};

describe('guide-missing-elements', () => {
  it('reports one major finding per incomplete guide, naming each missing element', () => {
    const findings = run([guideColumn()], guidePages());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      rule: 'guide-missing-elements',
      severity: 'major',
      url: lacking.url,
      title: '临时用地审批',
      columnId: 'bszn',
      department: '行政审批科',
      evidence: { missing: ['设定依据', '办理材料', '联系电话'], empty: ['设定依据'], guidesChecked: 2 },
    });
    expect(f!.message).toContain('设定依据（有标题无内容）、办理材料、联系电话');
    expect(f!.action).toContain('行政审批科信息员');
    expect(problemOf('guide-missing-elements').id).toBe('P10');
  });

  it('does not judge pages that failed, answered 404 or are no longer listed', () => {
    const [good, bad] = guidePages();
    expect(run([guideColumn()], [good!, { ...bad!, fetch: http(500) }])).toEqual([]);
    expect(run([guideColumn()], [good!, { ...bad!, notFound: true }])).toEqual([]);
    expect(run([guideColumn({ items: [complete] })], guidePages())).toEqual([]);
  });

  it('reports the portal once when its service-guide columns hold no readable guide (no 办事服务)', () => {
    const findings = run([guideColumn({ fetch: http(404) })], guidePages());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'major', evidence: { noGuides: true, columns: ['bszn'] } });
    expect(findings[0]!.message).toContain('无可用的办事服务');
    // No service-guide column configured: nothing to judge.
    expect(run([column({ id: 'xw', kind: 'news' }, { items: [item(1, '2018-01-10')] })], [])).toEqual([]);
  });

  it('a service-guide column is never stale and its undated guides are not undated items', () => {
    const s = snapshot({ columns: [guideColumn({ items: [item('old', '2010-01-01'), complete] })], pages: [] });
    expect(staleColumn(s, context(s))).toEqual([]);
    expect(undatedItem(s, context(s))).toEqual([]);
  });
});

describe('服务不实用 in the veto summary', () => {
  const risk = (findings: ReturnType<typeof run>) =>
    vetoRisks(findings, DEFAULT_THRESHOLDS, 3, { probes: 0, failures: 0 }).find(
      (r) => r.item === 'guide-missing-elements',
    )!;

  it('is ok with complete guides, a warning from one incomplete guide, the veto when no usable guide is left', () => {
    expect(risk([])).toMatchObject({ level: 'ok', count: 0, vetoAt: 1 });
    expect(risk(run([guideColumn()], guidePages()))).toMatchObject({ level: 'warning', count: 1, vetoAt: 2 });
    // Every guide incomplete: 1 of 1.
    const [, bad] = guidePages();
    expect(risk(run([guideColumn({ items: [lacking] })], [bad!]))).toMatchObject({
      level: 'veto',
      count: 1,
      vetoAt: 1,
    });
    // No readable guide at all: 0 of 0.
    expect(risk(run([guideColumn({ fetch: http(404) })], []))).toMatchObject({ level: 'veto', count: 0, vetoAt: 0 });
  });
});

describe('guides stored before they were read', () => {
  it('neither judges a page without its elements read yet nor takes it for a missing guide', () => {
    const unread = guidePages().map(({ guide: _guide, ...p }) => p);
    expect(run([guideColumn()], unread)).toEqual([]);
  });
});
