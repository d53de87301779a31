import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import { loadConfig } from '../../functions/config/load-config.ts';
import { composeDigests, DIGEST_SENDER_NAME, loadDigest } from '../../functions/digest/compose.ts';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { sendDigests, sesClient, type SendReport } from '../../functions/digest/send.ts';
import { openStore } from '../../functions/local/open-store.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { parseCommon, requireConfig, take } from './args.ts';
import { selectPortals } from './scan-command.ts';
import { onShutdown } from './shutdown.ts';

// `disclosure-watch digest`: the weekly digest of each portal, one message per recipient,
// written as .html, .txt and .eml files under --out (default out/).

export const DIGEST_SENDER = {
  name: DIGEST_SENDER_NAME,
  email: process.env.DW_SENDER ?? 'disclosure-watch@example.gov.cn',
};

export async function digestCommand(argv: string[]): Promise<number> {
  const out = take(argv, '--out', false, '--out out/');
  const send = take(out.rest, '--send', true);
  const sesEndpoint = take(send.rest, '--ses-endpoint', false, '--ses-endpoint http://127.0.0.1:8005');
  const opts = parseCommon(sesEndpoint.rest);
  const config = loadConfig(requireConfig(opts));
  const asOf = opts.asOf ?? todayInShanghai();
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    const repo = await store.repo;
    const written = await writeDigests(repo, config, {
      portal: opts.portal,
      asOf,
      out: typeof out.value === 'string' ? out.value : 'out',
    });
    for (const f of written) process.stdout.write(`${f}\n`);
    if (!send.value) return 0;
    const ses = sesClient(typeof sesEndpoint.value === 'string' ? sesEndpoint.value : undefined);
    let problems = 0;
    for (const r of await sendPortalDigests(repo, config, { portal: opts.portal, asOf, ses })) {
      process.stderr.write(
        `${r.portal} ${r.week}: sent ${r.sent.length}, already sent ${r.alreadySent.length}, failed ${r.failed.length}, unconfirmed ${r.unconfirmed.length}\n`,
      );
      for (const f of r.failed) process.stderr.write(`  failed ${f.email}: ${f.error} (retried on the next run)\n`);
      for (const u of r.unconfirmed)
        process.stderr.write(`  unconfirmed ${u}: an earlier run died while sending; check SES before clearing it\n`);
      problems += r.failed.length + r.unconfirmed.length;
    }
    ses.destroy();
    return problems === 0 ? 0 : 1;
  } finally {
    release();
    await store.close();
  }
}

/** Sends each selected portal's digest of the week ending on `asOf` through SES, once per recipient. */
export async function sendPortalDigests(
  repo: Repository,
  config: Config,
  opts: { portal?: string; asOf: string; ses: SESv2Client },
): Promise<(SendReport & { portal: string; week: string })[]> {
  const reports = [];
  for (const portal of selectPortals(config, opts.portal)) {
    const view = await loadDigest(repo, portal, opts.asOf);
    const r = await sendDigests(
      {
        portalId: portal.id,
        week: view.week.label,
        digests: composeDigests(view, portal, DIGEST_SENDER),
        from: DIGEST_SENDER.email,
      },
      { repo, ses: opts.ses },
    );
    reports.push({ portal: portal.id, week: view.week.label, ...r });
  }
  return reports;
}

/** Writes every recipient's digest; returns the paths of the .html files. */
export async function writeDigests(
  repo: Repository,
  config: Config,
  opts: { portal?: string; asOf: string; out: string; note?: (message: string) => void },
): Promise<string[]> {
  const note = opts.note ?? ((message: string) => process.stderr.write(`${message}\n`));
  const written: string[] = [];
  for (const portal of selectPortals(config, opts.portal)) {
    const view = await loadDigest(repo, portal, opts.asOf);
    const dir = resolve(opts.out, portal.id, view.week.label);
    mkdirSync(dir, { recursive: true });
    const digests = composeDigests(view, portal, DIGEST_SENDER);
    if (digests.length === 0)
      note(`${portal.id}: no recipients in the config; add "recipients" to send or write its digest.`);
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
