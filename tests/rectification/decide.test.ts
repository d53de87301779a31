import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideFinding, DecisionRefused } from '../../functions/rectification/decide.ts';
import { reconcile } from '../../functions/scan/reconcile.ts';
import { reconcileAndSave } from '../../functions/scan/save-findings.ts';
import type { Finding } from '../../functions/model/finding.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';

// Decisions against DynamoDB Local: conditional on the finding's version, history as items of
// their own, and a scan that races a person never undoes the person's decision.

const empty = (id: string): Finding => ({
  id,
  portalId: 'p',
  rule: 'empty-column',
  severity: 'veto',
  subject: `column:${id}`,
  url: `http://x/${id}/`,
  title: id,
  message: '栏目为空',
  action: '补充内容',
  columnId: id,
  department: '办公室',
  evidence: { items: 0 },
});
const wang = { by: '王科长', identity: 'arn:aws:iam::111122223333:user/wang' };
const li = { by: '李主任', identity: 'arn:aws:iam::111122223333:user/li' };
const day = (d: string) => new Date(`${d}T02:00:00.000Z`);

let repo: Repository;
beforeAll(async () => {
  repo = await testRepository('decide');
});
afterAll(() => repo.destroy());

async function scanOnce(portal: string, scanId: string, asOf: string, current: Finding[]) {
  return reconcileAndSave(repo, portal, await repo.listFindings(portal), current, { scanId, asOf });
}

describe('decideFinding on DynamoDB Local', () => {
  it('keeps a finding’s whole history in order, one query, and the portal’s decisions newest first', async () => {
    await scanOnce('h', 's1', '2018-01-02', [empty('a')]);
    await decideFinding(repo, 'h', 'a', { action: 'ack', note: '在补' }, wang, { now: day('2018-01-02') });
    await decideFinding(repo, 'h', 'a', { action: 'ignore', reason: 'not-applicable', note: '栏目已撤销' }, li, {
      now: day('2018-01-03'),
    });
    await decideFinding(repo, 'h', 'a', { action: 'reopen', note: '栏目恢复' }, wang, { now: day('2018-01-04') });
    await scanOnce('h', 's2', '2018-01-05', []);

    const history = await repo.findingHistory('h', 'a');
    expect(history.map((h) => [h.version, h.from, h.to, h.by])).toEqual([
      [1, null, 'open', 'scan s1'],
      [2, 'open', 'acknowledged', '王科长'],
      [3, 'acknowledged', 'ignored', '李主任'],
      [4, 'ignored', 'open', '王科长'],
      [5, 'open', 'resolved', 'scan s2'],
    ]);
    expect(history[2]).toMatchObject({ reason: 'not-applicable', why: '栏目已撤销', identity: li.identity });
    const decisions = await repo.recentDecisions('h');
    expect(decisions.map((d) => [d.to, d.by])).toEqual([
      ['open', '王科长'],
      ['ignored', '李主任'],
      ['acknowledged', '王科长'],
    ]);
    expect((await repo.getFinding('h', 'a'))!.version).toBe(5);
  });

  it('refuses the second of two people acting on the same version with a conflict, and keeps the first', async () => {
    await scanOnce('c', 's1', '2018-01-02', [empty('a')]);
    await decideFinding(repo, 'c', 'a', { action: 'ack' }, wang, { now: day('2018-01-02'), expectedVersion: 1 });
    const second = decideFinding(repo, 'c', 'a', { action: 'ignore', reason: 'false-positive' }, li, {
      now: day('2018-01-02'),
      expectedVersion: 1,
    });
    await expect(second).rejects.toThrow(/changed since version 1: it is now version 2, acknowledged by 王科长/);
    await expect(second).rejects.toMatchObject({ status: 409 });
    expect(await repo.getFinding('c', 'a')).toMatchObject({ status: 'acknowledged', version: 2 });
    expect(await repo.findingHistory('c', 'a')).toHaveLength(2);
  });

  it('lets exactly one of two simultaneous decisions through, and writes nothing for the other', async () => {
    await scanOnce('r', 's1', '2018-01-02', [empty('a')]);
    const results = await Promise.allSettled([
      // Both saw version 1 (as two people with the same list open do).
      decideFinding(repo, 'r', 'a', { action: 'ack' }, wang, { now: day('2018-01-02'), expectedVersion: 1 }),
      decideFinding(repo, 'r', 'a', { action: 'ignore', reason: 'accepted' }, li, {
        now: day('2018-01-02'),
        expectedVersion: 1,
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DecisionRefused);
    expect(refused.reason.status).toBe(409);
    expect(await repo.findingHistory('r', 'a')).toHaveLength(2);
    expect(await repo.recentDecisions('r')).toHaveLength(1);
  });

  it('answers 404 for an unknown finding and writes nothing', async () => {
    const before = repo.writes;
    await expect(decideFinding(repo, 'r', 'nope', { action: 'ack' }, wang)).rejects.toMatchObject({ status: 404 });
    expect(repo.writes).toBe(before);
  });

  it('keeps a decision made while a scan was saving: the scan reads the finding again and the ignore stands', async () => {
    await scanOnce('x', 's1', '2018-01-02', [empty('a'), empty('b')]);
    const read = await repo.listFindings('x'); // the scan reads …
    await decideFinding(repo, 'x', 'a', { action: 'ignore', reason: 'false-positive' }, wang, {
      now: day('2018-01-03'),
    });
    // … and saves after the person acted: 'a' one day older (a content change), 'b' gone.
    const saved = await reconcileAndSave(repo, 'x', read, [{ ...empty('a'), message: '栏目仍为空' }], {
      scanId: 's2',
      asOf: '2018-01-03',
    });
    expect(saved.ignored.map((f) => f.id)).toEqual(['a']);
    expect(saved.counted).toEqual([]);
    expect(await repo.getFinding('x', 'a')).toMatchObject({ status: 'ignored', message: '栏目仍为空', version: 3 });
    expect((await repo.getFinding('x', 'b'))!.status).toBe('resolved');
    // A naive write of what the scan computed would have reopened it: the condition is what stopped that.
    expect(reconcile(read, [empty('a')], { scanId: 's2', asOf: '2018-01-03' }).counted.map((f) => f.id)).toEqual(['a']);
  });
});
