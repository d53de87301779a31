import { loadConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { annualStats, type AnnualStats } from '../../functions/stats/count.ts';
import { formatStatsText, statsCsv, statsDocument } from '../../functions/stats/format.ts';
import { parseCommon, requireConfig, UsageError, type CommonOptions } from './args.ts';
import { selectPortals } from './scan-command.ts';
import { onShutdown } from './shutdown.ts';

// `disclosure-watch stats --config FILE --year YYYY [--format text|json|csv]`: the numbers of the
// annual report's section 一, from what earlier scans stored. Nothing is fetched.

export type StatsFormat = 'text' | 'json' | 'csv';

export interface StatsOptions extends Omit<CommonOptions, 'format'> {
  format: StatsFormat;
  year: number;
}

/** Takes `--year` and `--format` out of argv (parseCommon knows neither `--year` nor csv). */
export function parseStatsArgs(argv: string[]): StatsOptions {
  const rest: string[] = [];
  let year: string | undefined;
  let format: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(year|format)(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    let value = m[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${m[1]} needs a value, e.g. ${m[1] === 'year' ? '--year 2017' : '--format csv'}.`);
      i += 1;
    }
    if (m[1] === 'year') year = value;
    else format = value;
  }
  if (format !== undefined && format !== 'text' && format !== 'json' && format !== 'csv') {
    throw new UsageError(`--format must be text, json or csv, not "${format}".`);
  }
  if (year === undefined)
    throw new UsageError('--year YYYY is required: the calendar year to count, e.g. --year 2017.');
  if (!/^\d{4}$/.test(year) || Number(year) < 1990) {
    throw new UsageError(`--year must be a four-digit calendar year such as 2017, not "${year}".`);
  }
  const common = parseCommon(rest);
  if (common.asOf !== undefined)
    throw new UsageError(
      '--as-of is not used by stats: it counts what earlier scans stored. Drop it, and pick the year with --year.',
    );
  if (common.positionals.length > 0)
    throw new UsageError(
      `unexpected argument "${common.positionals[0]}". Run \`disclosure-watch --help\` for the options.`,
    );
  return { ...common, format: (format ?? 'text') as StatsFormat, year: Number(year) };
}

export async function statsCommand(argv: string[]): Promise<number> {
  const opts = parseStatsArgs(argv);
  const config = loadConfig(requireConfig({ ...opts, format: 'text' }) /* requireConfig reads only .config */);
  const stats = await collectStats(config, opts);
  process.stdout.write(renderStats(stats, opts.format));
  return 0;
}

/** Reads each selected portal's columns and pages from the store and counts them. */
export async function collectStats(
  config: Config,
  opts: Pick<StatsOptions, 'portal' | 'store' | 'endpoint' | 'dataDir' | 'year'> & { tableName?: string },
): Promise<AnnualStats[]> {
  const portals = selectPortals(config, opts.portal);
  const store = openStore({
    store: opts.store,
    dataDir: opts.dataDir,
    endpoint: opts.endpoint,
    tableName: opts.tableName,
  });
  const release = onShutdown(() => store.close());
  try {
    const repo = await store.repo;
    const out: AnnualStats[] = [];
    for (const portal of portals) {
      const [columns, pages] = await Promise.all([repo.listColumns(portal.id), repo.listPages(portal.id)]);
      if (columns.length === 0) {
        process.stderr.write(
          `disclosure-watch stats: nothing stored for portal "${portal.id}" yet — run \`disclosure-watch scan --config … --portal ${portal.id}\` first (same --store/--data-dir).\n`,
        );
      }
      out.push(annualStats({ portal, year: opts.year, columns, pages }));
    }
    return out;
  } finally {
    release();
    await store.close();
  }
}

export function renderStats(stats: AnnualStats[], format: StatsFormat): string {
  if (format === 'csv') return statsCsv(stats);
  if (format === 'json') {
    const docs = stats.map(statsDocument);
    return JSON.stringify(docs.length === 1 ? docs[0] : { stats: docs }, null, 2) + '\n';
  }
  return stats.map(formatStatsText).join('\n\n' + '─'.repeat(60) + '\n\n') + '\n';
}
