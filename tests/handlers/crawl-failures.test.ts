import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../demo/portal/config.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startDynamoFaultProxy, type DynamoFaultProxy } from '../support/dynamo-fault-proxy.ts';
import { buildLambdaBundles, type LambdaBundles } from '../support/lambda-bundles.ts';
import { sqsEvent, startSqsWire, type SqsWire } from '../support/sqs-wire.ts';

// crawl-column when DynamoDB fails part-way through a batch: the failed message and every one
// after it go back to SQS (FIFO order within the host's group), the ones before stay done, and
// the redelivery completes the run without counting anything twice.

type Handler<E, R> = { handler: (event: E) => Promise<R> };

describe('crawl-column under a DynamoDB failure mid-batch', () => {
  let demo: DemoServer;
  let config: Config;
  let bundles: LambdaBundles;
  let sqs: SqsWire;
  let repo: Repository;
  let proxy: DynamoFaultProxy;
  let env: Record<string, string>;

  beforeAll(async () => {
    demo = await startDemoServer({ asOf: DEMO_AS_OF });
    const all = demoConfig(demo.origin);
    config = { portals: all.portals.filter((p) => p.id === 'mhk-bdc') };
    [bundles, sqs, repo, proxy] = await Promise.all([
      buildLambdaBundles(config),
      startSqsWire(),
      testRepository('faults'),
      startDynamoFaultProxy(inject('dynamoEndpoint')),
    ]);
    env = {
      DW_TABLE_NAME: repo.tableName,
      DW_DYNAMODB_ENDPOINT: proxy.endpoint,
      DW_CRAWL_QUEUE_URL: sqs.queueUrl,
      DW_SQS_ENDPOINT: sqs.url,
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
  }, 120_000);

  afterAll(async () => {
    bundles?.remove();
    repo?.destroy();
    await Promise.all([demo?.close(), sqs?.close(), proxy?.close()]);
  });

  it('hands back the failed message and the rest of the batch, keeps the ones before, and finishes on redelivery', async () => {
    const plan = await bundles.load<Handler<unknown, unknown>>('plan-scan', env);
    await plan.handler({ portalId: 'mhk-bdc', asOf: DEMO_AS_OF });
    const portal = config.portals[0]!;
    const messages = sqs.sent;
    expect(messages).toHaveLength(portal.columns.length + 1);
    const scanId = JSON.parse(messages[0]!.body).scanId as string;
    const crawl = await bundles.load<Handler<unknown, SQSBatchResponse>>('crawl-column', env);

    // The third message's column cannot be written: DynamoDB answers 500 to anything about it.
    const batch = messages.slice(0, 4);
    const doomed = JSON.parse(batch[2]!.body).target.columnId as string;
    proxy.failWhen = (body) => body.includes(`C#${doomed}`);
    const first = await crawl.handler(sqsEvent(batch));
    expect(first.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(batch.slice(2).map((m) => m.messageId));
    expect(proxy.failed).toBeGreaterThan(0);
    const run = await repo.getRun(portal.id, scanId);
    expect(run).toMatchObject({ status: 'crawling', done: 2 });
    const untouched = JSON.parse(batch[3]!.body).target.columnId as string;
    expect(await repo.getColumn(portal.id, untouched)).toBeNull();

    // DynamoDB recovers; SQS redelivers what was handed back, then the rest arrives.
    proxy.failWhen = null;
    const retried = batch.slice(2);
    expect((await crawl.handler(sqsEvent(retried, 2))).batchItemFailures).toEqual([]);
    expect((await crawl.handler(sqsEvent(messages.slice(4)))).batchItemFailures).toEqual([]);
    // A duplicate of a message done in the failed batch adds nothing.
    expect((await crawl.handler(sqsEvent(batch.slice(0, 1), 3))).batchItemFailures).toEqual([]);
    expect(await repo.getRun(portal.id, scanId)).toMatchObject({
      status: 'crawled',
      done: messages.length,
      total: messages.length,
    });
  });

  it('drops a malformed message with an error log instead of blocking the host group, and goes on with the batch', async () => {
    const crawl = await bundles.load<Handler<unknown, SQSBatchResponse>>('crawl-column', env);
    const bad = [
      { body: 'not json', messageId: 'm-1', groupId: 'g', deduplicationId: 'd1' },
      {
        body: JSON.stringify({
          kind: 'crawl',
          portalId: 'mhk-bdc',
          scanId: 'x',
          asOf: '15/01/2018',
          target: { kind: 'column' },
        }),
        messageId: 'm-2',
        groupId: 'g',
        deduplicationId: 'd2',
      },
      {
        body: JSON.stringify({
          kind: 'crawl',
          portalId: 'mhk-bdc',
          scanId: '20180114T180000Z-gone',
          asOf: '2018-01-15',
          target: { kind: 'homepage' },
        }),
        messageId: 'm-3',
        groupId: 'g',
        deduplicationId: 'd3',
      },
    ];
    // The last one is valid but names a run that does not exist (expired): skipped, not retried.
    expect((await crawl.handler(sqsEvent(bad))).batchItemFailures).toEqual([]);
  });
});
