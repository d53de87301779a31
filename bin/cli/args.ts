import { parseArgs } from 'node:util';
import { addDays, todayInShanghai } from '../../functions/calendar/dates.ts';

// Argument parsing shared by the commands. A usage error names the flag and the fix and exits 2.

export class UsageError extends Error {}

export const USAGE = `disclosure-watch — watches government information-disclosure portals (政府信息公开)

Usage:
  disclosure-watch scan   --config FILE [--portal ID] [--as-of YYYY-MM-DD] [--format text|json] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch check  URL --config FILE [--as-of YYYY-MM-DD] [--format text|json] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch stats  --config FILE --year YYYY [--portal ID] [--format text|json|csv] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch digest --config FILE [--as-of YYYY-MM-DD] [--out DIR] [--send] [--ses-endpoint URL] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch probe  --config FILE [--portal ID] [--at ISO-DATETIME] [--format text|json] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch alerts --config FILE [--portal ID] [--as-of YYYY-MM-DD | --at ISO-DATETIME] [--out DIR] [--send] [--ses-endpoint URL] [--format text|json] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch findings list    --config FILE [--portal ID] [--status open|acknowledged|resolved|ignored|outstanding|all] [--department D] [--rule R] [--overdue] [--as-of YYYY-MM-DD] [--format text|json|csv] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch findings ack     ID --config FILE --by NAME [--note TEXT] [--format text|json] [--store …] [--data-dir DIR]
  disclosure-watch findings ignore  ID --config FILE --by NAME --reason false-positive|not-applicable|accepted [--note TEXT] [--until YYYY-MM-DD] [--store …] [--data-dir DIR]
  disclosure-watch findings reopen  ID --config FILE --by NAME [--note TEXT] [--store …] [--data-dir DIR]
  disclosure-watch findings confirm ID --config FILE --by NAME [--note TEXT] [--store …] [--data-dir DIR]
  disclosure-watch findings history ID --config FILE [--format text|json] [--store …] [--data-dir DIR]
  disclosure-watch serve  --config FILE [--port N] [--schedule [--probe-every MINUTES] [--out DIR] [--send] [--ses-endpoint URL]] [--store local|aws] [--endpoint URL] [--data-dir DIR]
  disclosure-watch demo   [--format text|json]

  probe        one round of availability probes (homepage and probeUrls, 15 s each, one attempt), recorded;
               shows the week's failed share and level. It sends no alert: that is the alerts command's job.
  alerts       the alerts due now (opened, 已恢复) as the files a channel would get, under --out (default
               out/alerts); --send sends them through the portal's channels. --as-of D means 09:00 Beijing time on D.
  findings     整改: the work list (default: open and acknowledged; overdue first, then by severity and age) and a
               person's decisions. ID is the id the list shows, or a unique prefix of 6+ characters; --portal is
               needed only when the config has several portals. A decision is recorded as local:<OS user>, with
               --by as the name shown. ignore holds through --until (inclusive) or until the evidence changes;
               confirm makes a serious wording-error match (待人工确认) count toward the veto item and the score.
  --schedule   serve also runs the schedules (Asia/Shanghai): probes every --probe-every minutes (1–72, default
               30), the daily scan at 02:00, alerts after each, the Monday 08:00 digest; digests go under --out
               (default out/), alerts under --out/alerts, unless --send. One JSON line on stderr per run.
  --as-of      "today" for every date rule, 2000-01-01 to a year ahead (default: today in Asia/Shanghai)
  --at         the instant, e.g. 2018-01-15T10:30 (Beijing time) or 2018-01-15T02:30:00Z (default: now)
  --store      local: DynamoDB Local under --data-dir (default); aws: DynamoDB (table $DW_TABLE_NAME)
  --data-dir   where local data lives (default .disclosure-watch/)

Exit codes: 0 it ran (findings and failed probes are in the output), 1 it could not run or a digest or
alert was refused by its channel, 2 bad input. serve exits 0 when stopped by SIGTERM.`;

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
  if (v['as-of'] !== undefined) checkAsOf(v['as-of']);
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

/** No portal of the kind watched predates 2000; a year ahead is as far as a rehearsal needs. */
export const EARLIEST_AS_OF = '2000-01-01';

/**
 * A real date within bounds: `0000-01-01` or `9999-12-31` would pass as dates, crawl every
 * column and only then make every date rule meaningless.
 */
export function checkAsOf(s: string, today: string = todayInShanghai()): string {
  checkIsoDate(s, '--as-of');
  const latest = addDays(today, 365);
  if (s < EARLIEST_AS_OF || s > latest)
    throw new UsageError(
      `--as-of must lie between ${EARLIEST_AS_OF} and ${latest} (a year from today), not "${s}". Fix: give the day the date rules should take as today, or leave --as-of out for today.`,
    );
  return s;
}

/**
 * An ISO 8601 date-time: `YYYY-MM-DDTHH:MM[:SS[.sss]]`, with `Z` or `±HH:MM`; without an offset it
 * is Beijing time, the bureau's clock. Refuses impossible fields (2018-02-30, 24:00) rather than
 * letting Date roll them over into another instant.
 */
export function parseIsoDateTime(s: string, flag: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  const bad = () =>
    new UsageError(
      `${flag} must be an ISO date-time such as 2018-01-15T10:30 (Beijing time) or 2018-01-15T02:30:00Z, not "${s}".`,
    );
  if (!m) throw bad();
  const field = (i: number) => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  const fields = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real = fields.getUTCFullYear() === year && fields.getUTCMonth() === month - 1 && fields.getUTCDate() === day;
  if (!real || hour > 23 || minute > 59 || second > 59) throw bad();
  const zone = m[8] ?? '+08:00';
  const offsetMin =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  if (Math.abs(offsetMin) > 14 * 60) throw bad();
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  return new Date(fields.getTime() + ms - offsetMin * 60_000);
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
