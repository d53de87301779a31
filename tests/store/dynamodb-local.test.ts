import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalDynamo } from '../../functions/local/dynamodb-local.ts';

// DynamoDB Local is a separate JVM: whatever happens to the process that started it, it must go.

/** The pid of the DynamoDB Local JVM whose data lives under `dir`, if one runs. */
const jvmPidFor = (dir: string) =>
  execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .find((l) => l.includes('DynamoDBLocal') && l.includes(dir))
    ?.trim()
    .split(/\s+/)[0];
const jvmRunningFor = (dir: string) => jvmPidFor(dir) !== undefined;

describe('the embedded DynamoDB Local', () => {
  it('is killed when the process that started it crashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-crash-'));
    const script = join(dir, 'crash.mts'); // .mts: an ES module wherever it lives, so top-level await works
    const module = new URL('../../functions/local/dynamodb-local.ts', import.meta.url).pathname;
    writeFileSync(
      script,
      `import { startLocalDynamo } from '${module}';\nawait startLocalDynamo({ dataDir: '${dir}' });\nthrow new Error('crash after start');\n`,
    );
    const r = spawnSync('node', ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('crash after start');
    expect(jvmRunningFor(dir)).toBe(false);
  });

  it('runs its JVM on the client JIT tier (after the user’s own JDK_JAVA_OPTIONS) without telemetry, and leaves the environment as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-jvm-'));
    const before = process.env.JDK_JAVA_OPTIONS;
    const telemetryBefore = process.env.DDB_LOCAL_TELEMETRY;
    process.env.JDK_JAVA_OPTIONS = '-Xmx256m';
    const local = await startLocalDynamo({ dataDir: dir });
    try {
      expect(process.env.JDK_JAVA_OPTIONS).toBe('-Xmx256m');
      expect(process.env.DDB_LOCAL_TELEMETRY).toBe(telemetryBefore);
      const environ = readFileSync(`/proc/${jvmPidFor(dir)!}/environ`, 'utf8').split('\0');
      expect(environ).toContain('JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m');
      expect(environ).toContain(`DDB_LOCAL_TELEMETRY=${telemetryBefore ?? '0'}`);
    } finally {
      await local.stop();
      if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
      else process.env.JDK_JAVA_OPTIONS = before;
    }
  });
});
