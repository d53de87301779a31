// Ctrl-C (or a TERM from cron) must not leave a DynamoDB Local JVM behind: run the cleanups,
// then exit with the conventional code.

const cleanups = new Set<() => Promise<unknown>>();
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping…\n`);
      void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(code));
    });
  }
}

/** Registers a cleanup for a signal; returns the function that unregisters it. */
export function onShutdown(cleanup: () => Promise<unknown>): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
