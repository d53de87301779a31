import { readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnWithLifeline } from '../../functions/local/jvm-lifeline.ts';

// The lifeline shell (functions/local/jvm-lifeline.ts) around a long-running process standing in
// for the JVM (a real `sleep`). Once it stopped it, nothing may keep node's pipes to it open:
// node waits for every pipe of a child to close before it exits, so a leftover holder is a CLI
// that sits idle after its work is done.

/** Processes holding `end` (a /proc fd link: node's child stdio is a socket pair, this is the child's side). */
function holdersOf(end: string): number[] {
  const holders: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const f of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${f}`) === end) holders.push(Number(pid));
      } catch {
        // closed meanwhile
      }
    }
  }
  return holders;
}

describe('the lifeline around DynamoDB Local', () => {
  it('stops the process when let go, and leaves nothing holding its output pipes', async () => {
    const { child, jvmPid, letGo } = spawnWithLifeline('sleep', ['300'], {});
    const pid = await jvmPid;
    // The wrapper's stdout and stderr, as the process it runs inherits them.
    const stdout = readlinkSync(`/proc/${child.pid}/fd/1`);
    const stderr = readlinkSync(`/proc/${child.pid}/fd/2`);
    expect(holdersOf(stdout)).toContain(pid);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    letGo();
    await exited;
    expect(holdersOf(stdout)).toEqual([]);
    expect(holdersOf(stderr)).toEqual([]);
  });
});
