import { loadConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { probePortals } from '../../functions/scan/probe-round.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { parseCommon, parseIsoDateTime, requireConfig, take, UsageError } from './args.ts';
import { probeReportOf, probeJson, probeText, type ProbeReport } from './probe-output.ts';
import { selectPortals } from './scan-command.ts';
import { onShutdown } from './shutdown.ts';

// `disclosure-watch probe`: one round of availability probes, for cron or a test. It records the
// round and reports the week; deciding and sending alerts is `disclosure-watch alerts`' job, so a
// cron line can probe every 30 minutes and alert on its own cadence (or `serve --schedule` does
// both). A failed probe is a measurement, not an error: the exit code stays 0.

export async function probeCommand(argv: string[]): Promise<number> {
  const atOpt = take(argv, '--at', false, '--at 2018-01-15T10:30');
  const opts = parseCommon(atOpt.rest);
  if (opts.asOf !== undefined)
    throw new UsageError(
      '--as-of is a day for the date rules; a probe round happens at an instant: use --at ISO-DATETIME.',
    );
  const at = typeof atOpt.value === 'string' ? parseIsoDateTime(atOpt.value, '--at') : new Date();
  const config = loadConfig(requireConfig(opts));
  selectPortals(config, opts.portal); // a wrong --portal is refused before the store starts
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    const reports = await runProbeRound(await store.repo, config, { portal: opts.portal, at });
    process.stdout.write(
      opts.format === 'json'
        ? JSON.stringify(probeJson(reports, at), null, 2) + '\n'
        : reports.map(probeText).join('\n\n') + '\n',
    );
    return 0;
  } finally {
    release();
    await store.close();
  }
}

/** Probes the selected portals once at `at`, records the round and reports each portal's week. */
export async function runProbeRound(
  repo: Repository,
  config: Config,
  opts: { portal?: string; at: Date },
): Promise<ProbeReport[]> {
  const rounds = await probePortals(selectPortals(config, opts.portal), { repo, at: opts.at });
  return rounds.map(probeReportOf);
}
