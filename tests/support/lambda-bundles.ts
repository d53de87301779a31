import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { esbuildOptions, HANDLERS, type HandlerName } from '../../lib/bundling.ts';

// The handlers as Lambda runs them: esbuild output with the config inlined, built with the
// stack's options (lib/bundling.ts), then imported. Each import with a new `instance` is a new
// cold start, with the environment of that moment.

export interface LambdaBundles {
  dir: string;
  /** Imports a bundle afresh (a cold start) under `env`, restoring process.env afterwards. */
  load<T = { handler: (event: unknown) => Promise<unknown> }>(
    name: HandlerName,
    env: Record<string, string | undefined>,
  ): Promise<T>;
  remove(): void;
}

let coldStarts = 0;

export async function buildLambdaBundles(config: unknown): Promise<LambdaBundles> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bundles-'));
  const json = JSON.stringify(config);
  await Promise.all(HANDLERS.map((name) => esbuild.build(esbuildOptions(name, json, join(dir, name, 'index.mjs')))));
  return {
    dir,
    async load(name, env) {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
      try {
        return await import(`${pathToFileURL(join(dir, name, 'index.mjs')).href}?cold=${++coldStarts}`);
      } finally {
        process.env = saved;
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
