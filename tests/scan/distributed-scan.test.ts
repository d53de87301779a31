import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { evaluateRun, runCrawlTask } from '../../functions/scan/distributed-scan.ts';
import { startScan } from '../../functions/scan/distributed-start.ts';
import type { CrawlMessage, QueueMessage, TaskQueue } from '../../functions/scan/messages.ts';
import type { Repository } from '../../functions/store/repository.ts';
import type { ScanRun } from '../../functions/store/records.ts';
import { testRepository } from '../support/dynamo.ts';

// The edges of a distributed scan that the daily-scan handler test does not reach: a config
// that changed under a running scan, an evaluation that sees a run not yet crawled, and a run
// still open when the next day's is planned.

const counters = { requests: 0, bytes: 0, notModified: 0, failures: 0, pagesParsed: 0, writes: 0 };
const run = (scanId: string, total: number): ScanRun => ({
  portalId: 'p',
  scanId,
  asOf: '2018-01-15',
  startedAt: '2018-01-15T02:00:00.000Z',
  status: 'crawling',
  total,
  done: 0,
  counters,
  expiresAt: 2_000_000_000,
});
const task = (scanId: string, columnId: string): CrawlMessage => ({
  kind: 'crawl',
  portalId: 'p',
  scanId,
  asOf: '2018-01-15',
  target: { kind: 'column', columnId },
});

describe('the scan pipeline', () => {
  let repo: Repository;
  let portal: PortalConfig;
  beforeAll(async () => {
    repo = await testRepository('pipeline');
    // Nothing listens here: no test below may fetch anything.
    portal = parseConfig({
      portals: [
        {
          id: 'p',
          name: '测试',
          homepage: 'http://127.0.0.1:9/',
          columns: [{ id: 'kept', name: '栏目', url: 'http://127.0.0.1:9/kept/', kind: 'notice' }],
        },
      ],
    }).portals[0]!;
  });
  afterAll(() => repo.destroy());

  it('counts a task whose column left the config, so the run still closes', async () => {
    await repo.createRun(run('20180115T020000Z-a', 1));
    const outcome = await runCrawlTask(task('20180115T020000Z-a', 'gone'), portal, { repo });
    expect(outcome).toMatchObject({
      done: 'skipped',
      reason: expect.stringContaining('column gone is no longer in portal p'),
    });
    const after = await repo.getRun('p', '20180115T020000Z-a');
    expect(after).toMatchObject({ status: 'crawled', done: 1, doneTasks: ['column:gone'] });
  });

  it('throws (so the stream retries) when asked to evaluate a run still crawling or unknown, and returns null once evaluated', async () => {
    await repo.createRun(run('20180115T020000Z-b', 2));
    await expect(evaluateRun({ portalId: 'p', scanId: '20180115T020000Z-b' }, portal, { repo })).rejects.toThrow(
      /is crawling; expected crawled/,
    );
    await expect(evaluateRun({ portalId: 'p', scanId: '20180115T020000Z-none' }, portal, { repo })).rejects.toThrow(
      /not in the store/,
    );
    await repo.createRun({ ...run('20180115T020000Z-c', 0), status: 'evaluated' });
    await expect(evaluateRun({ portalId: 'p', scanId: '20180115T020000Z-c' }, portal, { repo })).resolves.toBeNull();
  });

  it("reports, when planning a scan, that the portal's previous run never finished, and only then", async () => {
    const sent: QueueMessage[] = [];
    const queue: TaskQueue = { send: async (messages) => void sent.push(...messages) };
    const other = { ...portal, id: 'q' };
    const day1 = await startScan(other, { asOf: '2018-01-15', scanId: '20180114T180000Z-sched' }, { repo, queue });
    expect(day1.stalled).toBeNull(); // nothing before it
    const retry = await startScan(other, { asOf: '2018-01-15', scanId: '20180114T180000Z-sched' }, { repo, queue });
    expect(retry).toMatchObject({ resumed: true, stalled: null }); // a retried schedule is not its own predecessor

    const day2 = await startScan(other, { asOf: '2018-01-16', scanId: '20180115T180000Z-sched' }, { repo, queue });
    expect(day2.stalled).toEqual({ scanId: '20180114T180000Z-sched', status: 'crawling', done: 0, total: day1.tasks });

    // Day 2 finishes (every task counted, crawled, evaluated): day 3 has nothing to report.
    for (const m of sent.filter((m): m is CrawlMessage => m.kind === 'crawl' && m.scanId === day2.scanId)) {
      await repo.completeRunTask(
        'q',
        day2.scanId,
        m.target.kind === 'homepage' ? 'homepage' : `column:${m.target.columnId}`,
        counters,
      );
    }
    expect(await repo.advanceRun('q', day2.scanId, 'crawling', 'crawled')).toBe(true);
    expect(await repo.advanceRun('q', day2.scanId, 'crawled', 'evaluated')).toBe(true);
    const day3 = await startScan(other, { asOf: '2018-01-17', scanId: '20180116T180000Z-sched' }, { repo, queue });
    expect(day3.stalled).toBeNull();
  });
});
