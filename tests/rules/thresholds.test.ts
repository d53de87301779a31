import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, maxAgeFor, resolveThresholds } from '../../functions/rules/thresholds.ts';
import { columnConfig, portalConfig } from '../support/builders.ts';

describe('resolveThresholds', () => {
  it('fills every docs/rules.md default when the portal sets none', () => {
    const t = resolveThresholds(portalConfig([columnConfig({ id: 'a' })]));
    expect(t).toEqual(DEFAULT_THRESHOLDS);
    expect(t).toMatchObject({
      homepageMaxAgeDays: 14,
      homepageWarningDays: 10,
      latePublicationWorkingDays: 20,
      emptyPageMinChars: 30,
      emptyColumnVeto: 5,
      emptyColumnWarning: 3,
      staleColumnVeto: 5,
      staleColumnWarning: 3,
    });
    expect(t.maxAgeDays).toEqual({
      news: 14,
      notice: 183,
      policy: 183,
      personnel: 365,
      planning: 365,
      static: null,
      interpretation: 183,
      'annual-report': 396,
      'service-guide': null,
      interaction: null,
    });
  });

  it('lets a portal override one threshold and one kind without losing the other defaults', () => {
    const t = resolveThresholds(
      portalConfig([columnConfig({ id: 'a' })], {
        thresholds: { latePublicationWorkingDays: 15, maxAgeDays: { news: 7 } },
      }),
    );
    expect(t.latePublicationWorkingDays).toBe(15);
    expect(t.homepageMaxAgeDays).toBe(14);
    expect(t.maxAgeDays.news).toBe(7);
    expect(t.maxAgeDays.notice).toBe(183);
    expect(DEFAULT_THRESHOLDS.maxAgeDays.news).toBe(14); // defaults untouched
  });
});

describe('maxAgeFor', () => {
  const t = resolveThresholds(portalConfig([columnConfig({ id: 'a' })]));

  it('uses the column kind, and never ages a static column', () => {
    expect(maxAgeFor(columnConfig({ id: 'a', kind: 'personnel' }), t)).toBe(365);
    expect(maxAgeFor(columnConfig({ id: 'a', kind: 'static' }), t)).toBeNull();
  });

  it("honours the column's own maxAgeDays over its kind", () => {
    expect(maxAgeFor(columnConfig({ id: 'a', kind: 'news', maxAgeDays: 30 }), t)).toBe(30);
    expect(maxAgeFor(columnConfig({ id: 'a', kind: 'static', maxAgeDays: 730 }), t)).toBe(730);
  });
});
