import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PortalConfig } from '../config/schema.ts';
import type { Fetcher } from '../net/fetcher.ts';
import { publicOnlyAgent } from '../net/public-only.ts';
import { availabilityLevel, failurePercent } from '../rules/availability.ts';
import { resolveThresholds } from '../rules/thresholds.ts';
import { probeFetcher, probePortals, type PortalProbeRound } from '../scan/probe-round.ts';
import { alertCounts, portalAlerts } from './alerts.ts';
import { coldStart, flushMetrics, parseScheduled } from './runtime.ts';
import { METRIC_NAMES } from './observability.ts';

// EventBridge Scheduler (every `probeEveryMinutes`, Asia/Shanghai) → one availability probe round:
// every portal's homepage and probeUrls, hosts side by side, one request at a time per host,
// outside any VPC and only to public addresses (the connector on-demand checks use). Each portal
// is probed and recorded on its own, then its alerts are dispatched, so neither a portal whose day
// cannot be written nor one whose alerts fail holds up the others.
//
// A round whose recording failed for some portal is thrown after the others are done; the stack
// gives this function no async retry, because a retried round would count the portals that were
// recorded twice. The failed event lands in the scheduler DLQ and the next round is one interval away.

const rt = coldStart('probe');
const alerts = portalAlerts(rt);

export const handler = async (event: unknown) => {
  const { firedAt, portals } = parseScheduled(rt, event);
  const dispatcher = rt.env.DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES === '1' ? undefined : publicOnlyAgent();
  // One fetcher for the round: its host limiter is what keeps one request per host across portals.
  const fetcher = probeFetcher(portals, { dispatcher });
  let outcomes;
  try {
    outcomes = await Promise.all(portals.map((portal) => probeAndAlert(portal, firedAt, fetcher)));
  } finally {
    await fetcher.close();
  }
  const recorded = outcomes.filter((o) => o.round);
  const results = recorded.flatMap((o) => o.round!.results);
  rt.metrics.addMetric(METRIC_NAMES.ProbeRounds, MetricUnit.Count, recorded.length);
  rt.metrics.addMetric(METRIC_NAMES.Probes, MetricUnit.Count, results.length);
  rt.metrics.addMetric(METRIC_NAMES.ProbeFailures, MetricUnit.Count, results.filter((r) => !r.ok).length);
  flushMetrics(rt);
  const lost = outcomes.filter((o) => !o.round).map((o) => o.portal);
  if (lost.length > 0)
    throw new Error(`probe round of ${firedAt.toISOString()} not recorded for ${lost.join(', ')}: see the log`);
  return { at: firedAt.toISOString(), portals: outcomes.map((o) => o.summary) };
};

async function probeAndAlert(portal: PortalConfig, at: Date, fetcher: Fetcher) {
  let round: PortalProbeRound | undefined;
  try {
    [round] = await probePortals([portal], { repo: rt.repo, at, fetcher });
  } catch (e) {
    rt.logger.error('probe round not recorded', { portal: portal.id, error: (e as Error).message });
    return { portal: portal.id, round: undefined, summary: { portal: portal.id, recorded: false } };
  }
  const { window, results } = round!;
  const t = resolveThresholds(portal);
  const level = availabilityLevel(window, {
    warningPercent: t.unreachableWarningPercent,
    vetoPercent: t.unreachableVetoPercent,
  });
  const week = {
    probes: window.probes,
    failures: window.failures,
    percent: failurePercent(window),
    streak: window.streak,
  };
  (level === 'ok' || level === 'insufficient-data' ? rt.logger.info : rt.logger.warn).call(rt.logger, 'probe round', {
    portal: portal.id,
    level,
    week,
    round: results.map((r) => ({ url: r.url, ok: r.ok, ms: r.ms, reason: r.reason, status: r.status })),
  });
  const report = await alerts(portal, at, window);
  return {
    portal: portal.id,
    round,
    summary: {
      portal: portal.id,
      recorded: true,
      level,
      probes: results.length,
      failures: results.filter((r) => !r.ok).length,
      week,
      alerts: alertCounts(report),
    },
  };
}
