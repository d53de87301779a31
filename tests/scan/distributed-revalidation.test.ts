import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/calendar/dates.ts';
import type { RevalidationCounters } from '../../functions/scan/counters.ts';
import { evaluateRun, runCrawlTask } from '../../functions/scan/distributed-scan.ts';
import { startScan } from '../../functions/scan/distributed-start.ts';
import { queueMessageSchema, type CrawlMessage, type QueueMessage } from '../../functions/scan/messages.ts';
import { onRollingTurn } from '../../functions/scan/revalidation.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { firstDay, startLeakingPortal, type LeakingPortal } from '../support/leaking-portal.ts';

// A scan spread over Lambdas revalidates what the in-process scan does: plan-scan reads the
// portal's findings once and each column's message carries that column's pages with outstanding
// findings; a message without them (a planner older than the field, or a column with more than
// a message holds) makes its task read them from the store.

describe('revalidation in a distributed scan', () => {
  let site: LeakingPortal;
  let repo: Repository;
  let day2: string;
  const sent: QueueMessage[] = [];
  const queue = { send: async (messages: QueueMessage[]) => void sent.push(...messages) };

  /** Plans a day's scan, works its messages as crawl-column would (through JSON and the schema), evaluates it. */
  const scanDay = async (day: string, alter: (m: CrawlMessage) => CrawlMessage = (m) => m) => {
    const now = () => new Date(`${day}T02:00:00Z`);
    const scanId = `${day.replaceAll('-', '')}T020000Z-sched`;
    await startScan(site.portal, { asOf: day, scanId }, { repo, queue, now });
    const messages = sent.filter((m): m is CrawlMessage => m.kind === 'crawl' && m.scanId === scanId);
    for (const m of messages) {
      const delivered = queueMessageSchema.parse(JSON.parse(JSON.stringify(alter(m))));
      await runCrawlTask(delivered as CrawlMessage, site.portal, { repo, now });
    }
    const run = await repo.getRun(site.portal.id, scanId);
    const result = await evaluateRun({ portalId: site.portal.id, scanId }, site.portal, { repo });
    return { messages, run: run!, result: result! };
  };
  const outstandingOf = (messages: CrawlMessage[], columnId: string) =>
    messages.find((m) => m.target.kind === 'column' && m.target.columnId === columnId)?.outstanding;

  beforeAll(async () => {
    site = await startLeakingPortal([
      { id: 'tzgg', pages: 6 },
      { id: 'gsgg', pages: 6 },
    ]);
    repo = await testRepository('distreval');
    const leaks = [site.leakOf('tzgg'), site.leakOf('gsgg')];
    day2 = firstDay('2018-01-16', (d) => leaks.every((u) => !onRollingTurn(u, d, 7)));
  });
  afterAll(async () => {
    repo.destroy();
    await site.close();
  });

  it('carries each column its own pages with open findings, and resolves both leaks the day after their fix', async () => {
    const day1 = addDays(day2, -1);
    const first = await scanDay(day1);
    expect(first.messages.find((m) => m.target.kind === 'homepage')?.outstanding).toBeUndefined();
    expect(outstandingOf(first.messages, 'tzgg')).toEqual([]); // nothing found yet
    expect(first.result.findings.filter((f) => f.rule === 'privacy-exposure').map((f) => f.url)).toEqual(
      [site.leakOf('gsgg'), site.leakOf('tzgg')].sort(),
    );

    site.fix('tzgg');
    site.fix('gsgg');
    const since = site.server.requests.length;
    // gsgg's message arrives without the field: its task must find its outstanding page itself.
    const second = await scanDay(day2, (m) => {
      if (m.target.kind !== 'column' || m.target.columnId !== 'gsgg') return m;
      const { outstanding: _dropped, ...older } = m;
      return older;
    });
    expect(outstandingOf(second.messages, 'tzgg')).toEqual([site.leakOf('tzgg')]);
    expect(outstandingOf(second.messages, 'gsgg')).toEqual([site.leakOf('gsgg')]);

    const asked = site.detailRequestsSince(since);
    for (const leak of [site.leakOf('tzgg'), site.leakOf('gsgg')])
      expect(asked.filter((q) => q.url === leak)).toEqual([{ url: leak, conditional: true }]);
    expect(second.result.resolved.map((f) => f.url).sort()).toEqual([site.leakOf('gsgg'), site.leakOf('tzgg')].sort());
    // The run added up what each task counted: both leaks among the pages revalidated.
    const counters = second.run.counters as typeof second.run.counters & RevalidationCounters;
    expect(counters.revalidated).toBe(asked.length);
    expect(counters.revalidated - counters.revalidatedUnchanged).toBe(2);
    expect(second.result.counters).toMatchObject({ revalidated: asked.length });
  });
});
