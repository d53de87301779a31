import type { DispatchReport } from '../functions/alerts/dispatch.ts';
import { dispatchAlerts } from '../functions/alerts/dispatch.ts';
import { fileSink } from '../functions/alerts/sinks.ts';
import type { PortalConfig } from '../functions/config/schema.ts';
import type { AvailabilityWindow } from '../functions/model/availability.ts';
import { availabilityLevel, type AvailabilityLevel } from '../functions/rules/availability.ts';
import { resolveThresholds } from '../functions/rules/thresholds.ts';
import { probeFetcher, probePortals } from '../functions/scan/probe-round.ts';
import type { Repository } from '../functions/store/repository.ts';
import { beijing, replayRounds } from './portal/outages.ts';
import type { DemoServer } from './portal/server.ts';

// The demo's week of availability probes, replayed at simulated times: 48 rounds a day for the
// 7 days ending on the demo's as-of day, each recorded as `disclosure-watch probe --at` would,
// and alerts decided after every round as `serve --schedule` does, written as files. The daily
// scans run at 02:00 of their days, between the rounds, so the alerts they cause go out the
// same morning, and a warning that arises at night waits for the end of quiet hours.

export interface ReplayDeps {
  portals: readonly PortalConfig[];
  server: DemoServer;
  repo: Repository;
  /** The folder the alerts are written to, one sub-folder per portal. */
  out: string;
  /** Daily scans: run at 02:00 Beijing time of each of `days`, before that round's probes. */
  scans?: { days: readonly string[]; run: (day: string) => Promise<void> };
}

/** An announcement as it went out, with the simulated moment. */
export type SentAlert = DispatchReport['sent'][number] & { at: string; portalId: string };

export interface PortalReplay {
  portal: PortalConfig;
  /** The week as the last round left it, and its level against the portal's lines. */
  window: AvailabilityWindow;
  level: AvailabilityLevel;
  /** Files written, in order. */
  files: string[];
  /** Held by quiet hours when the week ended. */
  held: DispatchReport['held'];
  failed: DispatchReport['failed'];
}

export interface ReplayReport {
  portals: PortalReplay[];
  sent: SentAlert[];
  rounds: number;
}

export async function replayProbeWeek(deps: ReplayDeps): Promise<ReplayReport> {
  const { portals, server, repo } = deps;
  const sinks = new Map(portals.map((p) => [p.id, fileSink(p, deps.out)]));
  const scanAt = new Map((deps.scans?.days ?? []).map((day) => [beijing(`${day}T02:00`).getTime(), day]));
  // One fetcher for the whole week: its per-host limiter and connections outlive a round.
  const fetcher = probeFetcher(portals);
  const last = new Map<string, PortalReplay>();
  const sent: SentAlert[] = [];
  const rounds = replayRounds();
  try {
    for (const at of rounds) {
      server.setClock(at);
      const day = scanAt.get(at.getTime());
      if (day) await deps.scans!.run(day);
      const probed = await probePortals(portals, { repo, at, fetcher });
      await Promise.all(
        probed.map(async ({ portal, window }) => {
          const sink = sinks.get(portal.id)!;
          const report = await dispatchAlerts({ portal, now: at, window }, { repo, sink });
          for (const s of report.sent) sent.push({ ...s, at: at.toISOString(), portalId: portal.id });
          last.set(portal.id, {
            portal,
            window,
            level: levelOf(portal, window),
            files: sink.files,
            held: report.held,
            failed: [...(last.get(portal.id)?.failed ?? []), ...report.failed],
          });
        }),
      );
    }
  } finally {
    server.setClock(null);
    await fetcher.close();
  }
  return { portals: portals.map((p) => last.get(p.id)!), sent: sent.sort(inOrder(portals)), rounds: rounds.length };
}

/**
 * Announcements of one moment come out of parallel work in no set order: put them in the
 * config's portal order, down before problems before findings, then by title.
 */
const KEY_ORDER = ['outage', 'risk', 'finding'];
const inOrder = (portals: readonly PortalConfig[]) => {
  const rank = (s: SentAlert) =>
    [
      s.at,
      String(portals.findIndex((p) => p.id === s.portalId)).padStart(3, '0'),
      s.kind,
      KEY_ORDER.indexOf(s.key.split(':')[0]!),
      s.title,
    ].join('\u0000');
  return (a: SentAlert, b: SentAlert) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0);
};

function levelOf(portal: PortalConfig, window: AvailabilityWindow): AvailabilityLevel {
  const t = resolveThresholds(portal);
  return availabilityLevel(window, {
    warningPercent: t.unreachableWarningPercent,
    vetoPercent: t.unreachableVetoPercent,
  });
}
