import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { dispatchAlerts, type AlertSink } from '../../functions/alerts/dispatch.ts';
import { channelSink, fileSink } from '../../functions/alerts/sinks.ts';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import { loadConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { sesClient } from '../../functions/digest/send.ts';
import { openStore } from '../../functions/local/open-store.ts';
import type { AvailabilityWindow } from '../../functions/model/availability.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { parseCommon, parseIsoDateTime, requireConfig, take, UsageError } from './args.ts';
import { alertsJson, alertsText, type PortalAlertRun } from './alerts-output.ts';
import { DIGEST_SENDER } from './digest-command.ts';
import { selectPortals } from './scan-command.ts';
import { onShutdown } from './shutdown.ts';

// `disclosure-watch alerts`: the same-day alerts due now, decided from what the store holds (the
// latest scan, the open findings, the probe week). Without --send they are written as the files
// a channel would receive (.eml, robot JSON) under --out; with --send they go out through the
// portal's channels. Either way an opening is announced once: the claim is a conditional write.

export const DEFAULT_ALERTS_OUT = 'out/alerts';

export async function alertsCommand(argv: string[]): Promise<number> {
  const out = take(argv, '--out', false, '--out out/alerts');
  const send = take(out.rest, '--send', true);
  const sesEndpoint = take(send.rest, '--ses-endpoint', false, '--ses-endpoint http://127.0.0.1:8005');
  const atOpt = take(sesEndpoint.rest, '--at', false, '--at 2018-01-15T10:30');
  const opts = parseCommon(atOpt.rest);
  if (opts.asOf !== undefined && atOpt.value !== undefined)
    throw new UsageError('--as-of and --at both fix the time; give one of them.');
  if (sesEndpoint.value !== undefined && !send.value)
    throw new UsageError('--ses-endpoint is where --send sends; without --send nothing is sent. Add --send.');
  const now = typeof atOpt.value === 'string' ? parseIsoDateTime(atOpt.value, '--at') : instantOf(opts.asOf);
  const config = loadConfig(requireConfig(opts));
  const portals = selectPortals(config, opts.portal);
  const delivery = alertDelivery({
    out: typeof out.value === 'string' ? out.value : DEFAULT_ALERTS_OUT,
    send: send.value === true,
    sesEndpoint: typeof sesEndpoint.value === 'string' ? sesEndpoint.value : undefined,
  });
  const store = openStore({ store: opts.store, dataDir: opts.dataDir, endpoint: opts.endpoint });
  const release = onShutdown(() => store.close());
  try {
    const runs = await runAlerts(await store.repo, portals, { now, delivery });
    for (const r of runs) if (r.note) process.stderr.write(`${r.note}\n`);
    process.stdout.write(
      opts.format === 'json'
        ? JSON.stringify(alertsJson(runs, now), null, 2) + '\n'
        : runs.map((r) => alertsText(r, now)).join('\n\n') + '\n',
    );
    const failed = runs.reduce((n, r) => n + r.report.failed.length, 0);
    if (failed > 0)
      process.stderr.write(
        `${failed} delivery(ies) refused (listed above); the next run retries only those targets.\n`,
      );
    return failed > 0 ? 1 : 0;
  } finally {
    delivery.close();
    release();
    await store.close();
  }
}

/**
 * "Now" for `--as-of D`: now itself when D is today; otherwise 09:00 Beijing time on D, the start
 * of the office day, so a replayed day's warnings are not held by the default 22:00–07:00 quiet hours.
 */
export function instantOf(asOf: string | undefined, now = new Date()): Date {
  if (asOf === undefined || asOf === todayInShanghai(now)) return now;
  return new Date(`${asOf}T09:00:00+08:00`);
}

export interface AlertDelivery {
  /** Where one portal's alerts go, and the files each alert became (dry run only). */
  sinkFor(portal: PortalConfig): { sink: AlertSink; files: Map<string, string[]> } | null;
  close(): void;
}

/** Files under `out` (a dry run), or the portals' channels with `send`. */
export function alertDelivery(opts: { out: string; send: boolean; sesEndpoint?: string }): AlertDelivery {
  let ses: SESv2Client | undefined;
  return {
    sinkFor(portal) {
      const files = new Map<string, string[]>();
      if (opts.send) {
        // A portal with no channels would have its notices marked sent to no one: leave them due.
        if (!portal.alerts?.channels.length) return null;
        ses ??= sesClient(opts.sesEndpoint);
        return { sink: channelSink(portal, { ses, sesFrom: DIGEST_SENDER.email }), files };
      }
      const sink = fileSink(portal, opts.out, { from: DIGEST_SENDER.email });
      return {
        files,
        sink: {
          async deliver(alert, only) {
            const before = sink.files.length;
            const result = await sink.deliver(alert, only);
            files.set(alert.key, sink.files.slice(before));
            return result;
          },
        },
      };
    },
    close: () => ses?.destroy(),
  };
}

/**
 * Dispatches each portal's due alerts at `now`. `windows` are probe weeks a caller already holds
 * (a probe round just read them); the others are read from the store.
 */
export async function runAlerts(
  repo: Repository,
  portals: readonly PortalConfig[],
  opts: { now: Date; delivery: AlertDelivery; windows?: ReadonlyMap<string, AvailabilityWindow> },
): Promise<PortalAlertRun[]> {
  const runs: PortalAlertRun[] = [];
  for (const portal of portals) {
    const target = opts.delivery.sinkFor(portal);
    if (!target) {
      const report = { portalId: portal.id, changed: [], sent: [], held: [], failed: [] };
      const note = `${portal.id}: the config has no "alerts.channels" for it, so --send has nowhere to send; its alerts stay due (add an "alerts" block, see docs/alerts.md).`;
      runs.push({ portal, report, files: new Map(), note });
      continue;
    }
    const report = await dispatchAlerts(
      { portal, now: opts.now, window: opts.windows?.get(portal.id) },
      { repo, sink: target.sink },
    );
    runs.push({ portal, report, files: target.files });
  }
  return runs;
}
