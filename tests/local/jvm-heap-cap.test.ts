import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEAP_CAP, jvmOptions, startLocalDynamo } from '../../functions/local/dynamodb-local.ts';
import { jvmMaxHeap, jvmPerfData } from '../support/jvm-perf-data.ts';

// Left alone, DynamoDB Local's JVM sizes its heap from the machine's memory and grew to 1.4 GB on a
// re-scan. These tests ask the running JVM itself (its perf data) what heap and collector it got.

const MiB = 2 ** 20;
const capBytes = Number(/^-Xmx(\d+)m$/.exec(HEAP_CAP)![1]) * MiB;

/** The pid of the java process (not its /bin/sh wrapper) serving the data dir `dir`. */
function javaPidFor(dir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]!.endsWith('java') && argv.some((a) => a.startsWith(dir))) return Number(entry);
    } catch {
      // a process that ended while we looked
    }
  }
  throw new Error(`no java process serves ${dir}`);
}

async function startedJvm(usersOptions: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'dw-heap-'));
  if (usersOptions === undefined) delete process.env.JDK_JAVA_OPTIONS;
  else process.env.JDK_JAVA_OPTIONS = usersOptions;
  const local = await startLocalDynamo({ dataDir: dir });
  stops.push(() => local.stop());
  return jvmPerfData(javaPidFor(dir));
}

const usersBefore = process.env.JDK_JAVA_OPTIONS;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  if (usersBefore === undefined) delete process.env.JDK_JAVA_OPTIONS;
  else process.env.JDK_JAVA_OPTIONS = usersBefore;
});

describe('the heap of the embedded DynamoDB Local', () => {
  it('is capped, with the serial collector, when the user set no JVM options', async () => {
    const jvm = await startedJvm(undefined);
    expect(jvmMaxHeap(jvm)).toBe(capBytes);
    expect(jvm.get('sun.gc.collector.0.name')).toMatch(/^Serial/);
    expect(jvm.get('java.rt.vmArgs')).toContain(`${HEAP_CAP} -XX:+UseSerialGC`);
  });

  it('is the user’s own when their JDK_JAVA_OPTIONS set a maximum heap and a collector, which come after ours', async () => {
    const jvm = await startedJvm('-Xmx320m -XX:+UseParallelGC');
    expect(jvmMaxHeap(jvm)).toBe(320 * MiB);
    expect(jvm.get('sun.gc.collector.0.name')).toMatch(/^Parallel/);
    expect(jvm.get('java.rt.vmArgs')).toMatch(/^-XX:TieredStopAtLevel=1 -Xmx320m -XX:\+UseParallelGC /);
  });

  it('is capped by ours when the user’s JDK_JAVA_OPTIONS say nothing of the heap, theirs kept', async () => {
    const jvm = await startedJvm('-Dfile.encoding=UTF-8');
    expect(jvmMaxHeap(jvm)).toBe(capBytes);
    expect(jvm.get('java.rt.vmArgs')).toContain(`${HEAP_CAP} -XX:+UseSerialGC -Dfile.encoding=UTF-8`);
  });

  it('leaves the cap out for any way of sizing the heap, and the collector for any choice of one', () => {
    for (const theirs of ['-Xmx2g', '-XX:MaxHeapSize=1g', '-XX:MaxRAMPercentage=50', '-XX:MaxRAM=4g'])
      expect(jvmOptions(theirs)).toBe(`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${theirs}`);
    expect(jvmOptions('-XX:+UseZGC')).toBe(`-XX:TieredStopAtLevel=1 ${HEAP_CAP} -XX:+UseZGC`);
    expect(jvmOptions('-Xms64m')).toBe(`-XX:TieredStopAtLevel=1 ${HEAP_CAP} -XX:+UseSerialGC -Xms64m`);
  });
});
