import { describe, expect, it } from 'vitest';
import { findingId, makeFinding, uniqueById } from '../../functions/rules/finding.ts';
import { columnConfig } from '../support/builders.ts';

describe('findingId', () => {
  it('is 20 hex characters and the same for the same portal, rule and subject', () => {
    const id = findingId('mhk-gtj', 'empty-column', 'http://x/tdsc/');
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(findingId('mhk-gtj', 'empty-column', 'http://x/tdsc/')).toBe(id);
  });

  it('differs when any part differs, even if the joined text would not', () => {
    const a = findingId('p', 'empty-column', 'x');
    expect(findingId('q', 'empty-column', 'x')).not.toBe(a);
    expect(findingId('p', 'stale-column', 'x')).not.toBe(a);
    expect(findingId('p', 'empty-column', 'y')).not.toBe(a);
    expect(findingId('a:b', 'empty-page', 'c')).not.toBe(findingId('a', 'empty-page', 'b:c'));
  });

  it('is pinned: a changed hash would reopen every stored finding', () => {
    expect(findingId('p', 'empty-column', 'x')).toMatchInlineSnapshot(`"b428ef09585554006d84"`);
  });
});

describe('makeFinding', () => {
  const column = columnConfig({ id: 'tdsc', name: '土地市场', department: '土地利用科' });

  it('fills id, subject, column and department from the column', () => {
    const f = makeFinding('mhk-gtj', {
      rule: 'empty-column',
      severity: 'veto',
      url: column.url,
      title: column.name,
      column,
      message: 'm',
      action: 'a',
      evidence: { items: 0 },
    });
    expect(f).toEqual({
      id: findingId('mhk-gtj', 'empty-column', column.url),
      portalId: 'mhk-gtj',
      rule: 'empty-column',
      severity: 'veto',
      subject: column.url,
      url: column.url,
      title: '土地市场',
      columnId: 'tdsc',
      department: '土地利用科',
      message: 'm',
      action: 'a',
      evidence: { items: 0 },
    });
  });

  it('uses an explicit subject and leaves column and department out when there is no column', () => {
    const f = makeFinding('p', {
      rule: 'missing-column',
      severity: 'major',
      subject: 'expected:财务预决算',
      url: 'http://x/',
      title: 't',
      message: 'm',
      action: 'a',
      evidence: {},
    });
    expect(f.subject).toBe('expected:财务预决算');
    expect(f.id).toBe(findingId('p', 'missing-column', 'expected:财务预决算'));
    expect('columnId' in f || 'department' in f).toBe(false);
  });

  it('keeps one finding per id', () => {
    const f = makeFinding('p', {
      rule: 'undated-item',
      severity: 'minor',
      url: 'http://x/1',
      title: 't',
      message: 'm',
      action: 'a',
      evidence: {},
    });
    expect(uniqueById([f, { ...f }])).toHaveLength(1);
  });
});
