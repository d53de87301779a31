import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../functions/config/load-config.ts';
import { DisclosureWatchStack } from '../../lib/disclosure-watch-stack.ts';

// Builds the stack as bin/cdk.ts does (same feature flags, same example config), but with
// bundling skipped so a test does not run esbuild five times; `cdk synth` covers bundling.

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

export const exampleConfigJson = JSON.stringify(loadConfig(join(repoRoot, 'deploy', 'portals.example.json')));

export function buildStack(opts: { senderEmail?: string; sesIdentity?: string } = {}) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new DisclosureWatchStack(app, 'DisclosureWatch', { configJson: exampleConfigJson, ...opts });
  return { app, stack };
}
