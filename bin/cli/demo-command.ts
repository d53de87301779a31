import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../../demo/portal/server.ts';
import { demoConfig, DEMO_AS_OF, DEMO_PREVIOUS_DAY, DEMO_SCAN_DAYS } from '../../demo/portal/config.ts';
import { takeDemoDecisions } from '../../demo/portal/decisions.ts';
import { replayProbeWeek, type ReplayReport } from '../../demo/replay-week.ts';
import { formatShanghai } from '../../functions/alerts/shanghai-clock.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import { startLocalDynamo } from '../../functions/local/dynamodb-local.ts';
import { lockDataDir } from '../../functions/local/data-dir-lock.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { failurePercent } from '../../functions/rules/availability.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import { UsageError } from './args.ts';
import { printResults, scanPortals } from './scan-command.ts';
import { writeDigests } from './digest-command.ts';
import { onShutdown } from './shutdown.ts';

// `npm run demo`: the whole pipeline on the bundled demo portals — a 梅河口市国土资源局 site with
// every kind of problem seeded, and three small siblings — served on 127.0.0.1. A week of
// availability probes is replayed (48 rounds a day, 2018-01-09 to 2018-01-15) with alerts decided
// after every round and written under out/alerts/; the daily scans of 2018-01-09, 2018-01-14 and
// 2018-01-15 run at 02:00 within it (the report shows the last), people ignore one finding and
// acknowledge another on the 14th (demo/portal/decisions.ts), and the weekly digest follows.

export async function demoCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', default: 'text' },
        'data-dir': { type: 'string', default: '.disclosure-watch' },
        out: { type: 'string', default: 'out' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not "${values.format}".`);
  const out = values.out!;
  // A fresh store each time, so the demo always shows a first scan with the same findings.
  const dataDir = join(values['data-dir']!, 'demo');
  // Its own JVM on the data dir, so it takes the data dir itself before emptying it.
  const lock = lockDataDir(dataDir, 'disclosure-watch demo');
  rmSync(join(dataDir, 'dynamodb'), { recursive: true, force: true });
  const server = await startDemoServer();
  // One DynamoDB Local for the probes and both scans: a JVM start costs seconds.
  const dynamo = await startLocalDynamo({ dataDir });
  const store = openStore({ store: 'local', dataDir, endpoint: dynamo.endpoint });
  const release = onShutdown(async () => {
    await store.close();
    await dynamo.stop();
  });
  try {
    process.stderr.write(`demo portal serving at ${server.origin}/mhk-gtj/index.html (as of ${DEMO_AS_OF})\n`);
    const config = parseConfig(demoConfig(server.origin, { alerts: true }), 'demo/portal/config.ts');
    let results: ScanResult[] = [];
    let digests: string[] = [];
    // Two daily scans, so the rules that need history (broken twice, first seen late) have it.
    const scan = async (day: string) => {
      results = await scanPortals(config, {
        store: 'local',
        dataDir,
        endpoint: dynamo.endpoint,
        days: [day],
        beforeDay: () => {
          server.setAsOf(day);
          process.stderr.write(`scanning as of ${day}\n`);
        },
        afterScans: async (repo) => {
          // The second day's decisions (an ignore, an ack), as people would take them at the CLI.
          if (day === DEMO_PREVIOUS_DAY) await takeDemoDecisions(repo, server.origin);
          if (day === DEMO_AS_OF) digests = await writeDigests(repo, config, { asOf: DEMO_AS_OF, out });
        },
      });
    };
    process.stderr.write(`replaying a week of availability probes (48 rounds a day) up to ${DEMO_AS_OF}\n`);
    const replay = await replayProbeWeek({
      portals: config.portals,
      server,
      repo: await store.repo,
      out: join(out, 'alerts'),
      scans: { days: DEMO_SCAN_DAYS, run: scan },
    });
    printResults(results, values.format);
    process.stderr.write(`\n${replaySummary(replay, join(out, 'alerts'))}`);
    const main = digests.find((d) => d.includes('mhk-gtj') && d.includes('director@'));
    process.stderr.write(
      `\nweekly digest written for ${digests.length} recipients under ${out}/ — open ${main ?? digests[0]}\n`,
    );
    return 0;
  } finally {
    release();
    await store.close();
    await dynamo.stop();
    await server.close();
    lock.release();
  }
}

const LEVEL_TEXT = { ok: '正常', warning: '预警', veto: '否决', 'insufficient-data': '数据不足' } as const;

/** The week's availability per portal, then every alert in the order it went out. */
function replaySummary(replay: ReplayReport, dir: string): string {
  const lines = [
    `availability over the replayed week (${replay.rounds} probe rounds, plus each scan's homepage fetch):`,
  ];
  for (const p of replay.portals) {
    const w = p.window;
    lines.push(
      `  ${p.portal.id.padEnd(9)} ${w.probes} probes, ${w.failures} failed (${failurePercent(w)} %): ${p.level} ${LEVEL_TEXT[p.level]}`,
    );
  }
  const files = replay.portals.reduce((n, p) => n + p.files.length, 0);
  lines.push('', `alerts written under ${dir}/ (${files} files: one .eml per recipient, one JSON per robot):`);
  for (const s of replay.sent) {
    const tag = s.kind === 'cleared' ? '已恢复' : LEVEL_TEXT[s.level];
    lines.push(`  ${formatShanghai(s.at)}  ${s.portalId.padEnd(9)} 【${tag}】${s.title}`);
  }
  for (const p of replay.portals)
    for (const h of p.held)
      lines.push(`  held by quiet hours until ${formatShanghai(h.notBefore)}: ${p.portal.id} ${h.key}`);
  const outage = replay.portals
    .find((p) => p.portal.id === 'mhk-gtj')
    ?.files.find((f) => f.includes('-cleared-') && f.endsWith('.json'));
  if (outage) lines.push(`  e.g. ${relative(process.cwd(), outage) || outage}`);
  return `${lines.join('\n')}\n`;
}
