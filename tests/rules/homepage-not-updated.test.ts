import { describe, expect, it } from 'vitest';
import { homepageNotUpdated } from '../../functions/rules/homepage-not-updated.ts';
import { addDays } from '../../functions/calendar/dates.ts';
import { AS_OF, column, context, item, snapshot, TIMEOUT } from '../support/builders.ts';
import type { HomepageSnapshot } from '../../functions/model/snapshot.ts';

const ago = (days: number) => addDays(AS_OF, -days);
const run = (homepage: Partial<HomepageSnapshot>, columnDates: (string | null)[] = [ago(1)]) => {
  const s = snapshot({ homepage, columns: [column({ id: 'gzdt' }, { items: columnDates.map((d, i) => item(i, d)) })] });
  return homepageNotUpdated(s, context(s));
};

describe('homepage-not-updated', () => {
  it('flags a homepage whose newest item is 15 days old, as a veto with its age', () => {
    const [f] = run({ items: [item('h1', ago(15)), item('h2', ago(30))] });
    expect(f).toMatchObject({
      rule: 'homepage-not-updated',
      severity: 'veto',
      title: '梅河口市国土资源局',
      evidence: { source: 'homepage', newest: ago(15), ageDays: 15, maxAgeDays: 14 },
    });
    expect(f!.subject).toBe(f!.url);
  });

  it('does not flag a homepage whose newest item is 14 days old', () => {
    expect(run({ items: [item('h1', ago(14))] })).toEqual([]);
  });

  it('judges a homepage by its own items even when a column is fresher', () => {
    expect(run({ items: [item('h1', ago(20))] }, [ago(1)])).toHaveLength(1);
  });

  it('judges a navigation-only homepage by the newest item of any column', () => {
    expect(run({ items: [] }, [ago(3)])).toEqual([]);
    const [f] = run({ items: [item('h', null)] }, [ago(15), null]);
    expect(f?.evidence).toMatchObject({ source: 'columns', newest: ago(15), ageDays: 15 });
  });

  it('flags a site with no dated item anywhere', () => {
    const [f] = run({ items: [] }, [null]);
    expect(f?.evidence).toMatchObject({ newest: null, ageDays: null });
  });

  it('does not fire when the homepage could not be fetched (site-unreachable does)', () => {
    expect(run({ fetch: TIMEOUT, items: [] }, [ago(100)])).toEqual([]);
  });

  it('ignores homepage items dated after the as-of date', () => {
    const [f] = run({ items: [item('h1', addDays(AS_OF, 2)), item('h2', ago(15))] });
    expect(f?.evidence.newest).toBe(ago(15));
  });
});
