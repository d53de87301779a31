import { ConfigError } from '../../functions/config/load-config.ts';
import { DataDirBusy } from '../../functions/local/data-dir-lock.ts';
import { LocalDynamoError } from '../../functions/local/dynamodb-local.ts';
import { DataDirUnusable, LocalStoreStopped } from '../../functions/local/store-errors.ts';
import { USAGE, UsageError } from './args.ts';
import { takeOverNodeVersionWarning } from './node-version-notice.ts';

// Entry of the CLI: dispatch, and turn every expected failure into a message with the fix.
// Exit codes: 0 ran, 1 could not run, 2 bad input (nothing scanned).

const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  scan: async () => (await import('./scan-command.ts')).scanCommand,
  check: async () => (await import('./check-command.ts')).checkCommand,
  demo: async () => (await import('./demo-command.ts')).demoCommand,
  digest: async () => (await import('./digest-command.ts')).digestCommand,
  stats: async () => (await import('./stats-command.ts')).statsCommand,
  serve: async () => (await import('./serve-command.ts')).serveCommand,
  probe: async () => (await import('./probe-command.ts')).probeCommand,
  alerts: async () => (await import('./alerts-command.ts')).alertsCommand,
  findings: async () => (await import('./findings-command.ts')).findingsCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(
      `disclosure-watch: unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}\n`,
    );
    return 2;
  }
  // Before the command loads the SDK: said once here, not once per SDK copy by the SDK.
  const notice = takeOverNodeVersionWarning(process.env, process.version);
  if (notice) process.stderr.write(`${notice}\n`);
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`disclosure-watch ${command}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`disclosure-watch ${command}: ${e.message}\nNothing was scanned.\n`);
      return 2;
    }
    // By name: importing open-store here would load the AWS SDK before every command, --help included.
    if ((e as Error)?.constructor?.name === 'StoreConfigError') {
      process.stderr.write(`disclosure-watch ${command}: ${(e as Error).message}\n`);
      return 2;
    }
    // Another run holds the data dir, the local store stopped, or the data dir refused a write:
    // the message names the data dir and what to do; a stack trace would add nothing.
    const store = storeFailureIn(e);
    if (store) {
      process.stderr.write(`disclosure-watch ${command}: ${store.message}\n`);
      return 1;
    }
    if (e instanceof LocalDynamoError) {
      process.stderr.write(`disclosure-watch ${command}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`disclosure-watch ${command}: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.DW_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return 1;
  }
}

/** The local store's own failure behind `e`, however many layers wrapped it on the way up. */
function storeFailureIn(e: unknown): Error | undefined {
  for (let at = e, depth = 0; at && depth < 5; at = (at as Error).cause, depth++) {
    if (at instanceof DataDirBusy || at instanceof DataDirUnusable || at instanceof LocalStoreStopped) return at;
  }
  return undefined;
}
