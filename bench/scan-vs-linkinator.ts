// Benchmark: a full disclosure-watch scan of the demo portal (crawl, extraction, link checks,
// rules and DynamoDB Local storage) against linkinator's bare recursive crawl of the same site.
// Our bar: the full scan is faster. Run: npx tsx bench/scan-vs-linkinator.ts [runs] [latencyMs]
import { check } from 'linkinator';
import { startDemoServer } from '../demo/portal/server.ts';
import { demoConfig, DEMO_AS_OF } from '../demo/portal/config.ts';
import { parseConfig } from '../functions/config/load-config.ts';
import { startLocalDynamo } from '../functions/local/dynamodb-local.ts';
import { Repository } from '../functions/store/repository.ts';
import { runLocalScan } from '../functions/scan/local-scan.ts';

const runs = Number(process.argv[2] ?? 3);
// Milliseconds the demo server waits before each answer: 0 is loopback, ~100 a county server far away.
const latencyMs = Number(process.argv[3] ?? 0);
const CONCURRENCY = 4; // the demo config's per-host concurrency, given to both
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startDemoServer({ asOf: DEMO_AS_OF, latencyMs });
const portal = parseConfig(demoConfig(server.origin)).portals[0]!;
const ours: number[] = [];
const theirs: number[] = [];
let ourPages = 0;
let theirLinks = 0;
for (let i = 0; i < runs; i++) {
  // Ours, cold, as the CLI runs it: a new DynamoDB Local whose JVM boots while the first
  // requests go out, then the first scan of the portal.
  let t = performance.now();
  const dynamo = startLocalDynamo();
  const repo = dynamo.then(async (d) => {
    const r = new Repository({ tableName: `bench-${i}`, endpoint: d.endpoint });
    await r.ensureTable();
    return r;
  });
  const r = await runLocalScan({ portal, asOf: DEMO_AS_OF, repo, freshStore: true });
  ours.push(performance.now() - t);
  ourPages = r.summary.pages;
  (await repo).destroy();
  await (await dynamo).stop();

  t = performance.now();
  const result = await check({ path: `${server.origin}/mhk-gtj/`, recurse: true, concurrency: CONCURRENCY });
  theirs.push(performance.now() - t);
  theirLinks = result.links.length;
}
await server.close();
console.log(
  JSON.stringify(
    {
      runs,
      latencyMs,
      disclosureWatch: {
        medianMs: Math.round(median(ours)),
        pages: ourPages,
        includes: 'JVM start, crawl, extraction, link checks, rules, DynamoDB writes',
      },
      linkinator: {
        medianMs: Math.round(median(theirs)),
        links: theirLinks,
        includes: 'recursive crawl and link check only',
      },
    },
    null,
    2,
  ),
);
