// What one portal costs in AWS per month, from what a scan really does: the demo bureau portal
// (19 栏目, 224 pages) scanned twice — a first scan, then a daily re-scan of an unchanged site —
// counting requests, items written and the bytes DynamoDB bills by. Run: npx tsx bench/cost.ts
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DEMO_AS_OF, DEMO_PREVIOUS_DAY, demoConfig } from '../demo/portal/config.ts';
import { startDemoServer } from '../demo/portal/server.ts';
import { startLocalDynamo } from '../functions/local/dynamodb-local.ts';
import type { RevalidationCounters } from '../functions/scan/counters.ts';
import { runLocalScan } from '../functions/scan/local-scan.ts';
import { Repository } from '../functions/store/repository.ts';

// List prices, US East (N. Virginia), arm64 Lambda, DynamoDB on-demand; the China regions bill in CNY at other rates.
const PRICE = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  writeRequestUnit: 0.625 / 1e6,
  readRequestUnit: 0.125 / 1e6,
  storageGbMonth: 0.25,
  pitrGbMonth: 0.2,
  sqsFifoRequest: 0.5 / 1e6,
  apiRequest: 3.5 / 1e6,
};

const server = await startDemoServer({ asOf: DEMO_PREVIOUS_DAY });
const dynamo = await startLocalDynamo();
const repo = new Repository({ tableName: 'cost', endpoint: dynamo.endpoint });
await repo.ensureTable();
const portal = demoConfig(server.origin).portals[0]!;
try {
  const first = await runLocalScan({ portal, asOf: DEMO_PREVIOUS_DAY, repo });
  server.setAsOf(DEMO_AS_OF);
  const t = performance.now();
  const daily = await runLocalScan({ portal, asOf: DEMO_AS_OF, repo });
  const dailySeconds = (performance.now() - t) / 1000;

  // Bytes per record kind: DynamoDB bills a write per started KB and a read per 4 KB.
  const db = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  const items = (await db.send(new ScanCommand({ TableName: 'cost' }))).Items ?? [];
  db.destroy();
  const size = (i: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(i));
  const byKind = new Map<string, { n: number; bytes: number }>();
  for (const i of items) {
    const kind = String((i.sk as { S: string }).S).split('#')[0]!;
    const e = byKind.get(kind) ?? { n: 0, bytes: 0 };
    e.n += 1;
    e.bytes += size(i);
    byKind.set(kind, e);
  }
  const partitionBytes = [...byKind.values()].reduce((a, e) => a + e.bytes, 0);

  // A day in AWS: plan-scan 1, crawl-column one per message (worst case, no batching), evaluate 1.
  const messages = portal.columns.length + 1;
  const invocations = 1 + messages + 1;
  // Each crawl task reads its column's pages (BatchGetItem: every item rounds up to 4 KB) and its
  // column record; plan-scan reads the findings (Query), for the pages to revalidate; evaluate and
  // its link check each read the partition (Query). Eventually consistent: half a unit per 4 KB.
  const pages = byKind.get('U') ?? { n: 0, bytes: 0 };
  const findings = byKind.get('F') ?? { n: 0, bytes: 0 };
  const perItemUnits = Math.ceil(pages.bytes / Math.max(1, pages.n) / 4096);
  const readUnits =
    (pages.n * perItemUnits + messages + Math.ceil(findings.bytes / 4096) + 2 * Math.ceil(partitionBytes / 4096)) / 2;
  // Writes: the items the daily scan wrote (at their real sizes, capped by the biggest kind) plus the run's bookkeeping.
  const avgWriteKb = Math.ceil(partitionBytes / items.length / 1024);
  const writeUnits = daily.counters.writes * avgWriteKb + messages + 3;
  // In AWS the bureau's server sets the pace, not loopback: the default politeness bounds the
  // crawl from below. Its 500 ms is between two request starts, however many are in flight, so a
  // request costs half a second. 1 GB functions, 300 ms of start-up each.
  const politeSeconds = Math.max(dailySeconds, daily.counters.requests * 0.5);
  const gbSeconds = (politeSeconds + invocations * 0.3) * 1;
  const perDay = {
    lambda: invocations * PRICE.lambdaRequest + gbSeconds * PRICE.lambdaGbSecond,
    dynamo: writeUnits * PRICE.writeRequestUnit + readUnits * PRICE.readRequestUnit,
    sqs: messages * 3 * PRICE.sqsFifoRequest, // send, receive, delete
  };
  const storage = (partitionBytes / 1e9) * (PRICE.storageGbMonth + PRICE.pitrGbMonth);
  const month = 30 * (perDay.lambda + perDay.dynamo + perDay.sqs) + storage;

  console.log(
    `first scan  ${DEMO_PREVIOUS_DAY}: ${first.counters.requests} requests, ${first.counters.writes} items written, ${first.summary.pages} pages`,
  );
  const { revalidated } = daily.counters as typeof daily.counters & RevalidationCounters;
  console.log(
    `daily scan  ${DEMO_AS_OF}: ${daily.counters.requests} requests (${daily.counters.notModified} answered 304; ${revalidated} detail pages revalidated), ${daily.counters.writes} items written, ${dailySeconds.toFixed(1)} s`,
  );
  console.log(
    `partition   ${items.length} items, ${(partitionBytes / 1024).toFixed(0)} KB: ${[...byKind].map(([k, e]) => `${k} ${e.n}×${Math.round(e.bytes / e.n)} B`).join(', ')}`,
  );
  console.log(
    `per day     ${invocations} invocations, ${gbSeconds.toFixed(0)} GB-s, ${writeUnits} WRU, ${readUnits.toFixed(0)} RRU, ${messages * 3} SQS requests`,
  );
  console.log(
    `per month   $${month.toFixed(3)} per portal (Lambda $${(30 * perDay.lambda).toFixed(3)}, DynamoDB $${(30 * perDay.dynamo + storage).toFixed(3)}, SQS $${(30 * perDay.sqs).toFixed(4)}), before the fixed costs in the README`,
  );
} finally {
  repo.destroy();
  await server.close();
  await dynamo.stop();
}
