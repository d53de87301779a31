import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleApi, type ApiDeps } from '../../functions/api/router.ts';
import type { Finding } from '../../functions/model/finding.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { itemCount, testRepository } from '../support/dynamo.ts';
import { EMPTY, fixtureConfig, seedFindings, STALE, UNDATED } from '../support/finding-fixtures.ts';

// The 整改 routes through the router, on DynamoDB Local: a decision is recorded under the caller's
// identity, `by` is only the name beside it, and every refusal is a JSON 4xx with nothing written.

const WANG = 'arn:aws:iam::111122223333:user/wang';
type Json = Record<string, unknown> & { error?: string; details?: string[] };

describe('finding routes', () => {
  let repo: Repository;
  let deps: ApiDeps;
  let twins: [Finding, Finding];

  const call = async (method: string, path: string, opts: { body?: unknown; identity?: string | null } = {}) => {
    const url = new URL(path, 'http://127.0.0.1');
    const r = await handleApi(
      {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: opts.body === undefined ? null : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
        identity: opts.identity === null ? undefined : (opts.identity ?? WANG),
      },
      deps,
    );
    return { status: r.status, body: r.body as Json };
  };
  const act = (id: string, body: unknown, identity?: string | null) =>
    call('POST', `/portals/gtj/findings/${id}/actions`, { body, identity });

  beforeAll(async () => {
    repo = await testRepository('finding-actions');
    ({ twins } = await seedFindings(repo));
    deps = {
      config: fixtureConfig(),
      repo,
      checkBudgetMs: 1000,
      allowPrivateAddresses: true,
      // Tuesday 2018-01-16, 10:00 in Beijing.
      now: () => new Date('2018-01-16T02:00:00Z'),
    };
  });
  afterAll(() => repo.destroy());

  it('GET a finding answers it with owner, due date and its whole history', async () => {
    const r = await call('GET', `/portals/gtj/findings/${EMPTY.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      portal: 'gtj',
      id: EMPTY.id,
      status: 'open',
      version: 1,
      owner: { department: '办公室', officer: '王丽' },
      due: '2018-01-03',
      overdue: true,
      history: [{ version: 1, from: null, to: 'open', by: 'scan s1', scanId: 's1', asOf: '2018-01-02' }],
    });
  });

  it('records an action under the caller’s identity, with the given name or the identity’s last segment as `by`', async () => {
    const ack = await act(EMPTY.id, { action: 'ack', note: '已安排补充' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      id: EMPTY.id,
      status: 'acknowledged',
      version: 2,
      decision: { action: 'ack', by: 'wang', identity: WANG, note: '已安排补充' },
      change: { version: 2, from: 'open', to: 'acknowledged', by: 'wang', identity: WANG, why: '已安排补充' },
    });

    const ignore = await act(UNDATED.id, {
      action: 'ignore',
      by: '王科长',
      reason: 'not-applicable',
      until: '2018-06-30',
      expectedVersion: 1,
    });
    expect(ignore.status).toBe(200);
    expect(ignore.body).toMatchObject({
      status: 'ignored',
      change: { by: '王科长', identity: WANG, until: '2018-06-30' },
    });

    const stored = await call('GET', `/portals/gtj/findings/${UNDATED.id}`);
    expect((stored.body.history as Json[]).at(-1)).toMatchObject({
      to: 'ignored',
      by: '王科长',
      identity: WANG,
      reason: 'not-applicable',
      why: '忽略：不适用',
    });
    const decisions = await call('GET', '/portals/gtj/decisions?limit=1');
    expect(decisions.body).toMatchObject({
      portal: 'gtj',
      count: 1,
      decisions: [{ findingId: UNDATED.id, to: 'ignored' }],
    });
  });

  it('answers a conflict 409 (stale version, or a transition that does not apply) and writes nothing', async () => {
    const before = await itemCount(repo.tableName);
    const stale = await act(STALE.id, { action: 'ack', expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(`finding ${STALE.id} changed since version 0: it is now version 1, open`);
    const twice = await act(EMPTY.id, { action: 'ack' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatch('is acknowledged; ack applies only to open findings');
    expect(await itemCount(repo.tableName)).toBe(before);
  });

  it('refuses malformed actions, unknown and foreign findings and an unsigned caller with a JSON 4xx, writing nothing', async () => {
    const cases: [string, unknown, number, RegExp, (string | null)?][] = [
      [STALE.id, 'not json', 400, /must be JSON/],
      [STALE.id, { action: 'close' }, 400, /action: must be one of ack, ignore, reopen, confirm/],
      [STALE.id, { action: 'ignore' }, 400, /reason: ignore needs a reason: false-positive, not-applicable, accepted/],
      [STALE.id, { action: 'ack', reason: 'accepted' }, 400, /reason: only ignore takes a reason/],
      [STALE.id, { action: 'reopen', until: '2018-02-01' }, 400, /until: only ignore takes an end date/],
      [STALE.id, { action: 'ack', colour: 'red' }, 400, /colour/],
      [STALE.id, { action: 'ack', by: 'x'.repeat(65) }, 400, /by: /],
      [STALE.id, { action: 'ack', note: '注'.repeat(501) }, 400, /note: /],
      [STALE.id, { action: 'ack', expectedVersion: 1.5 }, 400, /expectedVersion/],
      [STALE.id, { action: 'ignore', reason: 'accepted', until: '2018-02-30' }, 400, /until: must be a real date/],
      [
        STALE.id,
        { action: 'ignore', reason: 'accepted', until: '2018-01-15' },
        400,
        /until 2018-01-15 is in the past \(today is 2018-01-16\)/,
      ],
      ['0123456789abcdef0123', { action: 'ack' }, 404, /no finding 0123456789abcdef0123 in portal gtj/],
      // Ids are per portal: another portal's finding is not in this one.
      [twins[0].id, { action: 'ack' }, 404, new RegExp(`no finding ${twins[0].id} in portal gtj`)],
      ['not-an-id', { action: 'ack' }, 400, /not a finding id/],
      [STALE.id, { action: 'ack' }, 403, /sign the request/, null],
    ];
    const before = await itemCount(repo.tableName);
    for (const [id, body, status, message, identity] of cases) {
      const r = await act(id, body, identity);
      expect({ body, status: r.status }).toEqual({ body, status });
      expect([r.body.error, ...(r.body.details ?? [])].join(' ')).toMatch(message);
    }
    expect(await itemCount(repo.tableName)).toBe(before);
    expect((await repo.getFinding('other', twins[0].id))?.status).toBe('open');

    expect((await call('GET', `/portals/gtj/findings/${twins[0].id}`)).status).toBe(404);
    expect((await call('GET', `/portals/nowhere/findings/${STALE.id}`)).status).toBe(404);
    expect((await call('GET', '/portals/gtj/decisions?limit=0')).status).toBe(400);
    const wrongMethod = await call('GET', `/portals/gtj/findings/${STALE.id}/actions`);
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: expect.stringMatching(/use POST/) } });
    const noRoute = await call('GET', '/portals/gtj/findings/x/y');
    expect(noRoute.body.error).toContain('POST /portals/{id}/findings/{findingId}/actions');
  });
});
