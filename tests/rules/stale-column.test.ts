import { describe, expect, it } from 'vitest';
import { staleColumn } from '../../functions/rules/stale-column.ts';
import { addDays } from '../../functions/calendar/dates.ts';
import { AS_OF, column, context, http, item, snapshot, TIMEOUT } from '../support/builders.ts';
import type { ColumnConfig } from '../../functions/config/schema.ts';

const ago = (days: number) => addDays(AS_OF, -days);
const run = (config: Partial<ColumnConfig> & { id: string }, dates: (string | null)[], over = {}) => {
  const s = snapshot({
    columns: [column(config, { items: dates.map((d, i) => item(`${config.id}-${i}`, d)), ...over })],
  });
  return staleColumn(s, context(s));
};

describe('stale-column', () => {
  it('flags a news column silent for 15 days, as a veto with newest date, age and max age', () => {
    const [f] = run({ id: 'gzdt', name: '工作动态', kind: 'news', department: '办公室' }, [ago(15), ago(40)]);
    expect(f).toMatchObject({
      rule: 'stale-column',
      severity: 'veto',
      columnId: 'gzdt',
      department: '办公室',
      evidence: { kind: 'news', newest: ago(15), ageDays: 15, maxAgeDays: 14 },
    });
    expect(f!.message).toContain('「工作动态」栏目');
  });

  it('does not flag a news column whose newest item is 14 days old', () => {
    expect(run({ id: 'gzdt', kind: 'news' }, [ago(14), ago(100)])).toEqual([]);
  });

  it('does not flag a notice column whose newest item is 182 days old, but flags one at 184', () => {
    expect(run({ id: 'tzgg', kind: 'notice' }, [ago(182)])).toEqual([]);
    expect(run({ id: 'tzgg', kind: 'notice' }, [ago(183)])).toEqual([]);
    expect(run({ id: 'tzgg', kind: 'notice' }, [ago(184)])[0]?.severity).toBe('veto');
  });

  it('flags a personnel column after a year as major, not veto', () => {
    expect(run({ id: 'rs', kind: 'personnel' }, [ago(365)])).toEqual([]);
    expect(run({ id: 'rs', kind: 'personnel' }, [ago(366)])[0]?.severity).toBe('major');
  });

  it('never flags a static column', () => {
    expect(run({ id: 'jgzn', kind: 'static' }, [ago(3000)])).toEqual([]);
  });

  it("honours a column's own maxAgeDays", () => {
    expect(run({ id: 'gzdt', kind: 'news', maxAgeDays: 30 }, [ago(20)])).toEqual([]);
    expect(run({ id: 'gzdt', kind: 'news', maxAgeDays: 30 }, [ago(31)])).toHaveLength(1);
  });

  it('does not judge a column with no dated items (empty-column and undated-item do)', () => {
    expect(run({ id: 'gzdt' }, [])).toEqual([]);
    expect(run({ id: 'gzdt' }, [null, null])).toEqual([]);
  });

  it('ignores items dated after the as-of date when finding the newest', () => {
    const [f] = run({ id: 'gzdt' }, [addDays(AS_OF, 3), ago(20)]);
    expect(f?.evidence.newest).toBe(ago(20));
  });

  it('judges a timed-out column on the items the last scan kept, but not a column that is gone', () => {
    expect(run({ id: 'gzdt' }, [ago(20)], { fetch: TIMEOUT })).toHaveLength(1);
    expect(run({ id: 'gzdt' }, [ago(20)], { fetch: http(404) })).toEqual([]);
  });
});
