import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, startCheck } from '../../functions/api/checks.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import type { CheckMessage, QueueMessage, TaskQueue } from '../../functions/scan/messages.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, listPage, miniConfig } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// On-demand checks from the source: what the caller is told when the check fails on our side,
// and a check that outlives its budget finishing on its own.

describe('on-demand checks', () => {
  let srv: TestServer;
  let repo: Repository;
  let config: Config;
  const item = {
    path: '/tdsc/201712/t20171205_1.html',
    title: '土地出让公告',
    date: '2017-12-05',
    generated: '2017-12-01',
  };
  const slowItem = {
    path: '/tdsc/201712/t20171206_2.html',
    title: '土地出让结果公示',
    date: '2017-12-06',
    generated: '2017-12-02',
  };
  let releaseSlow: () => void = () => {};
  const slowReleased = new Promise<void>((r) => (releaseSlow = r));
  let slowAnswered = 0;

  beforeAll(async () => {
    srv = await startTestServer({
      '/tdsc/index.html': { body: listPage('土地市场', [item]) },
      [item.path]: { body: detailPage(item) },
      // Stalls until the test lets it answer, as a slow county server would.
      [slowItem.path]: (_req, res) =>
        void slowReleased.then(() => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(detailPage(slowItem));
          slowAnswered += 1;
        }),
    });
    repo = await testRepository('checks');
    config = miniConfig(srv.origin);
  });
  afterAll(async () => {
    repo.destroy();
    await srv.close();
  });

  it('tells the caller a failure on our side by check id only, and the operator the cause', async () => {
    const told: string[] = [];
    const job = { checkId: 'mini.abcdefgh01', portalId: 'mini', url: `${srv.origin}${item.path}`, asOf: '2018-01-15' };
    const record = await runCheck(job, {
      config,
      repo,
      allowPrivateAddresses: true,
      fetcherFor: () => {
        throw new Error('ECONNREFUSED 10.0.3.7:8443 (internal topology)');
      },
      onInternalError: (e, id) => told.push(`${id}: ${e.message}`),
    });
    expect(record.status).toBe('failed');
    expect(record.error).toContain('mini.abcdefgh01');
    expect(record.error).not.toContain('10.0.3.7');
    expect(told).toEqual(['mini.abcdefgh01: ECONNREFUSED 10.0.3.7:8443 (internal topology)']);
    expect(await repo.getCheck('mini', job.checkId)).toMatchObject({ status: 'failed', error: record.error });
  });

  it('answers 202-style when the budget runs out, keeps the caller’s request time, and stores the answer when it comes', async () => {
    const portal = config.portals[0]!;
    const started = await startCheck({ portal, url: `${srv.origin}${item.path}`, asOf: '2018-01-15' }, 0, {
      config,
      repo,
      allowPrivateAddresses: true,
    });
    expect(started.finished).toBe(false);
    expect(started.record.status).toBe('running');
    let stored = await repo.getCheck('mini', started.record.checkId);
    for (let i = 0; i < 100 && stored?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await repo.getCheck('mini', started.record.checkId);
    }
    expect(stored).toMatchObject({
      status: 'done',
      requestedAt: started.record.requestedAt,
      result: { kind: 'detail' },
    });
  });

  it('hands a check past its budget to the queue: the inline attempt writes nothing after, the queued one answers, a redelivery re-crawls nothing', async () => {
    const portal = config.portals[0]!;
    const url = `${srv.origin}${slowItem.path}`;
    const sent: QueueMessage[] = [];
    const queue: TaskQueue = { send: async (messages) => void sent.push(...messages) };
    const internal: Error[] = [];
    const deps = { config, repo, queue, allowPrivateAddresses: true, onInternalError: (e: Error) => internal.push(e) };

    const started = await startCheck({ portal, url, asOf: '2018-01-15' }, 50, deps);
    expect(started.finished).toBe(false);
    expect(sent).toMatchObject([{ kind: 'check', checkId: started.record.checkId, url }]);
    // The frozen Lambda thaws: the inline attempt gets its page now, after the hand-off.
    releaseSlow();
    for (let i = 0; i < 100 && slowAnswered === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 500));
    expect(await repo.getCheck('mini', started.record.checkId, true)).toMatchObject({ status: 'running' });
    expect(await repo.getPages('mini', [url])).toEqual([]);
    expect(internal).toEqual([]); // being fenced off is the plan, not a failure to report

    const [message] = sent as [CheckMessage];
    const answered = await runCheck(message, deps);
    expect(answered).toMatchObject({ status: 'done', result: { kind: 'detail' } });
    expect(await repo.getPages('mini', [url])).toHaveLength(1);
    const requests = srv.requests.length;
    expect(await runCheck(message, deps)).toEqual(answered);
    expect(srv.requests.length).toBe(requests);
  });
});
