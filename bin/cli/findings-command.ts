import { userInfo } from 'node:os';
import { actionOf, findingActionBody } from '../../functions/api/finding-actions.ts';
import { findingsQuerySchema, selectFindings } from '../../functions/api/findings.ts';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import { loadConfig } from '../../functions/config/load-config.ts';
import type { Config, PortalConfig } from '../../functions/config/schema.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { decideFinding, DecisionRefused } from '../../functions/rectification/decide.ts';
import type { StoredFinding } from '../../functions/store/records.ts';
import type { Repository } from '../../functions/store/repository.ts';
import type { z } from 'zod';
import { parseCommon, requireConfig, UsageError, type CommonOptions } from './args.ts';
import {
  decidedJson,
  decidedText,
  findingsCsv,
  findingsListJson,
  findingsListText,
  findingWithHistoryJson,
  historyText,
  workItems,
} from './findings-output.ts';
import { selectPortals } from './scan-command.ts';
import { onShutdown } from './shutdown.ts';

// `disclosure-watch findings list | ack | ignore | reopen | confirm | history`: the 整改 workflow on the
// command line. A decision goes through the same validation and the same conditional write as the
// API's, recorded under the local user (`local:<OS user>`) with --by as the name shown beside it.
// A refused decision (a wrong transition, a conflict, an end date in the past) exits 2, unwritten.

export const FINDINGS_USAGE = `Usage:
  disclosure-watch findings list     --config FILE [--portal ID] [--status open|acknowledged|resolved|ignored|outstanding|all] [--department D] [--rule R] [--overdue] [--as-of YYYY-MM-DD] [--format text|json|csv]
  disclosure-watch findings ack      ID --config FILE --by NAME [--note TEXT] [--format text|json]
  disclosure-watch findings ignore   ID --config FILE --by NAME --reason false-positive|not-applicable|accepted [--note TEXT] [--until YYYY-MM-DD]
  disclosure-watch findings reopen   ID --config FILE --by NAME [--note TEXT]
  disclosure-watch findings confirm  ID --config FILE --by NAME [--note TEXT]   (a wording-error match 待人工确认 is a real error)
  disclosure-watch findings history  ID --config FILE [--as-of YYYY-MM-DD] [--format text|json]
  (each also takes --store local|aws, --endpoint URL, --data-dir DIR)`;

type Action = 'ack' | 'ignore' | 'reopen' | 'confirm';

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  list: listCommand,
  ack: (argv) => decideCommand('ack', argv),
  ignore: (argv) => decideCommand('ignore', argv),
  reopen: (argv) => decideCommand('reopen', argv),
  confirm: (argv) => decideCommand('confirm', argv),
  history: historyCommand,
};

export async function findingsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(FINDINGS_USAGE + '\n');
    return 0;
  }
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run)
    throw new UsageError(
      `${sub ? `"${sub}" is not a findings command: use` : 'which findings command? Use'} ${Object.keys(SUBCOMMANDS).join(', ')}.\n${FINDINGS_USAGE}`,
    );
  return run(rest);
}

const EXAMPLES: Record<string, string> = {
  status: '--status ignored',
  department: '--department 土地利用科',
  rule: '--rule stale-column',
  format: '--format csv',
  by: '--by 王科长',
  note: '--note "已通知科室"',
  reason: '--reason false-positive',
  until: '--until 2018-03-31',
};

/** Takes `--name VALUE`, `--name=VALUE` (and bare `--flag`s) out of argv; the rest goes to parseCommon. */
function takeFlags(argv: string[], valued: readonly string[], bare: readonly string[] = []) {
  const values: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(argv[i]!);
    const name = m?.[1] ?? '';
    if (bare.includes(name)) {
      if (m![2] !== undefined) throw new UsageError(`--${name} takes no value.`);
      values[name] = true;
    } else if (valued.includes(name)) {
      let value = m![2];
      if (value === undefined) {
        value = argv[i + 1];
        if (value === undefined || value.startsWith('--'))
          throw new UsageError(`--${name} needs a value, e.g. ${EXAMPLES[name] ?? `--${name} VALUE`}.`);
        i += 1;
      }
      values[name] = value;
    } else rest.push(argv[i]!);
  }
  return { values, rest };
}

const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

/** zod's issues as the flags the user typed. */
const flagIssues = (e: z.ZodError) =>
  e.issues.map((i) => `--${String(i.path[0] ?? 'input')}: ${i.message}`).join('; ') + '.';

function onlyPositional(opts: CommonOptions, what: string): string {
  const [first, ...extra] = opts.positionals;
  if (!first)
    throw new UsageError(`${what} needs a finding id, as \`findings list\` shows it (6 characters are enough).`);
  if (extra.length)
    throw new UsageError(`unexpected argument "${extra[0]}"; give one finding id, and --note "…" in quotes.`);
  return first;
}

/** The one portal a listing is about: --portal, or the config's only portal. */
function onePortal(config: Config, portalId?: string): PortalConfig {
  if (portalId) return selectPortals(config, portalId)[0]!;
  if (config.portals.length === 1) return config.portals[0]!;
  throw new UsageError(
    `--portal ID is needed: the config has ${config.portals.length} portals: ${config.portals.map((p) => p.id).join(', ')}.`,
  );
}

/** The local user, as a decision made on this machine records it. */
export function localIdentity(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is all there is.
  }
  return `local:${name || process.env.USER || process.env.USERNAME || 'unknown'}`;
}

async function withRepo<T>(opts: CommonOptions, use: (repo: Repository) => Promise<T>): Promise<T> {
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    return await use(await store.repo);
  } finally {
    release();
    await store.close();
  }
}

const shellWord = (s: string) => (/^[\p{L}\p{N}_./:@%+=,-]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The store flags as given, so a command printed for the user reads the same store. */
function storeFlags(opts: CommonOptions): string {
  const flags: string[] = [];
  if (opts.store !== 'local') flags.push('--store', opts.store);
  if (opts.endpoint) flags.push('--endpoint', opts.endpoint);
  if (opts.dataDir !== '.disclosure-watch') flags.push('--data-dir', opts.dataDir);
  return flags.map(shellWord).join(' ');
}

async function listCommand(argv: string[]): Promise<number> {
  const { values, rest } = takeFlags(argv, ['status', 'department', 'rule', 'format'], ['overdue']);
  const format = str(values.format) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'csv')
    throw new UsageError(`--format must be text, json or csv, not "${format}".`);
  const opts = parseCommon(rest);
  if (opts.positionals.length) throw new UsageError(`unexpected argument "${opts.positionals[0]}" for findings list.`);
  const filters = findingsQuerySchema.safeParse({
    status: str(values.status),
    department: str(values.department),
    rule: str(values.rule),
    overdue: values.overdue ? 'true' : undefined,
  });
  if (!filters.success) throw new UsageError(flagIssues(filters.error));
  const config = loadConfig(requireConfig(opts));
  const portal = onePortal(config, opts.portal);
  const ctx = { portal, asOf: opts.asOf ?? todayInShanghai() };
  return withRepo(opts, async (repo) => {
    const all = await repo.listFindings(portal.id);
    if (all.length === 0)
      process.stderr.write(
        `disclosure-watch findings: nothing stored for portal "${portal.id}" yet — run \`disclosure-watch scan --config … --portal ${portal.id}\` first (same --store/--data-dir).\n`,
      );
    // Every match, in work order: no pages on a terminal.
    const select = (q: typeof filters.data) => selectFindings(all, { ...q, limit: Math.max(1, all.length) }, ctx).page;
    const items = workItems(select(filters.data), ctx);
    // The ignored findings of the same department and rule: dismissed work, never overdue.
    const ignored = select({ ...filters.data, status: 'ignored', overdue: undefined }).length;
    if (format === 'json') process.stdout.write(JSON.stringify(findingsListJson(items, ctx, ignored), null, 2) + '\n');
    else if (format === 'csv') process.stdout.write(findingsCsv(items, ctx));
    else {
      const status = filters.data.status;
      const showsIgnored = status === 'ignored' || status === 'all';
      const { department, rule } = filters.data;
      const command = [
        'disclosure-watch findings list --config',
        shellWord(opts.config!),
        '--portal',
        portal.id,
        '--status ignored',
        ...(department ? ['--department', shellWord(department)] : []),
        ...(rule ? ['--rule', rule] : []),
        storeFlags(opts),
      ];
      process.stdout.write(
        findingsListText(items, ctx, {
          ignored,
          ignoredCommand: showsIgnored ? null : command.join(' ').trim(),
          allIds: all.map((f) => f.id),
          filters: describeFilters(filters.data),
        }),
      );
    }
    return 0;
  });
}

function describeFilters(q: z.infer<typeof findingsQuerySchema>): string {
  const parts = [q.status === 'outstanding' ? 'outstanding (open + acknowledged)' : q.status];
  if (q.overdue) parts.push('overdue');
  if (q.rule) parts.push(`rule ${q.rule}`);
  if (q.department) parts.push(`department ${q.department}`);
  return parts.join(' · ');
}

const ID_PREFIX = /^[0-9a-f]{6,}$/;

/** The finding an id or a unique prefix of one names, in --portal or in any configured portal. */
async function resolveFinding(
  repo: Repository,
  config: Config,
  idOrPrefix: string,
  portalId?: string,
): Promise<{ portal: PortalConfig; finding: StoredFinding }> {
  const prefix = idOrPrefix.toLowerCase();
  if (!ID_PREFIX.test(prefix))
    throw new UsageError(
      `"${idOrPrefix}" is not a finding id: give the id \`findings list\` shows, or at least its first 6 characters (0-9, a-f).`,
    );
  const portals = selectPortals(config, portalId);
  const matches = (
    await Promise.all(
      portals.map(async (portal) =>
        (await repo.listFindings(portal.id))
          .filter((f) => f.id.startsWith(prefix))
          .map((finding) => ({ portal, finding })),
      ),
    )
  ).flat();
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0)
    throw new UsageError(
      `no finding ${idOrPrefix} in ${portals.length === 1 ? `portal ${portals[0]!.id}` : `portals ${portals.map((p) => p.id).join(', ')}`}; ` +
        '`disclosure-watch findings list --status all` shows every id (same --config and store flags).',
    );
  throw new UsageError(
    `finding id ${idOrPrefix} is ambiguous: ${matches.length} findings start with it:\n` +
      matches
        .map((m) => `  ${m.portal.id}  ${m.finding.id}  ${m.finding.status}  ${m.finding.rule}  ${m.finding.title}`)
        .join('\n') +
      '\nGive more of the id.',
  );
}

async function decideCommand(action: Action, argv: string[]): Promise<number> {
  const { values, rest } = takeFlags(argv, ['by', 'note', 'reason', 'until']);
  const opts = parseCommon(rest);
  if (opts.asOf !== undefined)
    throw new UsageError(`--as-of is not for ${action}: a decision is made now, and its history says when.`);
  const id = onlyPositional(opts, `findings ${action}`);
  const identity = localIdentity();
  if (values.by === undefined)
    throw new UsageError(`--by NAME is required: the name recorded beside your user (${identity}), e.g. --by 王科长.`);
  const body = findingActionBody.safeParse({
    action,
    by: str(values.by),
    reason: str(values.reason),
    note: str(values.note),
    until: str(values.until),
  });
  if (!body.success) throw new UsageError(flagIssues(body.error));
  const config = loadConfig(requireConfig(opts));
  return withRepo(opts, async (repo) => {
    const { portal, finding } = await resolveFinding(repo, config, id, opts.portal);
    let decided;
    try {
      decided = await decideFinding(repo, portal.id, finding.id, actionOf(body.data), {
        by: body.data.by!,
        identity,
      });
    } catch (e) {
      if (e instanceof DecisionRefused) throw new UsageError(`${e.message}. Nothing was written.`);
      throw e;
    }
    const ctx = { portal, asOf: decided.entry.asOf };
    process.stdout.write(
      opts.format === 'json'
        ? JSON.stringify(decidedJson(decided.finding, decided.entry, ctx), null, 2) + '\n'
        : decidedText(decided.finding, decided.entry),
    );
    return 0;
  });
}

async function historyCommand(argv: string[]): Promise<number> {
  const opts = parseCommon(argv);
  const id = onlyPositional(opts, 'findings history');
  const config = loadConfig(requireConfig(opts));
  return withRepo(opts, async (repo) => {
    const { portal, finding } = await resolveFinding(repo, config, id, opts.portal);
    const history = await repo.findingHistory(portal.id, finding.id);
    const ctx = { portal, asOf: opts.asOf ?? todayInShanghai() };
    process.stdout.write(
      opts.format === 'json'
        ? JSON.stringify(findingWithHistoryJson(finding, history, ctx), null, 2) + '\n'
        : historyText(finding, history, ctx),
    );
    return 0;
  });
}
