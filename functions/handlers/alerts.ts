import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { dispatchAlerts, type DispatchReport } from '../alerts/dispatch.ts';
import { redact } from '../alerts/secrets.ts';
import { channelSink } from '../alerts/sinks.ts';
import type { PortalConfig } from '../config/schema.ts';
import { sesClient } from '../digest/send.ts';
import type { AvailabilityWindow } from '../model/availability.ts';
import { METRIC_NAMES } from './observability.ts';
import type { Runtime } from './runtime.ts';

// Same-day alerts from a handler: the end of evaluate and of each probe round dispatch a portal's
// conditions through its channels. This never throws. What it follows (an evaluation, a recorded
// probe round) is already stored and must not be redone because a robot refused: the failure is
// logged and counted (the AlertsFailed alarm), a failed notice stays due, and the next probe
// round, at most one interval later, sends it again.

/** Dispatches one portal's alerts; `window` is the probe week when the caller just measured it. */
export type PortalAlerts = (
  portal: PortalConfig,
  now: Date,
  window?: AvailabilityWindow,
) => Promise<DispatchReport | undefined>;

export function portalAlerts(rt: Runtime): PortalAlerts {
  // The same SES client as the digest's: one attempt, since a retry after a lost answer is a second mail.
  const deliveryDeps = { sesFrom: rt.env.DW_SES_FROM, ses: sesClient(rt.env.DW_SES_ENDPOINT) };
  return async (portal, now, window) => {
    try {
      const report = await dispatchAlerts(
        { portal, now, window },
        { repo: rt.repo, sink: channelSink(portal, deliveryDeps) },
      );
      const { changed, sent, held, failed } = report;
      if (changed.length + sent.length + held.length + failed.length > 0) {
        // Targets are named `<type>#<channel>[:address]` and errors arrive scrubbed: no secret is logged.
        (failed.length > 0 ? rt.logger.warn : rt.logger.info).call(rt.logger, 'alerts dispatched', {
          portal: portal.id,
          changed,
          sent: sent.map((s) => ({ key: s.key, kind: s.kind, level: s.level, targets: s.targets })),
          held,
          failed,
        });
      }
      rt.metrics.addMetric(METRIC_NAMES.AlertsSent, MetricUnit.Count, sent.length);
      rt.metrics.addMetric(METRIC_NAMES.AlertsFailed, MetricUnit.Count, failed.length);
      return report;
    } catch (e) {
      rt.logger.error('alerts not dispatched; the next probe round tries again', {
        portal: portal.id,
        error: redact((e as Error).message),
      });
      rt.metrics.addMetric(METRIC_NAMES.AlertsFailed, MetricUnit.Count, 1);
      return undefined;
    }
  };
}

/** What a handler returns about a portal's alerts: counts, no addresses; null when the dispatch failed. */
export const alertCounts = (r: DispatchReport | undefined) =>
  r ? { sent: r.sent.length, held: r.held.length, failed: r.failed.length } : null;
