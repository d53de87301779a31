import { join } from 'node:path';
import { todayInShanghai } from '../../functions/calendar/dates.ts';
import type { Config } from '../../functions/config/schema.ts';
import { sesClient } from '../../functions/digest/send.ts';
import { dailyAt, everyMinutes, startSchedule, weeklyAt, type Job } from '../../functions/local/schedule.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import { probePortals } from '../../functions/scan/probe-round.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { alertDelivery, runAlerts, type AlertDelivery } from './alerts-command.ts';
import type { PortalAlertRun } from './alerts-output.ts';
import { take, UsageError } from './args.ts';
import { sendPortalDigests, writeDigests } from './digest-command.ts';
import { probeReportOf } from './probe-output.ts';

// The jobs of `serve --schedule`, as the AWS deployment runs them: a probe round every
// `probeEveryMinutes` (30 by default, 48 a day), the daily scan of every portal at 02:00, alerts
// after each probe round and after each portal's scan, and the weekly digest on Monday at 08:00,
// all Beijing time. Each job returns what its log line says.

export const PROBE_EVERY_DEFAULT = 30;
/** At most 72 minutes between rounds: 20 a day, the inspection's own minimum. */
export const PROBE_EVERY_MAX = 72;

export interface ScheduleSettings {
  probeEveryMinutes: number;
  /** Digests under `out`, alerts under `out/alerts`, unless `send`. */
  out: string;
  send: boolean;
  sesEndpoint?: string;
}

export function scheduledJobs(
  config: Config,
  repo: Repository,
  settings: ScheduleSettings,
  delivery: AlertDelivery,
  now: () => Date = () => new Date(),
): Job[] {
  return [
    {
      name: 'probe',
      timing: everyMinutes(settings.probeEveryMinutes),
      async run({ at, signal }) {
        const rounds = await probePortals(config.portals, { repo, at });
        const portals = rounds.map(probeReportOf).map((r) => ({
          portal: r.portal.id,
          level: r.level,
          probes: r.window.probes,
          failures: r.window.failures,
          failedNow: r.round.filter((p) => !p.ok).map((p) => ({ url: p.url, reason: p.reason, ms: p.ms })),
        }));
        // A stop asked mid-round: the round is recorded; its alerts go out with the next run.
        if (signal.aborted) return { portals, alerts: 'left for the next run (stopping)' };
        const windows = new Map(rounds.map((r) => [r.portal.id, r.window]));
        const alerts = await runAlerts(repo, config.portals, { now: now(), delivery, windows });
        return { portals, alerts: alertSummary(alerts) };
      },
    },
    {
      name: 'scan',
      timing: dailyAt('02:00'),
      async run({ at, signal }) {
        const asOf = todayInShanghai(at);
        const portals: Record<string, unknown>[] = [];
        for (const portal of config.portals) {
          if (signal.aborted) break; // the day's remaining portals wait for tomorrow's scan
          try {
            const r = await runLocalScan({ portal, asOf, repo });
            const { columns, pages, findings, new: added, resolved } = r.summary;
            const alerts = await runAlerts(repo, [portal], { now: now(), delivery });
            portals.push({
              portal: portal.id,
              columns,
              pages,
              findings,
              new: added,
              resolved,
              warnings: r.warnings.length,
              alerts: alertSummary(alerts),
            });
          } catch (e) {
            portals.push({ portal: portal.id, error: (e as Error)?.message ?? String(e) });
          }
        }
        return { asOf, portals };
      },
    },
    {
      name: 'digest',
      timing: weeklyAt(1, '08:00'),
      async run({ at }) {
        const asOf = todayInShanghai(at);
        const notes: string[] = [];
        const files = await writeDigests(repo, config, { asOf, out: settings.out, note: (n) => notes.push(n) });
        if (!settings.send) return { asOf, written: files.length, notes };
        const ses = sesClient(settings.sesEndpoint);
        try {
          const sent = await sendPortalDigests(repo, config, { asOf, ses });
          return {
            asOf,
            written: files.length,
            notes,
            sent: sent.map((r) => ({
              portal: r.portal,
              week: r.week,
              sent: r.sent.length,
              alreadySent: r.alreadySent.length,
              failed: r.failed,
              unconfirmed: r.unconfirmed,
            })),
          };
        } finally {
          ses.destroy();
        }
      },
    },
  ];
}

/** What an alerts run did, short enough for one log line. */
function alertSummary(runs: PortalAlertRun[]) {
  return {
    sent: runs.flatMap((r) =>
      r.report.sent.map((s) => ({
        portal: r.portal.id,
        key: s.key,
        kind: s.kind,
        level: s.level,
        to: s.targets.length,
      })),
    ),
    held: runs.flatMap((r) => r.report.held.map((h) => ({ portal: r.portal.id, ...h }))),
    failed: runs.flatMap((r) => r.report.failed.map((f) => ({ portal: r.portal.id, ...f }))),
  };
}

/** The `--schedule` flags of serve; `settings` is null without --schedule. */
export function parseScheduleFlags(argv: string[]): { settings: ScheduleSettings | null; rest: string[] } {
  const schedule = take(argv, '--schedule', true);
  const every = take(schedule.rest, '--probe-every', false, '--probe-every 30');
  const out = take(every.rest, '--out', false, '--out out/');
  const send = take(out.rest, '--send', true);
  const sesEndpoint = take(send.rest, '--ses-endpoint', false, '--ses-endpoint http://127.0.0.1:8005');
  const rest = sesEndpoint.rest;
  if (!schedule.value) {
    const stray = [every, out, send, sesEndpoint].some((o) => o.value !== undefined);
    if (stray) throw new UsageError('--probe-every, --out, --send and --ses-endpoint belong to --schedule; add it.');
    return { settings: null, rest };
  }
  const minutes = every.value === undefined ? PROBE_EVERY_DEFAULT : Number(every.value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > PROBE_EVERY_MAX)
    throw new UsageError(
      `--probe-every must be whole minutes from 1 to ${PROBE_EVERY_MAX} (at least 20 rounds a day, the inspection's minimum), not "${String(every.value)}".`,
    );
  if (sesEndpoint.value !== undefined && !send.value)
    throw new UsageError('--ses-endpoint is where --send sends; without --send nothing is sent. Add --send.');
  return {
    settings: {
      probeEveryMinutes: minutes,
      out: typeof out.value === 'string' ? out.value : 'out',
      send: send.value === true,
      sesEndpoint: typeof sesEndpoint.value === 'string' ? sesEndpoint.value : undefined,
    },
    rest,
  };
}

/**
 * How long a stop waits for a running job: past one probe's 15 s budget, so a round whose hosts
 * have one URL each ends on its own; a scan (or a host with several probe URLs, probed one after
 * the other) is abandoned after it, and the next run starts afresh.
 */
export const STOP_GRACE_MS = 20_000;

const logLine = (line: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

/**
 * Starts the schedule beside the API server, with a probe round at once: the first measurement
 * (and any alert due) does not wait for the next half hour, and a restart leaves no gap.
 */
export function startScheduled(config: Config, repo: Repository, settings: ScheduleSettings) {
  const delivery = alertDelivery({
    out: join(settings.out, 'alerts'),
    send: settings.send,
    sesEndpoint: settings.sesEndpoint,
  });
  const schedule = startSchedule(scheduledJobs(config, repo, settings, delivery), { log: logLine });
  logLine({ event: 'schedule', send: settings.send, out: settings.out, next: schedule.nextRuns() });
  if (settings.send)
    for (const p of config.portals)
      if (!p.alerts?.channels.length)
        logLine({ event: 'note', portal: p.id, note: 'no "alerts.channels" in the config: its alerts are not sent' });
  schedule.runNow('probe');
  return {
    async stop() {
      const abandoned = await schedule.stop(STOP_GRACE_MS);
      logLine({ event: 'stopped', abandoned });
      delivery.close();
    },
  };
}
