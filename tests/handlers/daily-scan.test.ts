import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sesLocal from 'aws-ses-v2-local';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../demo/portal/config.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import type { Alert } from '../../functions/alerts/alert.ts';
import type { Config } from '../../functions/config/schema.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { startRobotReceiver, type RobotReceiver } from '../alerts/support/robot-receiver.ts';
import { testRepository } from '../support/dynamo.ts';
import { readStream } from '../support/dynamo-stream.ts';
import { buildLambdaBundles, type LambdaBundles } from '../support/lambda-bundles.ts';
import { sqsEvent, startSqsWire, type SentMessage, type SqsWire } from '../support/sqs-wire.ts';

// A whole daily scan and a digest run through the bundled Lambdas, driven by the events AWS
// would send: Scheduler → plan-scan → (SQS FIFO) → crawl-column → (DynamoDB stream) →
// evaluate (→ same-day alerts), then Scheduler → send-digest → SES. DynamoDB Local,
// aws-ses-v2-local, a webhook receiver and the demo portal are real; SQS is the recorded wire
// (tests/support/sqs-wire.ts says why).

type StartSes = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;
const startSes = ((sesLocal as unknown as { default: StartSes }).default ?? sesLocal) as StartSes;
type Handler<E, R> = { handler: (event: E) => Promise<R> };

// 02:00 on 2018-01-15 in Asia/Shanghai, as Scheduler's <aws.scheduler.scheduled-time> gives it.
const DAILY_FIRE = '2018-01-14T18:00:00Z';
// Monday 08:00 the same day.
const DIGEST_FIRE = '2018-01-15T00:00:00Z';

describe('the bundled Lambdas run a daily scan and a digest end to end', () => {
  let demo: DemoServer;
  let config: Config;
  let bundles: LambdaBundles;
  let sqs: SqsWire;
  let ses: Server;
  let sesUrl: string;
  let hook: RobotReceiver;
  let repo: Repository;
  let env: Record<string, string>;
  const endpoint = inject('dynamoEndpoint');

  beforeAll(async () => {
    demo = await startDemoServer({ asOf: DEMO_AS_OF });
    // The first portal's alerts go to a plain webhook, so the digest's SES store holds digests only.
    const base = demoConfig(demo.origin);
    config = {
      portals: base.portals.map((p, i) =>
        i === 0 ? { ...p, alerts: { channels: [{ type: 'webhook' as const, url: { env: 'DW_ALERT_HOOK' } }] } } : p,
      ),
    };
    [bundles, sqs, ses, repo, hook] = await Promise.all([
      buildLambdaBundles(config),
      startSqsWire(),
      startSes({ host: '127.0.0.1', port: await freePort() }),
      testRepository('lambda'),
      startRobotReceiver(),
    ]);
    sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
    env = {
      DW_TABLE_NAME: repo.tableName,
      DW_DYNAMODB_ENDPOINT: endpoint,
      DW_CRAWL_QUEUE_URL: sqs.queueUrl,
      DW_SQS_ENDPOINT: sqs.url,
      DW_SES_FROM: 'disclosure-watch@mhk.example.gov.cn',
      DW_SES_ENDPOINT: sesUrl,
      DW_ALERT_HOOK: hook.hookUrl,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
  }, 120_000);

  afterAll(async () => {
    bundles?.remove();
    repo?.destroy();
    await Promise.all([demo?.close(), sqs?.close(), hook?.close(), new Promise((r) => ses?.close(r))]);
  });

  const crawlMessages = () => sqs.sent.filter((m) => JSON.parse(m.body).kind === 'crawl');

  it('plan-scan, fired by the daily schedule, plans one run per portal and one FIFO message per column, grouped by host', async () => {
    const plan = await bundles.load<
      Handler<unknown, { asOf: string; scans: { portal: string; tasks: number; resumed: boolean; stalled: unknown }[] }>
    >('plan-scan', env);
    const out = await plan.handler({ scheduledTime: DAILY_FIRE });
    expect(out.asOf).toBe(DEMO_AS_OF);
    const expected = config.portals.map((p) => ({
      portal: p.id,
      tasks: p.columns.length + 1,
      resumed: false,
      stalled: null,
    }));
    expect(out.scans).toMatchObject(expected);
    const total = expected.reduce((n, s) => n + s.tasks, 0);
    expect(crawlMessages()).toHaveLength(total);
    expect(sqs.calls.every((c) => c === 'AmazonSQS.SendMessageBatch')).toBe(true);
    expect(new Set(crawlMessages().map((m) => m.groupId))).toEqual(new Set([new URL(demo.origin).host]));
    expect(new Set(crawlMessages().map((m) => m.deduplicationId)).size).toBe(total);

    // Scheduler retries with the same scheduled time: the same run, the same deduplication ids.
    const again = await plan.handler({ scheduledTime: DAILY_FIRE });
    expect(again.scans.every((s) => s.resumed)).toBe(true);
    const ids = crawlMessages().map((m) => m.deduplicationId);
    expect(new Set(ids).size).toBe(total);
  });

  it('crawl-column crawls every column once, however often SQS redelivers, and closes each run exactly once under concurrent completions', async () => {
    const crawl = await bundles.load<Handler<unknown, SQSBatchResponse>>('crawl-column', env);
    // The re-plan sent every message twice (SQS FIFO would have dropped the copies): first copies only.
    const byDedup = new Map<string, SentMessage>();
    for (const m of crawlMessages()) if (!byDedup.has(m.deduplicationId!)) byDedup.set(m.deduplicationId!, m);
    const messages = [...byDedup.values()];
    const batches: SentMessage[][] = [];
    for (let i = 0; i < messages.length; i += 5) batches.push(messages.slice(i, i + 5));

    // The first batches one after another, then one of them again (a redelivery after a lost delete).
    const tail = batches.splice(-3);
    for (const b of batches) expect((await crawl.handler(sqsEvent(b))).batchItemFailures).toEqual([]);
    const requestsBefore = demo.stats().requests;
    expect((await crawl.handler(sqsEvent(batches[0]!, 2))).batchItemFailures).toEqual([]);
    expect(demo.stats().requests).toBe(requestsBefore); // a counted task is not crawled again
    // The last three batches at once, each delivered twice: the final columns of a portal
    // complete concurrently, and so do duplicates of them.
    const results = await Promise.all(tail.flatMap((b) => [crawl.handler(sqsEvent(b)), crawl.handler(sqsEvent(b, 2))]));
    for (const r of results) expect(r.batchItemFailures).toEqual([]);
    const kcz = config.portals.at(-1)!;
    expect(tail.flat().filter((m) => JSON.parse(m.body).portalId === kcz.id).length).toBeGreaterThan(1);

    for (const portal of config.portals) {
      const runs = await repo.listScans(portal.id);
      expect(runs).toEqual([]); // not evaluated yet: evaluate waits for the stream
    }
    const records = await readStream(endpoint, repo.tableName);
    const flips = records.filter(
      (r) =>
        r.eventName === 'MODIFY' &&
        r.dynamodb?.NewImage?.status?.S === 'crawled' &&
        r.dynamodb?.OldImage?.status?.S === 'crawling',
    );
    expect(flips.map((r) => r.dynamodb?.NewImage?.portalId?.S).sort()).toEqual(config.portals.map((p) => p.id).sort());
    for (const f of flips) expect(f.dynamodb?.NewImage?.done?.N).toBe(f.dynamodb?.NewImage?.total?.N);
  });

  it('evaluate, fed the stream, evaluates each run once and finds what the CLI finds', async () => {
    const evaluate = await bundles.load<Handler<unknown, { evaluated: { portal: string; findings: number }[] }>>(
      'evaluate',
      env,
    );
    const records = await readStream(endpoint, repo.tableName);
    // Every record of the table goes by, in stream batches of 100, twice (at-least-once delivery).
    const evaluated: { portal: string; findings: number }[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < records.length; i += 100)
        evaluated.push(...(await evaluate.handler({ Records: records.slice(i, i + 100) })).evaluated);
    }
    expect(evaluated.map((e) => e.portal).sort()).toEqual(config.portals.map((p) => p.id).sort());

    // The same day scanned by the CLI's in-process pipeline into a table of its own.
    const cliRepo = await testRepository('lambda-cli');
    try {
      for (const portal of config.portals) {
        const cli = await runLocalScan({ portal, asOf: DEMO_AS_OF, repo: cliRepo });
        const lambda = (await repo.listFindings(portal.id)).filter((f) => f.status === 'open');
        expect(lambda.map((f) => f.id).sort()).toEqual(cli.findings.map((f) => f.id).sort());
        const [scan] = await repo.listScans(portal.id);
        expect(scan).toMatchObject({ asOf: DEMO_AS_OF, findings: { open: cli.findings.length } });
        expect(scan!.counters.requests).toBeGreaterThan(portal.columns.length);
        expect(evaluated.find((e) => e.portal === portal.id)?.findings).toBe(cli.findings.length);
      }
    } finally {
      cliRepo.destroy();
    }
  });

  it('evaluate alerts each leak it found the same day, once, though every record came twice', async () => {
    const [portal] = config.portals;
    const leaks = (await repo.listFindings(portal!.id)).filter(
      (f) => f.status === 'open' && f.rule === 'privacy-exposure',
    );
    expect(leaks.length).toBeGreaterThan(0);
    const alerts = hook.received.map((r) => r.json as Alert);
    expect(hook.received.every((r) => r.path === '/hook')).toBe(true);
    const leakAlerts = alerts.filter((a) => a.key.startsWith('finding:'));
    expect(leakAlerts.map((a) => a.key).sort()).toEqual(leaks.map((f) => `finding:${f.id}`).sort());
    for (const a of leakAlerts) expect(a).toMatchObject({ portalId: portal!.id, kind: 'opened', level: 'veto' });
    // Warnings may be held by quiet hours (22:00–07:00 Beijing); whatever went out went once.
    expect(new Set(alerts.map((a) => a.key)).size).toBe(alerts.length);
    expect((await repo.listAlertStates(config.portals[1]!.id)).length).toBeGreaterThan(0); // no channels: states only
  });

  it('send-digest, fired on Monday 08:00, emails every recipient once and never twice on a retry', async () => {
    const digest = await bundles.load<
      Handler<unknown, { asOf: string; reports: { portal: string; sent: number; alreadySent: number }[] }>
    >('send-digest', env);
    const out = await digest.handler({ scheduledTime: DIGEST_FIRE });
    expect(out.asOf).toBe(DEMO_AS_OF);
    const recipients = config.portals.flatMap((p) => (p.recipients ?? []).map((r) => r.email));
    expect(out.reports.reduce((n, r) => n + r.sent, 0)).toBe(recipients.length);
    const stored = async () =>
      (
        (await (await fetch(`${sesUrl}/store`)).json()) as {
          emails: { destination: { to: string[] }; subject: string }[];
        }
      ).emails;
    const emails = await stored();
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual([...recipients].sort());
    expect(emails.find((e) => e.destination.to[0] === 'director@mhk-gtj.example.gov.cn')?.subject).toContain(
      '梅河口市国土资源局',
    );

    const retry = await digest.handler({ scheduledTime: DIGEST_FIRE });
    expect(retry.reports.every((r) => r.sent === 0 && r.alreadySent > 0)).toBe(true);
    expect(await stored()).toHaveLength(recipients.length);
  });
});
