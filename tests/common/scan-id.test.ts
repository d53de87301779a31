import { describe, expect, it } from 'vitest';
import { scanIdAt } from '../../functions/common/scan-id.ts';

describe('scanIdAt', () => {
  const at = new Date('2018-01-14T18:00:00.123Z');

  it('starts with the second the scan started, so ids sort by time', () => {
    expect(scanIdAt(at, 'sched')).toBe('20180114T180000Z-sched');
    const later = scanIdAt(new Date('2018-01-15T02:00:00Z'));
    expect([later, scanIdAt(at)].sort()[1]).toBe(later);
  });

  it('names a retried schedule the same, and concurrent starts apart', () => {
    expect(scanIdAt(new Date(at), 'sched')).toBe(scanIdAt(at, 'sched'));
    expect(scanIdAt(at)).toMatch(/^20180114T180000Z-[0-9a-f]{6}$/);
    expect(new Set(Array.from({ length: 20 }, () => scanIdAt(at))).size).toBeGreaterThan(1);
  });
});
