import { parseArgs } from 'node:util';

// Argument parsing shared by the commands. A usage error names the flag and the fix and exits 2.

export class UsageError extends Error {}

export const USAGE = `disclosure-watch — watches government information-disclosure portals (政府信息公开)

Usage:
  disclosure-watch scan   --config FILE [--portal ID] [--as-of YYYY-MM-DD] [--format text|json] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch check  URL --config FILE [--as-of YYYY-MM-DD] [--format text|json] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch stats  --config FILE --year YYYY [--portal ID] [--format text|json|csv] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch digest --config FILE [--as-of YYYY-MM-DD] [--out DIR] [--send] [--ses-endpoint URL] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch serve  --config FILE [--port N] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch demo   [--format text|json]

  --as-of      "today" for every date rule (default: today in Asia/Shanghai)
  --store      local: DynamoDB Local under --data-dir (default); aws: DynamoDB (table $DW_TABLE_NAME)
  --data-dir   where local data lives (default .disclosure-watch/)

Exit codes: 0 the scan ran (findings are in the output), 1 it could not run, 2 bad input.`;

export interface CommonOptions {
  config?: string;
  portal?: string;
  asOf?: string;
  format: 'text' | 'json';
  store: 'local' | 'aws';
  endpoint?: string;
  dataDir: string;
  positionals: string[];
}

export function parseCommon(argv: string[]): CommonOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        portal: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string', default: 'text' },
        store: { type: 'string', default: 'local' },
        endpoint: { type: 'string' },
        'data-dir': { type: 'string', default: '.disclosure-watch' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run \`disclosure-watch --help\` for the options.`);
  }
  const v = parsed.values;
  if (v.format !== 'text' && v.format !== 'json')
    throw new UsageError(`--format must be text or json, not "${v.format}".`);
  if (v.store !== 'local' && v.store !== 'aws') throw new UsageError(`--store must be local or aws, not "${v.store}".`);
  if (v['as-of'] !== undefined) checkIsoDate(v['as-of'], '--as-of');
  if (v.endpoint !== undefined) {
    try {
      new URL(v.endpoint);
    } catch {
      throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:8000, not "${v.endpoint}".`);
    }
  }
  return {
    config: v.config,
    portal: v.portal,
    asOf: v['as-of'],
    format: v.format,
    store: v.store,
    endpoint: v.endpoint,
    dataDir: v['data-dir']!,
    positionals: parsed.positionals,
  };
}

export function checkIsoDate(s: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) {
    throw new UsageError(`${flag} must be a real date as YYYY-MM-DD (e.g. 2018-01-15), not "${s}".`);
  }
  return s;
}

export function requireConfig(o: CommonOptions): string {
  if (!o.config)
    throw new UsageError('--config FILE is required: the portal config (see docs/config.md, or demo/ for an example).');
  return o.config;
}

/** Takes `--flag VALUE` (or a bare `--flag` when `bare`) out of argv: a command's own options. */
export function take(
  argv: string[],
  flag: string,
  bare = false,
  example = `${flag} VALUE`,
): { value: string | true | undefined; rest: string[] } {
  const at = argv.indexOf(flag);
  if (at === -1) return { value: undefined, rest: argv };
  if (bare) return { value: true, rest: [...argv.slice(0, at), ...argv.slice(at + 1)] };
  const value = argv[at + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${flag} needs a value, e.g. ${example}`);
  return { value, rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}
