// Ctrl-C (or a TERM from cron) must not leave a DynamoDB Local JVM behind: run the cleanups,
// then exit with the conventional code.

const cleanups = new Set<() => Promise<unknown>>();
let installed = false;
const exitCodes = { SIGINT: 130, SIGTERM: 143 };

/**
 * The exit code after a signal's cleanups. A service stopped by its manager (systemd's TERM) and
 * cleaned up in time has done what it was asked: it exits 0, where 143 would read as a failure.
 */
export function exitCodeOnSignal(signal: keyof typeof exitCodes, code: number): void {
  exitCodes[signal] = code;
}

function install() {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping…\n`);
      void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(exitCodes[signal]));
    });
  }
}

/** Registers a cleanup for a signal; returns the function that unregisters it. */
export function onShutdown(cleanup: () => Promise<unknown>): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
