import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import { loadConfig } from '../../functions/config/load-config.ts';
import { composeDigests, loadDigest } from '../../functions/digest/compose.ts';
import { openStore } from '../../functions/local/open-store.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { parseCommon, requireConfig, UsageError } from './args.ts';
import { selectPortals } from './scan-command.ts';
import { onShutdown } from './shutdown.ts';

// `disclosure-watch digest`: the weekly digest of each portal, one message per recipient,
// written as .html, .txt and .eml files under --out (default out/).

export const DIGEST_SENDER = { name: 'disclosure-watch 政务公开监测', email: process.env.DW_SENDER ?? 'disclosure-watch@example.gov.cn' };

export async function digestCommand(argv: string[]): Promise<number> {
  const outAt = argv.indexOf('--out');
  if (outAt !== -1 && !argv[outAt + 1]) throw new UsageError('--out needs a folder, e.g. --out out/');
  const out = outAt === -1 ? 'out' : argv[outAt + 1]!;
  const opts = parseCommon(outAt === -1 ? argv : [...argv.slice(0, outAt), ...argv.slice(outAt + 2)]);
  const config = loadConfig(requireConfig(opts));
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    const written = await writeDigests(await store.repo, config, { portal: opts.portal, asOf: opts.asOf ?? todayInShanghai(), out });
    for (const f of written) process.stdout.write(`${f}\n`);
    return 0;
  } finally {
    release();
    await store.close();
  }
}

/** Writes every recipient's digest; returns the paths of the .html files. */
export async function writeDigests(repo: Repository, config: Config, opts: { portal?: string; asOf: string; out: string }): Promise<string[]> {
  const written: string[] = [];
  for (const portal of selectPortals(config, opts.portal)) {
    const view = await loadDigest(repo, portal, opts.asOf);
    const dir = resolve(opts.out, portal.id, view.week.label);
    mkdirSync(dir, { recursive: true });
    const digests = composeDigests(view, portal, DIGEST_SENDER);
    if (digests.length === 0) process.stderr.write(`${portal.id}: no recipients in the config; add "recipients" to send or write its digest.\n`);
    for (const d of digests) {
      const base = join(dir, d.recipient.email.replace(/[^A-Za-z0-9@._-]/g, '_'));
      writeFileSync(`${base}.html`, d.html);
      writeFileSync(`${base}.txt`, d.text);
      writeFileSync(`${base}.eml`, d.eml);
      written.push(`${base}.html`);
    }
  }
  return written;
}
