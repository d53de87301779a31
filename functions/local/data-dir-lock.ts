import { randomUUID } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { dataDirUnusable } from './store-errors.ts';

// One run per data dir. Two DynamoDB Local JVMs on one SQLite file fail in ways nobody can read
// ("Cannot create preexisting table", "unknown error"), so whoever opens the local store first
// owns the data dir until it exits; everyone else is told who holds it.

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  hostname: string;
  /** The kernel's start time of `pid` (Linux): a pid reused by another process is not the holder. */
  processStart?: string;
  token: string;
}

export class DataDirBusy extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data dir ${dataDir} is in use by "${holder.command}" (pid ${holder.pid} on ${holder.hostname}, ` +
        `since ${holder.since}). Wait for it to finish, or use another --data-dir. ` +
        `If that process is gone, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirBusy';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE = 'lock.json';
/** The holder touches the file this often, so a host that cannot see the holder's pids can still tell it is alive. */
const HEARTBEAT_MS = 60_000;
/** A lock from another host untouched for this long has lost its holder. */
const FOREIGN_STALE_MS = 10 * HEARTBEAT_MS;
/** A lock file with no complete content yet may be one being written right now. */
const HALF_WRITTEN_MS = 2_000;

/** The start time of a process in clock ticks since boot, where /proc tells it. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may hold spaces and parentheses, so count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs: a zombie (dead, not yet reaped by its parent) does not. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** What this process is, for the message another run shows: the command, never its arguments (they may hold secrets). */
export function describeThisProcess(): string {
  const script = basename(process.argv[1] ?? 'node');
  return /^disclosure-watch/.test(script) ? `disclosure-watch ${process.argv[2] ?? ''}`.trim() : `node ${script}`;
}

function isStale(holder: LockHolder, ageMs: number): boolean {
  if (holder.hostname !== hostname()) return ageMs > FOREIGN_STALE_MS;
  if (!pidAlive(holder.pid)) return true;
  const start = processStartOf(holder.pid);
  return holder.processStart !== undefined && start !== undefined && start !== holder.processStart;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h?.pid) && typeof h.token === 'string' ? h : null;
  } catch {
    return null;
  }
}

/** Creates the lock file with its full content in one step: written aside, then linked into place (fails if it exists). */
function tryCreate(lockPath: string, content: string): boolean {
  const aside = `${lockPath}.${process.pid}.${randomUUID()}`;
  writeFileSync(aside, content, { flag: 'wx' });
  try {
    linkSync(aside, lockPath);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A file system without hard links: exclusive create, with a moment where the file is empty.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    try {
      writeFileSync(lockPath, content, { flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Moves a stale lock out of the way, unless it changed since it was judged stale: then a live run
 * has just taken it, and it goes back.
 */
function takeOver(lockPath: string, judged: string): void {
  const aside = `${lockPath}.stale.${process.pid}.${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // someone else moved it first
  }
  if (readFileSync(aside, 'utf8') !== judged) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // a third run holds it now; the retry will see that one
    }
  }
  unlinkSync(aside);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes the data dir for this process, or throws DataDirBusy naming the process that has it. */
export function lockDataDir(dataDir: string, command = describeThisProcess()): DataDirLock {
  const dir = resolve(dataDir);
  const lockPath = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    command,
    since: new Date().toISOString(),
    hostname: hostname(),
    processStart: processStartOf(process.pid),
    token: randomUUID(),
  };
  const content = JSON.stringify(me, null, 2) + '\n';
  try {
    mkdirSync(dir, { recursive: true });
    for (let attempt = 0; ; attempt++) {
      if (tryCreate(lockPath, content)) break;
      let text: string;
      let ageMs: number;
      try {
        text = readFileSync(lockPath, 'utf8');
        ageMs = Date.now() - statSync(lockPath).mtimeMs;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        throw e;
      }
      const holder = parseHolder(text);
      if (holder && !isStale(holder, ageMs)) throw new DataDirBusy(dir, holder);
      if (!holder && ageMs < HALF_WRITTEN_MS && attempt < 20) {
        sleep(100);
        continue;
      }
      if (attempt >= 20) throw new Error(`could not take ${lockPath}: it keeps changing`);
      takeOver(lockPath, text);
    }
  } catch (e) {
    if (e instanceof DataDirBusy) throw e;
    throw dataDirUnusable(dir, e);
  }

  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(lockPath, now, now);
    } catch {
      // a data dir gone read-only shows in the store's own errors
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    process.removeListener('exit', release);
    try {
      if (parseHolder(readFileSync(lockPath, 'utf8'))?.token === me.token) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  // Whatever ends this process short of SIGKILL releases the data dir; after SIGKILL the dead pid makes it stale.
  process.on('exit', release);
  return { path: lockPath, release };
}
