import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../../demo/portal/server.ts';
import { demoConfig, DEMO_AS_OF, DEMO_PREVIOUS_DAY } from '../../demo/portal/config.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import { UsageError } from './args.ts';
import { printResults, scanPortals } from './scan-command.ts';
import { writeDigests } from './digest-command.ts';

// `npm run demo`: the whole pipeline on the bundled demo portal — a 梅河口市国土资源局 site with
// every kind of problem seeded — served on 127.0.0.1 and scanned on 2018-01-14 and 2018-01-15
// (the report shows the second scan).

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
  // A fresh store each time, so the demo always shows a first scan with the same findings.
  const dataDir = join(values['data-dir']!, 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const server = await startDemoServer();
  try {
    process.stderr.write(`demo portal serving at ${server.origin}/mhk-gtj/index.html (as of ${DEMO_AS_OF})\n`);
    const config = parseConfig(demoConfig(server.origin), 'demo/portal/config.ts');
    let digests: string[] = [];
    // Two daily scans, so the rules that need history (broken twice, first seen late) have it.
    const results = await scanPortals(config, {
      store: 'local',
      dataDir,
      days: [DEMO_PREVIOUS_DAY, DEMO_AS_OF],
      beforeDay: (day) => {
        server.setAsOf(day);
        process.stderr.write(`scanning as of ${day}\n`);
      },
      afterScans: async (repo) => {
        digests = await writeDigests(repo, config, { asOf: DEMO_AS_OF, out: values.out! });
      },
    });
    printResults(results, values.format);
    const main = digests.find((d) => d.includes('mhk-gtj') && d.includes('director@'));
    process.stderr.write(
      `\nweekly digest written for ${digests.length} recipients under ${values.out}/ — open ${main ?? digests[0]}\n`,
    );
    return 0;
  } finally {
    await server.close();
  }
}
