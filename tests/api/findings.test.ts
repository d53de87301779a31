import { describe, expect, it } from 'vitest';
import { findingsQuerySchema, selectFindings } from '../../functions/api/findings.ts';
import type { StoredFinding } from '../../functions/store/records.ts';

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
    expect(selectFindings(all, q).page.map((f) => f.id)).toEqual(['b-reopened', 'c-resolved', 'd-legacy-resolved']);
  });

  it('pages by cursor without repeating or skipping', () => {
    const first = selectFindings(all, findingsQuerySchema.parse({ status: 'all', limit: '3' }));
    expect(first.page.map((f) => f.id)).toEqual(['a-old', 'b-reopened', 'c-resolved']);
    const second = selectFindings(
      all,
      findingsQuerySchema.parse({ status: 'all', limit: '3', cursor: first.nextCursor! }),
    );
    expect(second).toEqual({ page: [all[3]], nextCursor: null });
  });
});
