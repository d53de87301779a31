import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs one measured node process and reports its wall time, its own CPU and peak RSS (exact,
// written by the preload on exit) and, when asked, those of a JVM it starts somewhere below it
// (DynamoDB Local runs under a /bin/sh lifeline), sampled from /proc until the JVM is gone.

export interface ProcessFigures {
  userMs: number;
  systemMs: number;
  peakRssMb: number;
}

export interface Measured {
  wallMs: number;
  stdout: string;
  /** The last 4,000 characters of its stderr. */
  stderr: string;
  node: ProcessFigures;
  /** The JVM found below the process; absent when none was asked for or none appeared. */
  jvm?: ProcessFigures;
}

const PRELOAD = fileURLToPath(new URL('./peers/usage-preload.mjs', import.meta.url));
const SAMPLE_MS = 25;
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuTicks: [number, number];
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields start after the last ')'.
    const close = s.lastIndexOf(')');
    const f = s.slice(close + 2).split(' ');
    if (f[0] === 'Z') return undefined;
    return {
      pid,
      ppid: Number(f[1]),
      comm: s.slice(s.indexOf('(') + 1, close),
      cpuTicks: [Number(f[11]), Number(f[12])],
    };
  } catch {
    return undefined;
  }
}

function peakRssKb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const isDynamoDbLocal = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
  } catch {
    return false;
  }
};

/**
 * DynamoDB Local's JVM anywhere below root, by walking /proc's parent links: a `java` process
 * running its jar. Not any java (the CLI runs `java -version` first), nor the /bin/sh lifeline
 * around it, whose command line names the jar too.
 */
function findJvm(root: number): number | undefined {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => s !== undefined);
  const below = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats)
      if (!below.has(s.pid) && below.has(s.ppid)) {
        below.add(s.pid);
        grew = true;
      }
  }
  return stats.find((s) => s.comm === 'java' && below.has(s.pid) && isDynamoDbLocal(s.pid))?.pid;
}

/** Samples the JVM below `root` every 25 ms; `done()` waits until it has exited (at most 20 s). */
function watchJvm(root: number) {
  let pid: number | undefined;
  let last: ProcessFigures | undefined;
  let rootGone = false;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const deadline = () => Date.now() > giveUpAt;
  let giveUpAt = Infinity;
  const timer = setInterval(() => {
    if (pid === undefined) {
      pid = rootGone ? undefined : findJvm(root);
      if (pid === undefined && rootGone) return stop();
      return;
    }
    const s = readStat(pid);
    const rss = peakRssKb(pid);
    if (!s || rss === undefined || deadline()) return stop();
    last = {
      userMs: (s.cpuTicks[0] * 1000) / CLOCK_TICKS,
      systemMs: (s.cpuTicks[1] * 1000) / CLOCK_TICKS,
      peakRssMb: rss / 1024,
    };
  }, SAMPLE_MS);
  const stop = () => {
    clearInterval(timer);
    finish();
  };
  return {
    done: async () => {
      rootGone = true;
      giveUpAt = Date.now() + 20_000;
      await finished;
      return last;
    },
  };
}

const usageOf = (file: string): ProcessFigures => {
  const u = JSON.parse(readFileSync(file, 'utf8')) as { userUs: number; systemUs: number; maxRssKb: number };
  return { userMs: u.userUs / 1000, systemMs: u.systemUs / 1000, peakRssMb: u.maxRssKb / 1024 };
};

/**
 * `node <nodeArgs…>` with the usage preload, in cwd. Rejects, naming `label` and showing the end
 * of stderr, when it exits with a code not in okExitCodes (default 0) or writes no usage figure.
 */
export async function runMeasured(
  label: string,
  nodeArgs: string[],
  opts: { cwd: string; watchJvm?: boolean; okExitCodes?: number[] },
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bench-usage-'));
  const usageFile = join(dir, 'usage.json');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, ...nodeArgs], {
      cwd: opts.cwd,
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const jvm = opts.watchJvm ? watchJvm(child.pid!) : undefined;
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c));
    });
    const wallMs = performance.now() - started;
    const jvmFigures = await jvm?.done();
    if (!(opts.okExitCodes ?? [0]).includes(code ?? -1))
      throw new Error(`${label} exited with ${code}; the end of its stderr:\n${err}`);
    let node: ProcessFigures;
    try {
      node = usageOf(usageFile);
    } catch {
      throw new Error(
        `${label} wrote no CPU and memory figures (${usageFile}): did it exit through process.exit's hooks?`,
      );
    }
    return {
      wallMs,
      stdout: Buffer.concat(out).toString(),
      stderr: err,
      node,
      ...(jvmFigures ? { jvm: jvmFigures } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
