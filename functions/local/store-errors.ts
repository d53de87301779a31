// The local store's failures in words a bureau's operator can act on: which data dir, what went
// wrong with it, and what to do. The SDK's own words ("connect ECONNREFUSED", "unknown error,
// exception or failure") name neither.

/** The data dir cannot be used: not writable, on a full disk, or otherwise refused by the system. */
export class DataDirUnusable extends Error {
  constructor(
    readonly dataDir: string,
    readonly reason: string,
  ) {
    super(`the data dir ${dataDir} cannot be used: ${reason}`);
    this.name = 'DataDirUnusable';
  }
}

/** DynamoDB Local ended while a command still needed it. */
export class LocalStoreStopped extends Error {
  constructor(
    readonly dataDir: string | undefined,
    how: string,
  ) {
    super(
      `the local store (DynamoDB Local${dataDir ? ` for the data dir ${dataDir}` : ''}) stopped while this command ` +
        `was using it (${how}). Nothing after that point was saved, and what was saved is consistent. ` +
        'Run the command again; if the store keeps stopping, check free memory (`free -m`) and the system log ' +
        '(`dmesg | tail`, the OOM killer).',
    );
    this.name = 'LocalStoreStopped';
  }
}

const BY_CODE: Record<string, (dir: string) => string> = {
  EACCES: (dir) => `permission denied. Make it writable (chmod u+w ${dir}) or choose another --data-dir.`,
  EPERM: (dir) => `permission denied. Make it writable (chmod u+w ${dir}) or choose another --data-dir.`,
  EROFS: () => 'it is on a read-only file system. Choose another --data-dir.',
  ENOSPC: () => 'the disk is full. Free some space (df -h shows where) or choose another --data-dir.',
  EDQUOT: () => 'your disk quota is used up. Free some space or choose another --data-dir.',
  ENOTDIR: () => 'a file is in the way of a directory. Choose another --data-dir.',
};

/** A file-system error met while using the data dir, as DataDirUnusable; anything else as it is. */
export function dataDirUnusable(dataDir: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  const describe = code ? BY_CODE[code] : undefined;
  return describe ? new DataDirUnusable(dataDir, `${describe(dataDir)} (${code})`) : (e as Error);
}

/**
 * What DynamoDB Local said on stderr when a request failed: SQLite's own words are the only place
 * the real cause of its "InternalFailure" shows.
 */
export function storeCauseInJvmOutput(jvmOutput: string): string | undefined {
  if (/SQLITE_READONLY|readonly database|read-only file system/i.test(jvmOutput)) return 'EACCES';
  if (/SQLITE_FULL|database or disk is full|No space left on device/i.test(jvmOutput)) return 'ENOSPC';
  return undefined;
}
