import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';

// `disclosure-watch serve` as a real process on the suite's DynamoDB Local, for the tests that
// talk to it over HTTP: started, and handed back once it says where it listens.

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;

export interface ServeProcess {
  child: ChildProcess;
  /** Where its API listens, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** Everything it wrote to stderr so far (its progress and log lines). */
  stderr(): string;
}

/** `serve` with `args` (after the command), on its own table `tableName`. */
export async function startServe(args: string[], tableName: string): Promise<ServeProcess> {
  const child = spawn('node', [BIN, 'serve', ...args, '--store', 'aws', '--endpoint', inject('dynamoEndpoint')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DW_TABLE_NAME: tableName },
  });
  let stderr = '';
  const origin = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      stderr += String(d);
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, origin, stderr: () => stderr };
}
