import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive, processStartOf } from './data-dir-lock.ts';

// DynamoDB Local must not outlive the node process that started it. Exit handlers cannot help
// when node is SIGKILLed (the OOM killer), and then the JVM went on under PID 1 holding 280 MB.
// Two defences:
// - a lifeline: the JVM runs under a small POSIX shell that holds the read end of a pipe whose
//   only write end is node's. However node ends, the kernel closes that end; the shell reads EOF
//   and stops the JVM. No polling, no platform API.
// - a pid file in the data dir, so a JVM that escaped anyway (the shell itself SIGKILLed) is
//   stopped by the next run on that data dir, after checking /proc that the pid is still that JVM.

/**
 * $1… is the java command line. The watcher is a shell of its own, not a subshell, so no process
 * but the JVM and this shell carries the JVM's command line for long. fd 3 tells node the JVM's pid; fd 0 is the lifeline. A command
 * started with `&` ignores SIGINT in a non-interactive shell, so Ctrl-C reaches node, whose
 * cleanup closes the lifeline like any other exit. The watcher writes nowhere: killing it leaves
 * its `sleep` behind for up to 5 s, which must not hold node's stdout and stderr pipes open (node
 * would wait for them before it exits).
 */
const LIFELINE = `
trap '' INT QUIT
exec 4<&0
"$@" </dev/null 3>&- 4<&- &
jvm=$!
echo "$jvm" >&3
exec 3>&-
sh -c 'read -r _ || :; kill -TERM "$1" 2>/dev/null; sleep 5; kill -KILL "$1" 2>/dev/null' dynamodb-local-watcher "$jvm" 0<&4 >/dev/null 2>&1 &
watcher=$!
exec 4<&- 0</dev/null
wait "$jvm"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
`;

export interface LifelinedJvm {
  child: ChildProcess;
  /** The JVM's own pid, once the shell has said it. */
  jvmPid: Promise<number>;
  /** Closes the lifeline: the shell stops the JVM (TERM, then KILL after 5 s). */
  letGo(): void;
}

const hasLifeline = process.platform !== 'win32' && existsSync('/bin/sh');

/** Spawns `command args` under the lifeline shell where there is one; directly elsewhere. */
export function spawnWithLifeline(command: string, args: string[], options: SpawnOptions): LifelinedJvm {
  if (!hasLifeline) {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    return { child, jvmPid: Promise.resolve(child.pid ?? 0), letGo: () => child.kill('SIGTERM') };
  }
  const child = spawn('/bin/sh', ['-c', LIFELINE, 'dynamodb-local-lifeline', command, ...args], {
    ...options,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const jvmPid = new Promise<number>((resolve, reject) => {
    let said = '';
    const announcer = child.stdio[3]!;
    announcer.on('data', (d: Buffer) => (said += d.toString()));
    announcer.on('end', () => (/^\d+/.test(said) ? resolve(Number(said.trim())) : reject(new Error('no JVM pid'))));
    child.once('error', reject);
  });
  jvmPid.catch(() => {});
  return { child, jvmPid, letGo: () => child.stdin?.end() };
}

// ---- the pid file ------------------------------------------------------------------------------

interface JvmPidRecord {
  pid: number;
  processStart?: string;
  /** The node process that owns it: while that one lives, the JVM is not stale. */
  owner: number;
  ownerStart?: string;
  dbPath: string;
}

export const JVM_PID_FILE = 'jvm.pid';

export function recordJvmPid(dbPath: string, pid: number): void {
  const record: JvmPidRecord = {
    pid,
    processStart: processStartOf(pid),
    owner: process.pid,
    ownerStart: processStartOf(process.pid),
    dbPath,
  };
  try {
    writeFileSync(join(dbPath, JVM_PID_FILE), JSON.stringify(record) + '\n');
  } catch {
    // A data dir that refuses this file refuses the store's writes too, and those say why.
  }
}

export function forgetJvmPid(dbPath: string, pid: number): void {
  const file = join(dbPath, JVM_PID_FILE);
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as JvmPidRecord).pid === pid) rmSync(file);
  } catch {
    // gone already, or not ours
  }
}

const alive = (pid: number, start: string | undefined) =>
  pidAlive(pid) && (start === undefined || processStartOf(pid) === undefined || processStartOf(pid) === start);

/** The command line of a live process, where /proc tells it. */
function commandLineOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
}

/**
 * Stops a JVM an earlier run left serving `dbPath`: its owner is gone, and /proc shows the pid is
 * still DynamoDB Local on this very directory, started when the record says. Without /proc
 * nothing is killed: a pid that cannot be checked may belong to anyone now. Returns the pid stopped.
 */
export async function reapStaleJvm(dbPath: string): Promise<number | undefined> {
  const file = join(dbPath, JVM_PID_FILE);
  let record: JvmPidRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as JvmPidRecord;
  } catch {
    return undefined;
  }
  if (alive(record.owner, record.ownerStart)) return undefined;
  const argv = commandLineOf(record.pid);
  const isThatJvm =
    argv !== undefined &&
    argv.some((a) => a.endsWith('DynamoDBLocal.jar')) &&
    argv[argv.indexOf('-dbPath') + 1] === dbPath &&
    (record.processStart === undefined || processStartOf(record.pid) === record.processStart);
  let reaped: number | undefined;
  if (isThatJvm) {
    process.kill(record.pid, 'SIGTERM');
    for (let waited = 0; waited < 5000 && pidAlive(record.pid); waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    if (alive(record.pid, record.processStart)) process.kill(record.pid, 'SIGKILL');
    reaped = record.pid;
  }
  try {
    rmSync(file, { force: true });
  } catch {
    // read-only: the store's own writes will say so
  }
  return reaped;
}
