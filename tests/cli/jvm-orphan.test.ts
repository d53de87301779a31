import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  recordedJvmPid,
  runCli,
  running,
  startCli,
  startGatedPortal,
  until,
  type GatedPortal,
} from '../local/cli-runs.ts';

// DynamoDB Local never outlives the CLI that started it: not when node is SIGKILLed (the OOM
// killer's way), and if it escapes anyway, the next run on the data dir stops it. A JVM killed
// under a running scan is reported as the store stopping, with what to do.

const parentOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};
const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        return parentOf(p) === pid;
      } catch {
        return false;
      }
    });

describe('the DynamoDB Local JVM', () => {
  let portal: GatedPortal;
  beforeAll(async () => {
    portal = await startGatedPortal();
    portal.open();
  });
  afterAll(() => portal.close());

  const serveOn = async (dataDir: string) => {
    const serve = startCli(['serve', '--port', '0', '--config', portal.configFile, '--data-dir', dataDir]);
    await until('serve to listen', () => serve.stderr().includes('serving '));
    const jvm = recordedJvmPid(dataDir);
    expect(jvm).toBeDefined();
    expect(readFileSync(`/proc/${jvm}/cmdline`, 'utf8')).toContain('DynamoDBLocal.jar');
    return { serve, jvm: jvm! };
  };

  it('exits when node is SIGKILLed', async () => {
    const dataDir = join(portal.dir, 'sigkill');
    const { serve, jvm } = await serveOn(dataDir);
    serve.child.kill('SIGKILL');
    await serve.exited;
    await until(`JVM ${jvm} to exit after its node process was killed`, () => !running(jvm));
  }, 120_000);

  it('left behind anyway, is stopped by the next run on the data dir', async () => {
    const dataDir = join(portal.dir, 'escaped');
    const { serve, jvm } = await serveOn(dataDir);
    // Everything that would stop it goes, the lifeline's watcher first, then node, then the JVM's shell.
    const shell = parentOf(jvm);
    for (const watcher of childrenOf(shell).filter((p) => p !== jvm)) process.kill(watcher, 'SIGKILL');
    serve.child.kill('SIGKILL');
    await serve.exited;
    process.kill(shell, 'SIGKILL');
    expect(running(jvm)).toBe(true);
    expect(recordedJvmPid(dataDir)).toBe(jvm);

    const next = await runCli(['scan', '--config', portal.configFile, '--as-of', '2018-01-15', '--data-dir', dataDir]);
    expect(next.code, next.stderr).toBe(0);
    expect(running(jvm)).toBe(false);
    expect(recordedJvmPid(dataDir)).toBeUndefined();
  }, 180_000);

  it('killed under a running scan, is reported as the local store stopping, with what to do', async () => {
    const gated = await startGatedPortal();
    try {
      const dataDir = join(gated.dir, 'killed');
      const scan = startCli(['scan', '--config', gated.configFile, '--as-of', '2018-01-15', '--data-dir', dataDir]);
      // The store's file appears with the table the scan creates: the JVM is up and in use.
      await until('the scan to reach the held list page and create its table', () => {
        return gated.gateReached() && existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'));
      });
      process.kill(recordedJvmPid(dataDir)!, 'SIGKILL');
      gated.open();
      expect(await scan.exited).toBe(1);
      expect(scan.stderr()).toContain(`the local store (DynamoDB Local for the data dir ${dataDir}) stopped`);
      expect(scan.stderr()).toContain('Run the command again');
      expect(scan.stderr()).not.toContain('ECONNREFUSED');
      expect(scan.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await gated.close();
    }
  }, 180_000);
});
