import { startBenchPortal, BENCH_AS_OF } from '/work/wt-bench/bench/site/server.ts';
import { parseConfig } from '../functions/config/load-config.ts';
import { startLocalDynamo } from '../functions/local/dynamodb-local.ts';
import { Repository } from '../functions/store/repository.ts';
import { runLocalScan } from '../functions/scan/local-scan.ts';
const N = Number(process.argv[2] ?? 300);
const site = await startBenchPortal({
  pages: N,
  columns: Math.max(1, Math.round(N / 100)),
  latencyMs: 20,
  concurrency: 8,
});
const portal = parseConfig(site.config).portals[0]!;
const d = await startLocalDynamo();
const repo = new Repository({ tableName: 'measure', endpoint: d.endpoint });
await repo.ensureTable();
for (const [i, asOf] of [BENCH_AS_OF, BENCH_AS_OF, '2026-12-01'].entries()) {
  site.resetRequests();
  const t = performance.now();
  const c0 = process.cpuUsage();
  const r = await runLocalScan({ portal, asOf, repo });
  const cpu = process.cpuUsage(c0);
  console.log(
    i,
    asOf,
    Math.round(performance.now() - t),
    'ms',
    'cpu',
    Math.round((cpu.user + cpu.system) / 1000),
    'req',
    site.requests(),
    'pages',
    r.summary.pages,
    'findings',
    r.summary.findings,
    JSON.stringify(r.counters),
    'byRule',
    JSON.stringify(r.findings.reduce((m: any, f) => ((m[f.rule] = (m[f.rule] ?? 0) + 1), m), {})),
  );
}
repo.destroy();
await d.stop();
await site.close();
