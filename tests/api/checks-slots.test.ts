import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckSlots, ChecksBusy, startCheck } from '../../functions/api/checks.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { detailPage, miniConfig } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// serve's cap on checks at once: the rest wait in arrival order and are answered 202 at once; past
// the waiting room a check is refused before anything is stored, so nothing accepted is dropped.

describe('check slots', () => {
  it('runs checks in arrival order as slots free, and refuses past the waiting room', async () => {
    const slots = new CheckSlots(1, 2);
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const first = slots.enter();
    const second = slots.enter();
    const third = slots.enter();
    expect([first.queued, second.queued, third.queued]).toEqual([false, true, true]);
    expect(() => slots.enter()).toThrow(ChecksBusy);
    const runs = [
      first.run(() => held.then(() => order.push('first'))),
      third.run(async () => order.push('third')),
      second.run(async () => order.push('second')),
    ];
    release();
    await Promise.all(runs);
    expect(order).toEqual(['first', 'second', 'third']);
    // All done: the slots are free again.
    expect(slots.enter().queued).toBe(false);
  });

  describe('through startCheck', () => {
    let srv: TestServer;
    let repo: Repository;
    let config: Config;
    let releasePage: () => void = () => {};
    const pageReleased = new Promise<void>((r) => (releasePage = r));
    const item = { path: '/tdsc/t1.html', title: '土地出让公告', date: '2017-12-05', generated: '2017-12-01' };

    beforeAll(async () => {
      srv = await startTestServer({
        [item.path]: (_req, res) =>
          void pageReleased.then(() =>
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(detailPage(item)),
          ),
      });
      repo = await testRepository('check-slots');
      config = miniConfig(srv.origin);
    });
    afterAll(async () => {
      repo.destroy();
      await srv.close();
    });

    it('answers a check over the cap 202 at once, finishes it later, and refuses one past the waiting room', async () => {
      const portal = config.portals[0]!;
      const job = { portal, url: `${srv.origin}${item.path}`, asOf: '2018-01-15' };
      const deps = { config, repo, allowPrivateAddresses: true, slots: new CheckSlots(1, 1) };
      const running = startCheck(job, 60_000, deps);
      // Let the first take its slot before the second asks.
      await new Promise((r) => setTimeout(r, 0));
      const queued = await startCheck(job, 60_000, deps);
      expect(queued).toMatchObject({ finished: false, record: { status: 'running' } });
      await expect(startCheck(job, 60_000, deps)).rejects.toBeInstanceOf(ChecksBusy);
      releasePage();
      expect((await running).record.status).toBe('done');
      for (;;) {
        const r = await repo.getCheck('mini', queued.record.checkId, true);
        if (r?.status !== 'running') {
          expect(r?.status).toBe('done');
          break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    });
  });
});
