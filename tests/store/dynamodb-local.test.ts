import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// DynamoDB Local is a separate JVM: whatever happens to the process that started it, it must go.

const jvmRunningFor = (dir: string) =>
  execFileSync('ps', ['-eo', 'args']).toString().split('\n').some((l) => l.includes('DynamoDBLocal') && l.includes(dir));

describe('the embedded DynamoDB Local', () => {
  it('is killed when the process that started it crashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-crash-'));
    const script = join(dir, 'crash.mts'); // .mts: an ES module wherever it lives, so top-level await works
    const module = new URL('../../functions/local/dynamodb-local.ts', import.meta.url).pathname;
    writeFileSync(script, `import { startLocalDynamo } from '${module}';\nawait startLocalDynamo({ dataDir: '${dir}' });\nthrow new Error('crash after start');\n`);
    const r = spawnSync('node', ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('crash after start');
    expect(jvmRunningFor(dir)).toBe(false);
  });
});
