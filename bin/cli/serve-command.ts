import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../functions/config/load-config.ts';
import { CheckSlots, ChecksBusy } from '../../functions/api/checks.ts';
import { handleApi, ROUTE_LIST } from '../../functions/api/router.ts';
import { openStore } from '../../functions/local/open-store.ts';
import { parseCommon, requireConfig, take, UsageError } from './args.ts';
import { parseScheduleFlags, startScheduled } from './serve-schedule.ts';
import { exitCodeOnSignal, onShutdown } from './shutdown.ts';

// `disclosure-watch serve`: the API's routes on 127.0.0.1, for an 信息员 on the bureau's own
// machine. Loopback only and no auth, so nothing beyond this machine can reach it; portal hosts
// may be private here (a portal on the intranet), which the AWS API refuses. With --schedule the
// same process also runs the probes, the daily scan, the alerts and the digest on Beijing time.

const MAX_BODY = 64 * 1024;

/**
 * Checks run side by side on one machine: a few at once keep an 信息员's answers quick, while the
 * host limiter keeps the bureau's server at its configured limit however many wait. A flood past
 * the queue is refused (503), never dropped after being accepted.
 */
export const SERVE_CHECKS_RUNNING = 4;
export const SERVE_CHECKS_WAITING = 1000;

/** What a decision made through `serve` records as its author's identity (the `by` is the name given). */
export const SERVE_IDENTITY = 'local:serve';

export async function serveCommand(argv: string[]): Promise<number> {
  const portOpt = take(argv, '--port', false, '--port 8787');
  const port = portOpt.value === undefined ? 8787 : Number(portOpt.value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a port number (0–65535, 0 picks a free one), not "${String(portOpt.value)}"`);
  const scheduleOpts = parseScheduleFlags(portOpt.rest);
  const opts = parseCommon(scheduleOpts.rest);
  if (opts.asOf !== undefined)
    throw new UsageError('serve answers for today; --as-of is for scan, check, digest and alerts.');
  const config = loadConfig(requireConfig(opts));
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const repo = await store.repo;
  // Stopped by its service manager and cleaned up: a success, not a failure (Ctrl-C keeps 130).
  exitCodeOnSignal('SIGTERM', 0);
  const deps = {
    config,
    repo,
    checkBudgetMs: 20_000,
    allowPrivateAddresses: true,
    slots: new CheckSlots(SERVE_CHECKS_RUNNING, SERVE_CHECKS_WAITING),
    onInternalError: (e: Error, checkId: string) =>
      process.stderr.write(`check ${checkId} failed: ${e.stack ?? e.message}\n`),
  };

  const LOCAL_HOSTS = ['127.0.0.1', 'localhost'];
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body, null, 2) + '\n');
    };
    try {
      // A web page in the user's browser can reach 127.0.0.1 too. A foreign Host header (DNS
      // rebinding) is refused, and a POST must be JSON, which a page cannot send without a CORS
      // preflight this server never approves.
      const port = (server.address() as AddressInfo).port;
      if (!LOCAL_HOSTS.map((h) => `${h}:${port}`).includes(req.headers.host ?? '')) {
        return send(403, {
          error: `Host ${req.headers.host ?? '(none)'} is not this server; use http://127.0.0.1:${port}`,
        });
      }
      if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return send(415, { error: 'a POST body must be sent as content-type: application/json' });
      }
      const body = await readBody(req);
      if (body === undefined)
        return send(413, { error: `the body is over ${MAX_BODY} bytes; a check request is {"portalId", "url"}` });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const r = await handleApi(
        {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body,
          // Loopback only, no auth: the machine's own user, whoever that is, acts through it.
          identity: SERVE_IDENTITY,
        },
        deps,
      );
      send(r.status, r.body);
      process.stderr.write(`${req.method} ${url.pathname}${url.search} → ${r.status}\n`);
    } catch (e) {
      if (e instanceof ChecksBusy) {
        process.stderr.write(`${req.method} ${req.url} → 503 (${e.waiting} checks waiting)\n`);
        return send(503, { error: e.message }, { 'retry-after': String(e.retryAfterSeconds) });
      }
      process.stderr.write(`${req.method} ${req.url} failed: ${(e as Error).message}\n`);
      send(500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new UsageError(`port ${port} is in use; pick another with --port N`) : e),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stderr.write(
    `serving ${config.portals.map((p) => p.id).join(', ')} on ${origin}\n${ROUTE_LIST.map((r) => `  ${r.replace(' /', ` ${origin}/`)}`).join('\n')}\nCtrl-C stops.\n`,
  );
  const schedule = scheduleOpts.settings ? startScheduled(config, repo, scheduleOpts.settings) : null;
  await new Promise<void>((resolve) => {
    onShutdown(async () => {
      await schedule?.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await store.close();
      resolve();
    });
  });
  return 0;
}

/** The body, null when there is none, undefined when it is too big to be a check request. */
async function readBody(req: IncomingMessage): Promise<string | null | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return size === 0 ? null : Buffer.concat(chunks).toString('utf8');
}
