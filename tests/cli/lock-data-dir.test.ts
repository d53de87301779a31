import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, startGatedPortal, until, type GatedPortal } from '../local/cli-runs.ts';

// One run per data dir: a second run on a busy data dir is refused, naming the run that has it;
// a lock whose holder is gone is taken over.

describe('the data dir lock', () => {
  let portal: GatedPortal;
  beforeAll(async () => {
    portal = await startGatedPortal();
  });
  afterAll(() => portal.close());

  const scan = (dataDir: string) =>
    runCli(['scan', '--config', portal.configFile, '--as-of', '2018-01-15', '--data-dir', dataDir]);

  it('refuses a second scan, check and findings while a scan runs, then lets the next scan run', async () => {
    const dataDir = join(portal.dir, 'busy');
    const first = startCli(['scan', '--config', portal.configFile, '--as-of', '2018-01-15', '--data-dir', dataDir]);
    await until('the first scan to reach the held list page', portal.gateReached);

    const second = await scan(dataDir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by "disclosure-watch scan" (pid ${first.child.pid} on ${hostname()}`);
    expect(second.stderr).toContain('Wait for it to finish, or use another --data-dir');
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const check = await runCli([
      'check',
      `${portal.server.origin}/tdsc/index.html`,
      '--config',
      portal.configFile,
      '--data-dir',
      dataDir,
    ]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('is in use by "disclosure-watch scan"');
    const findings = await runCli(['findings', 'list', '--config', portal.configFile, '--data-dir', dataDir]);
    expect(findings.code).toBe(1);
    expect(findings.stderr).toContain('is in use by "disclosure-watch scan"');

    portal.open();
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'lock.json'))).toBe(false);
    const after = await scan(dataDir);
    expect(after.code, after.stderr).toBe(0);
  }, 180_000);

  it('takes over a lock left by a process that is gone, and one that is corrupt', async () => {
    portal.open();
    const dataDir = join(portal.dir, 'stale');
    mkdirSync(dataDir, { recursive: true });
    const deadPid = Number(execFileSync('node', ['-e', 'process.stdout.write(String(process.pid))']).toString());
    const lock = {
      pid: deadPid,
      command: 'disclosure-watch scan',
      since: '2018-01-01T00:00:00.000Z',
      hostname: hostname(),
      token: 'x',
    };
    writeFileSync(join(dataDir, 'lock.json'), JSON.stringify(lock));
    const taken = await scan(dataDir);
    expect(taken.code, taken.stderr).toBe(0);
    expect(existsSync(join(dataDir, 'lock.json'))).toBe(false);

    writeFileSync(join(dataDir, 'lock.json'), '{"pid": 12');
    utimesSync(join(dataDir, 'lock.json'), new Date('2018-01-01'), new Date('2018-01-01'));
    const corrupt = await scan(dataDir);
    expect(corrupt.code, corrupt.stderr).toBe(0);
  }, 180_000);

  it('is held by serve for its lifetime', async () => {
    portal.open();
    const dataDir = join(portal.dir, 'served');
    const serve = startCli(['serve', '--port', '0', '--config', portal.configFile, '--data-dir', dataDir]);
    try {
      await until('serve to listen', () => serve.stderr().includes('serving '));
      const scanned = await scan(dataDir);
      expect(scanned.code).toBe(1);
      expect(scanned.stderr).toContain(`is in use by "disclosure-watch serve" (pid ${serve.child.pid}`);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    expect(existsSync(join(dataDir, 'lock.json'))).toBe(false);
  }, 180_000);
});
