import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirUnusable, storeCauseInJvmOutput } from '../../functions/local/store-errors.ts';
import { runCli, startGatedPortal, type GatedPortal } from './cli-runs.ts';

// A data dir the system refuses is named, with the cause and the fix, never as the SDK's
// "unknown error" or a stack trace. Permissions do not bind root, so as root the CLI runs as
// nobody.

const asRoot = process.getuid?.() === 0;
const runner = asRoot ? { uid: 65534, gid: 65534 } : {};

describe('store errors', () => {
  let portal: GatedPortal;
  beforeAll(async () => {
    portal = await startGatedPortal();
    portal.open();
    chmodSync(portal.dir, 0o755); // the config must be readable by the runner
  });
  afterAll(() => portal.close());

  const scan = (dataDir: string) =>
    runCli(['scan', '--config', portal.configFile, '--as-of', '2018-01-15', '--data-dir', dataDir], runner);
  const ownedByRunner = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    if (asRoot) chownSync(dir, 65534, 65534);
  };

  it('names a read-only data dir and the fix', async () => {
    const dataDir = join(portal.dir, 'read-only');
    ownedByRunner(dataDir);
    chmodSync(dataDir, 0o555);
    const r = await scan(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the data dir ${dataDir} cannot be used: permission denied. Make it writable`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('names the data dir when the store file itself became read-only', async () => {
    const dataDir = join(portal.dir, 'read-only-store');
    ownedByRunner(dataDir);
    expect((await scan(dataDir)).code).toBe(0);
    chmodSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'), 0o444);
    chmodSync(join(dataDir, 'dynamodb'), 0o555);
    const r = await scan(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the data dir ${dataDir} cannot be used: permission denied`);
    expect(r.stderr).not.toContain('unknown error');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('says the disk is full for ENOSPC, from a real full device and from SQLite on the JVM', () => {
    let full: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (e) {
      full = e;
    }
    expect((full as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(dataDirUnusable('/srv/dw', full).message).toBe(
      'the data dir /srv/dw cannot be used: the disk is full. Free some space (df -h shows where) or choose another --data-dir. (ENOSPC)',
    );
    expect(
      storeCauseInJvmOutput('[SQLITE_FULL] Insertion failed because database is full (database or disk is full)'),
    ).toBe('ENOSPC');
  });
});
