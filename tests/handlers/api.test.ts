import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../demo/portal/config.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { SITE_DEPARTMENT } from '../../functions/common/department.ts';
import type { Config } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import { reconcileAndSave } from '../../functions/scan/save-findings.ts';
import { missingColumn } from '../support/finding-fixtures.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { itemCount as countItems, testRepository } from '../support/dynamo.ts';
import { buildLambdaBundles, type LambdaBundles } from '../support/lambda-bundles.ts';
import { sqsEvent, startSqsWire, type SqsWire } from '../support/sqs-wire.ts';

// The bundled `api` Lambda, called with API Gateway proxy events, over a scanned demo portal.

type Api = { handler: (e: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> };
type Json = Record<string, unknown> & { error?: string };

const OFFICER_ARN = 'arn:aws:iam::000000000000:user/officer';
/** What API Gateway's IAM auth puts in requestContext.identity; null: no signed caller. */
type CallerIdentity = { userArn: string | null; caller?: string };

function event(
  method: string,
  path: string,
  opts: { query?: Record<string, string>; body?: unknown; identity?: CallerIdentity } = {},
): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    path,
    resource: path,
    queryStringParameters: opts.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {},
    isBase64Encoded: false,
    body: opts.body === undefined ? null : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    requestContext: {
      requestId: 'req-1',
      identity: opts.identity ?? { userArn: OFFICER_ARN },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

describe('the bundled api Lambda', () => {
  let demo: DemoServer;
  let config: Config;
  let bundles: LambdaBundles;
  let sqs: SqsWire;
  let repo: Repository;
  let env: Record<string, string>;
  let api: Api;
  let openIds: string[];
  let siteWide: number;

  const call = async (a: Api, method: string, path: string, opts?: Parameters<typeof event>[2]) => {
    const r = await a.handler(event(method, path, opts));
    expect(r.headers?.['content-type']).toMatch(/application\/json/);
    return { status: r.statusCode, body: JSON.parse(r.body) as Json };
  };
  const itemCount = () => countItems(repo.tableName);
  /** A finding of the other configured portal: ids are per portal, so mhk-gtj's routes must not reach it. */
  let foreignId: string;

  beforeAll(async () => {
    demo = await startDemoServer({ asOf: DEMO_AS_OF });
    const all = demoConfig(demo.origin);
    const other = all.portals.find((p) => p.id !== 'mhk-gtj')!;
    config = { portals: [all.portals.find((p) => p.id === 'mhk-gtj')!, other] };
    [bundles, sqs, repo] = await Promise.all([buildLambdaBundles(config), startSqsWire(), testRepository('api')]);
    const scan = await runLocalScan({ portal: config.portals[0]!, asOf: DEMO_AS_OF, repo });
    const foreign = missingColumn(other.id, other.homepage);
    await reconcileAndSave(repo, other.id, [], [foreign], { scanId: 's-other', asOf: DEMO_AS_OF });
    foreignId = foreign.id;
    openIds = scan.findings.map((f) => f.id);
    siteWide = scan.findings.filter((f) => !f.department).length;
    env = {
      DW_TABLE_NAME: repo.tableName,
      DW_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      DW_CRAWL_QUEUE_URL: sqs.queueUrl,
      DW_SQS_ENDPOINT: sqs.url,
      // The demo portal is on 127.0.0.1; in AWS this is never set (see the SSRF test below).
      DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES: '1',
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    };
    api = await bundles.load<Api>('api', env);
  }, 120_000);

  afterAll(async () => {
    bundles?.remove();
    repo?.destroy();
    await Promise.all([demo?.close(), sqs?.close()]);
  });

  it('GET /portals/{id}/summary: the latest scan, the veto-risk lines and the open findings by rule, problem and department', async () => {
    const r = await call(api, 'GET', '/portals/mhk-gtj/summary');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      portal: 'mhk-gtj',
      name: '梅河口市国土资源局',
      latestScan: { asOf: DEMO_AS_OF },
      open: { total: openIds.length },
    });
    const open = r.body.open as { byRule: Record<string, number>; byDepartment: Record<string, number> };
    expect(Object.values(open.byRule).reduce((a, b) => a + b, 0)).toBe(openIds.length);
    expect(Object.values(open.byDepartment).reduce((a, b) => a + b, 0)).toBe(openIds.length);
    // Site-wide findings are filed under the webmaster's name, as in the digest and the CLI.
    expect(siteWide).toBeGreaterThan(0);
    expect(open.byDepartment[SITE_DEPARTMENT]).toBe(siteWide);
    expect(typeof r.body.failsInspection).toBe('boolean');
  });

  it('GET /portals/{id}/findings pages through every open finding exactly once, and filters by rule, department and date', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await call(api, 'GET', '/portals/mhk-gtj/findings', {
        query: { limit: '4', ...(cursor ? { cursor } : {}) },
      });
      expect(r.status).toBe(200);
      const page = r.body.findings as { id: string; status: string }[];
      expect(page.length).toBeLessThanOrEqual(4);
      seen.push(...page.map((f) => f.id));
      cursor = r.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.sort()).toEqual([...openIds].sort());

    const byRule = await call(api, 'GET', '/portals/mhk-gtj/findings', {
      query: { rule: 'stale-column', limit: '200' },
    });
    const stale = byRule.body.findings as { rule: string; department: string | null }[];
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((f) => f.rule === 'stale-column')).toBe(true);
    const department = stale.find((f) => f.department)!.department!;
    const byDept = await call(api, 'GET', '/portals/mhk-gtj/findings', {
      query: { department: department, limit: '200' },
    });
    expect((byDept.body.findings as { department: string }[]).every((f) => f.department === department)).toBe(true);
    const future = await call(api, 'GET', '/portals/mhk-gtj/findings', { query: { since: '2030-01-01' } });
    expect(future.body.findings).toEqual([]);
  });

  it('answers bad input with the right 4xx and a message that says what to send', async () => {
    const cases: [string, string, { query?: Record<string, string>; body?: unknown }, number, RegExp][] = [
      ['GET', '/portals/mhk-gtj/findings', { query: { status: 'closed' } }, 400, /status/],
      ['GET', '/portals/mhk-gtj/findings', { query: { rule: 'no-such-rule' } }, 400, /rule/],
      ['GET', '/portals/mhk-gtj/findings', { query: { limit: '0' } }, 400, /limit/],
      ['GET', '/portals/mhk-gtj/findings', { query: { colour: 'red' } }, 400, /colour/],
      ['GET', '/portals/nowhere/summary', {}, 404, /no portal "nowhere"/],
      ['GET', '/portals/BAD!/summary', {}, 400, /not a portal id/],
      ['GET', '/portals/%E0%A4%A/summary', {}, 400, /not a validly percent-encoded path/],
      ['DELETE', '/portals/mhk-gtj/summary', {}, 405, /use GET/],
      ['GET', '/admin', {}, 404, /no route/],
      ['POST', '/checks', { body: 'not json' }, 400, /must be JSON/],
      ['POST', '/checks', { body: { portalId: 'mhk-gtj' } }, 400, /url/],
      [
        'POST',
        '/checks',
        { body: { portalId: 'mhk-gtj', url: `${demo.origin}/mhk-gtj/index.html`, force: true } },
        400,
        /force/,
      ],
      ['POST', '/checks', { body: { portalId: 'mhk-gtj', url: 'file:///etc/passwd' } }, 400, /http\(s\)/],
      [
        'POST',
        '/checks',
        { body: { portalId: 'mhk-gtj', url: 'http://www.example.com/' } },
        403,
        /not a host of portal mhk-gtj/,
      ],
      ['GET', '/checks/nonsense', {}, 400, /not a check id/],
      ['GET', '/checks/mhk-gtj.aaaaaaaaaaaa', {}, 404, /no check/],
    ];
    const before = await itemCount();
    for (const [method, path, opts, status, message] of cases) {
      const r = await call(api, method, path, opts);
      expect({ path, status: r.status }).toEqual({ path, status });
      expect([r.body.error, ...((r.body.details as string[] | undefined) ?? [])].join(' ')).toMatch(message);
    }
    expect(await itemCount()).toBe(before); // nothing written on a rejected request
  });

  it('POST /checks answers a quick check inline with the findings of that column, and GET /checks/{id} returns it again', async () => {
    const column = config.portals[0]!.columns.find((c) => c.id === 'tdzs') ?? config.portals[0]!.columns[0]!;
    const r = await call(api, 'POST', '/checks', { body: { portalId: 'mhk-gtj', url: column.url } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'done', portal: 'mhk-gtj', url: column.url, result: { kind: 'list' } });
    const again = await call(api, 'GET', `/checks/${r.body.checkId}`);
    expect(again).toMatchObject({
      status: 200,
      body: { checkId: r.body.checkId, status: 'done', result: r.body.result },
    });
  });

  it('POST /checks that outlives the budget answers 202, hands the check to the crawl queue, and the queue finishes it', async () => {
    const slow = await bundles.load<Api>('api', { ...env, DW_CHECK_BUDGET_MS: '1' });
    const url = config.portals[0]!.columns[0]!.url;
    const sentBefore = sqs.sent.length;
    const r = await call(slow, 'POST', '/checks', { body: { portalId: 'mhk-gtj', url } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'running', poll: `/checks/${r.body.checkId}` });
    const queued = sqs.sent.slice(sentBefore);
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.body)).toMatchObject({ kind: 'check', checkId: r.body.checkId, url });
    expect(queued[0]!.groupId).toBe(new URL(url).host);

    const crawl = await bundles.load<{ handler: (e: unknown) => Promise<SQSBatchResponse> }>('crawl-column', env);
    expect((await crawl.handler(sqsEvent(queued))).batchItemFailures).toEqual([]);
    const done = await call(api, 'GET', `/checks/${r.body.checkId}`);
    expect(done.body).toMatchObject({ status: 'done', result: { kind: 'list', url } });
  });

  it('in AWS (no unsafe flag) refuses a portal host that resolves to a loopback address, and writes nothing', async () => {
    const guarded = await bundles.load<Api>('api', { ...env, DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES: undefined });
    const before = await itemCount();
    const r = await call(guarded, 'POST', '/checks', {
      body: { portalId: 'mhk-gtj', url: config.portals[0]!.homepage },
    });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/127\.0\.0\.1, a loopback address/);
    expect(await itemCount()).toBe(before);

    // A check that reached the queue is judged again when it runs: DNS may have moved since.
    const crawl = await bundles.load<{ handler: (e: unknown) => Promise<SQSBatchResponse> }>('crawl-column', {
      ...env,
      DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES: undefined,
    });
    const checkId = 'mhk-gtj.rebound0000000001';
    const message = { kind: 'check', checkId, portalId: 'mhk-gtj', url: config.portals[0]!.homepage, asOf: DEMO_AS_OF };
    const requestsBefore = demo.stats().requests;
    await crawl.handler(
      sqsEvent([{ body: JSON.stringify(message), messageId: 'm-rebound', groupId: 'g', deduplicationId: 'd' }]),
    );
    const stored = await call(api, 'GET', `/checks/${checkId}`);
    expect(stored.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/loopback address/) });
    expect(demo.stats().requests).toBe(requestsBefore);
  });
  // Last: they change findings the listing tests above count.
  it('POST …/actions records the signed caller: the userArn as identity, the given name as `by`; GET shows it in the history', async () => {
    const id = openIds[0]!;
    const r = await call(api, 'POST', `/portals/mhk-gtj/findings/${id}/actions`, {
      body: { action: 'ack', by: '王丽', note: '已通知科室整改', expectedVersion: 1 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id,
      status: 'acknowledged',
      version: 2,
      change: { by: '王丽', identity: OFFICER_ARN },
    });
    const stored = (await repo.findingHistory('mhk-gtj', id)).at(-1);
    expect(stored).toMatchObject({ version: 2, from: 'open', to: 'acknowledged', by: '王丽', identity: OFFICER_ARN });
    expect((await repo.getFinding('mhk-gtj', id))?.decision).toMatchObject({ by: '王丽', identity: OFFICER_ARN });

    const shown = await call(api, 'GET', `/portals/mhk-gtj/findings/${id}`);
    expect(shown.status).toBe(200);
    expect((shown.body.history as Json[]).map((h) => [h.to, h.by, h.identity])).toEqual([
      ['open', expect.stringMatching(/^scan /), undefined],
      ['acknowledged', '王丽', OFFICER_ARN],
    ]);
  });

  it('POST …/actions answers a conflict, a foreign finding, a malformed body and an unsigned caller with a JSON 4xx, writing nothing', async () => {
    const id = openIds[0]!; // acknowledged, version 2, by the test above
    const cases: [string, unknown, CallerIdentity | undefined, number, RegExp][] = [
      [id, { action: 'ack' }, undefined, 409, /is acknowledged; ack applies only to open findings/],
      [
        id,
        { action: 'reopen', expectedVersion: 1 },
        undefined,
        409,
        /changed since version 1: it is now version 2, acknowledged by 王丽/,
      ],
      [foreignId, { action: 'ack' }, undefined, 404, new RegExp(`no finding ${foreignId} in portal mhk-gtj`)],
      [id, '{"action": "ack"', undefined, 400, /must be JSON/],
      [id, { action: 'ignore', note: '误报' }, undefined, 400, /reason: ignore needs a reason/],
      [id, { action: 'ack', by: '王丽', admin: true }, undefined, 400, /admin/],
      [id, { action: 'reopen' }, { userArn: null }, 403, /sign the request/],
    ];
    const before = await itemCount();
    for (const [findingId, body, identity, status, message] of cases) {
      const r = await call(api, 'POST', `/portals/mhk-gtj/findings/${findingId}/actions`, { body, identity });
      expect({ body, status: r.status }).toEqual({ body, status });
      expect([r.body.error, ...((r.body.details as string[] | undefined) ?? [])].join(' ')).toMatch(message);
    }
    expect(await itemCount()).toBe(before);
    const other = config.portals[1]!.id;
    expect((await repo.getFinding(other, foreignId))?.status).toBe('open');
    expect((await call(api, 'GET', `/portals/mhk-gtj/findings/${foreignId}`)).status).toBe(404);
    expect((await call(api, 'GET', `/portals/${other}/findings/${foreignId}`)).status).toBe(200);
  });
  it('falls back to the caller id when API Gateway gives no user ARN, and names the caller by its last segment', async () => {
    const id = openIds[0]!;
    const r = await call(api, 'POST', `/portals/mhk-gtj/findings/${id}/actions`, {
      body: { action: 'reopen' },
      identity: { userArn: null, caller: 'AROAEXAMPLEROLEID:wang.li' },
    });
    expect(r.status).toBe(200);
    expect((await repo.findingHistory('mhk-gtj', id)).at(-1)).toMatchObject({
      from: 'acknowledged',
      to: 'open',
      by: 'wang.li',
      identity: 'AROAEXAMPLEROLEID:wang.li',
    });
  });
});
