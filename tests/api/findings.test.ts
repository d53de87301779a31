import { describe, expect, it } from 'vitest';
import { findingsQuerySchema, selectFindings } from '../../functions/api/findings.ts';
import type { StoredFinding } from '../../functions/store/records.ts';
import { portalConfig } from '../support/builders.ts';

const ctx = { portal: portalConfig([]), asOf: '2018-01-15' };

const finding = (id: string, over: Partial<StoredFinding>): StoredFinding => ({
  id,
  portalId: 'p',
  rule: 'stale-column',
  severity: 'major',
  subject: `page:${id}`,
  url: `http://127.0.0.1/${id}.html`,
  title: id,
  message: '',
  action: '',
  evidence: {},
  status: 'open',
  firstSeenScan: 's1',
  firstSeenAsOf: '2018-01-01',
  lastChangedScan: 's1',
  lastChangedAsOf: '2018-01-01',
  reopened: 0,
  ...over,
});

describe('selectFindings', () => {
  const all = [
    finding('a-old', {}),
    finding('b-reopened', { firstSeenAsOf: '2017-11-01', lastChangedAsOf: '2018-01-15', reopened: 1 }),
    finding('c-resolved', { status: 'resolved', resolvedAsOf: '2018-01-15', lastChangedAsOf: '2018-01-15' }),
    finding('d-legacy-resolved', { status: 'resolved', resolvedAsOf: '2018-01-15', lastChangedAsOf: undefined }),
  ];

  it('since: keeps what was first seen, reopened, changed or resolved on or after the day', () => {
    const q = findingsQuerySchema.parse({ status: 'all', since: '2018-01-10' });
    expect(selectFindings(all, q, ctx).page.map((f) => f.id)).toEqual([
      'b-reopened',
      'c-resolved',
      'd-legacy-resolved',
    ]);
  });

  it('pages by cursor without repeating or skipping', () => {
    const first = selectFindings(all, findingsQuerySchema.parse({ status: 'all', limit: '3' }), ctx);
    expect(first.page.map((f) => f.id)).toEqual(['a-old', 'b-reopened', 'c-resolved']);
    const second = selectFindings(
      all,
      findingsQuerySchema.parse({ status: 'all', limit: '3', cursor: first.nextCursor! }),
      ctx,
    );
    expect(second).toEqual({ page: [all[3]], nextCursor: null });
  });

  it('lists the outstanding work (open and acknowledged) by default, and each status on its own', () => {
    const mixed = [
      finding('o', {}),
      finding('k', { status: 'acknowledged' }),
      finding('i', { status: 'ignored' }),
      finding('r', { status: 'resolved' }),
    ];
    const ids = (q: Record<string, string>) =>
      selectFindings(mixed, findingsQuerySchema.parse(q), ctx).page.map((f) => f.id);
    expect(ids({})).toEqual(['k', 'o']);
    expect(ids({ status: 'ignored' })).toEqual(['i']);
    expect(ids({ status: 'open' })).toEqual(['o']);
  });

  it('overdue=true keeps work past its due date: a minor finding first seen 2018-01-02 is due ten working days later, on 01-16', () => {
    const mixed = [
      finding('minor-old', { severity: 'minor', rule: 'undated-item', firstSeenAsOf: '2018-01-02' }),
      finding('major-old', { firstSeenAsOf: '2018-01-02' }), // due 01-09
      finding('veto-today', { severity: 'veto', firstSeenAsOf: '2018-01-15' }), // due 01-16
      finding('ignored-old', { status: 'ignored', firstSeenAsOf: '2017-12-01' }),
    ];
    const ids = (q: Record<string, string>, asOf: string) =>
      selectFindings(mixed, findingsQuerySchema.parse(q), { ...ctx, asOf }).page.map((f) => f.id);
    expect(ids({ overdue: 'true' }, '2018-01-15')).toEqual(['major-old']);
    expect(ids({ overdue: 'true' }, '2018-01-17')).toEqual(['major-old', 'minor-old', 'veto-today']);
    expect(ids({ overdue: 'false' }, '2018-01-15')).toEqual(['minor-old', 'veto-today']);
    expect(findingsQuerySchema.safeParse({ overdue: 'yes' }).success).toBe(false);
  });
});
