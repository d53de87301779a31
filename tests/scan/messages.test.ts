import { describe, expect, it } from 'vitest';
import { queueMessageSchema } from '../../functions/scan/messages.ts';

describe('crawl queue messages', () => {
  const crawl = {
    kind: 'crawl',
    portalId: 'mhk-gtj',
    scanId: '20180115T020000Z-sched',
    asOf: '2018-01-15',
    target: { kind: 'column', columnId: 'tdsc' },
  };
  const check = {
    kind: 'check',
    portalId: 'mhk-gtj',
    checkId: 'mhk-gtj.mf3k2x1a9c0d2e4f',
    url: 'http://www.mhk.gov.cn/gtj/tdsc/index.html',
    asOf: '2018-01-15',
  };

  it('works a message from a newer producer, dropping the fields this version does not know', () => {
    const parsed = queueMessageSchema.parse({ ...crawl, priority: 'high', target: { ...crawl.target, hint: 1 } });
    expect(parsed).toEqual(crawl);
    expect(queueMessageSchema.parse({ ...check, requestedAt: '2018-01-15T02:00:00.000Z', origin: 'api-v2' })).toEqual({
      ...check,
      requestedAt: '2018-01-15T02:00:00.000Z',
    });
  });

  it('refuses what it cannot work: a wrong kind, a bad date, a column target without its id, a page that is no URL, a non-URL check', () => {
    for (const bad of [
      { ...crawl, kind: 'scan' },
      { ...crawl, asOf: '15/01/2018' },
      { ...crawl, target: { kind: 'column' } },
      { ...crawl, outstanding: ['not a url'] },
      { ...check, url: 'not a url' },
      { ...check, portalId: '../etc' },
    ])
      expect(queueMessageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
