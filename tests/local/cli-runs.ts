import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServerResponse } from 'node:http';
import { columnRoutes, homepage, html, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Real CLI processes against a real portal on 127.0.0.1 whose column list page answers only when
// the test says so: a run that is busy for as long as the test needs, without timing guesses.

export const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { timeout: 120_000, ...opts });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A CLI process left running; `stderr` grows as it writes. */
export interface RunningCli {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

export function startCli(args: string[]): RunningCli {
  const child = spawn('node', [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stderr: () => err, exited };
}

export async function until(what: string, holds: () => boolean, limitMs = 60_000): Promise<void> {
  for (const start = Date.now(); !holds(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - start > limitMs) throw new Error(`still waiting for: ${what}`);
  }
}

export interface GatedPortal {
  server: TestServer;
  configFile: string;
  dir: string;
  /** Requests for the gated list page so far. */
  gateReached(): boolean;
  /** Lets every held and later request for the list page through. */
  open(): void;
  close(): Promise<void>;
}

const items: MiniItem[] = [
  { path: '/tdsc/201712/t20171220_1.html', title: '土地出让结果公示', date: '2017-12-20', generated: '2017-12-18' },
];

export async function startGatedPortal(): Promise<GatedPortal> {
  const routes = columnRoutes('/tdsc/index.html', '土地市场', items);
  const listPage = routes['/tdsc/index.html']!;
  const held: ServerResponse[] = [];
  let opened = false;
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(listPage.body);
  };
  let reached = false;
  const server = await startTestServer({
    '/index.html': html(homepage(items)),
    ...routes,
    '/tdsc/index.html': (_req, res) => {
      reached = true;
      if (opened) answer(res);
      else held.push(res);
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'dw-local-'));
  const configFile = join(dir, 'portals.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      portals: [
        {
          id: 'gated',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          columns: [
            { id: 'tdsc', name: '土地市场', url: `${server.origin}/tdsc/index.html`, kind: 'notice', department: '科' },
          ],
          departments: [{ name: '科', officer: '张明' }],
          crawl: { minIntervalMs: 0, robots: false, timeoutMs: 120_000 },
        },
      ],
    }),
  );
  const open = () => {
    opened = true;
    for (const res of held.splice(0)) answer(res);
  };
  return {
    server,
    configFile,
    dir,
    gateReached: () => reached,
    open,
    async close() {
      open();
      await server.close();
    },
  };
}

/** The JVM pid the CLI recorded in the data dir. */
export function recordedJvmPid(dataDir: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(dataDir, 'dynamodb', 'jvm.pid'), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a running (not zombie) process, by /proc. */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
