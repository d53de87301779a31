import { describe, expect, it } from 'vitest';
import { newCheckId, portalOfCheckId } from '../../functions/api/checks.ts';
import { PORTAL_ID_MAX_LENGTH, PORTAL_ID_PATTERN, portalIdSchema } from '../../functions/common/portal-id.ts';
import { crawlMessageSchema } from '../../functions/scan/messages.ts';

// One rule for a portal id, wherever an id arrives: the config, the queue, a check id, the gateway.

const longest = 'a'.repeat(PORTAL_ID_MAX_LENGTH);
const tooLong = 'a'.repeat(PORTAL_ID_MAX_LENGTH + 1);

describe('portal id', () => {
  it('accepts lower-case letters, digits and dashes up to 63 characters, starting with a letter or digit', () => {
    for (const ok of ['mhk-gtj', '0', 'a-b-c', longest]) expect(portalIdSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['', '-mhk', 'MHK', 'mhk_gtj', 'mhk.gtj', tooLong])
      expect(portalIdSchema.safeParse(bad).success).toBe(false);
  });

  it('gives API Gateway the same rule as a pattern string', () => {
    const gateway = new RegExp(PORTAL_ID_PATTERN);
    for (const id of ['mhk-gtj', longest, tooLong, '-mhk', 'MHK'])
      expect(gateway.test(id)).toBe(portalIdSchema.safeParse(id).success);
  });

  it('is the rule a queue message and a check id are held to', () => {
    const message = (portalId: string) => ({
      kind: 'crawl',
      portalId,
      scanId: '20250101T000000Z-abc',
      asOf: '2025-01-01',
      target: { kind: 'homepage' },
    });
    expect(crawlMessageSchema.safeParse(message(longest)).success).toBe(true);
    expect(crawlMessageSchema.safeParse(message(tooLong)).success).toBe(false);
    const now = new Date('2025-01-01T00:00:00Z');
    expect(portalOfCheckId(newCheckId(longest, now))).toBe(longest);
    expect(portalOfCheckId(newCheckId(tooLong, now))).toBeNull();
  });
});
