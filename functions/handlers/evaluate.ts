import { atLine } from '../rules/veto-risk.ts';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { publicOnlyAgent } from '../net/public-only.ts';
import { evaluateRun } from '../scan/distributed-scan.ts';
import { offsiteFetcher } from '../scan/settings.ts';
import { alertCounts, portalAlerts } from './alerts.ts';
import { coldStart, flushMetrics } from './runtime.ts';
import { METRIC_NAMES } from './observability.ts';

// DynamoDB stream → evaluate. The stack's filter passes only a run's crawling → crawled change;
// the same test is repeated here, so a widened filter can never start a second evaluation. An
// error is thrown back: the stream retries, bisects, then parks the record in a DLQ.
//
// Each evaluation ends with the portal's same-day alerts (a leak found, a line crossed). They never
// fail the evaluation (functions/handlers/alerts.ts). A redelivered record of a run already
// evaluated dispatches too: every state change is a conditional write, so nothing goes out twice,
// and an attempt that died between evaluating and alerting is made good at once.

const rt = coldStart('evaluate');
const alerts = portalAlerts(rt);

export const handler = async (event: DynamoDBStreamEvent) => {
  const evaluated = [];
  for (const record of event.Records) {
    const image = (i: unknown) => (i ? unmarshall(i as Record<string, AttributeValue>) : {});
    const now = image(record.dynamodb?.NewImage);
    const before = image(record.dynamodb?.OldImage);
    if (
      record.eventName !== 'MODIFY' ||
      !String(now.sk ?? '').startsWith('R#') ||
      now.status !== 'crawled' ||
      before.status !== 'crawling'
    )
      continue;
    const portal = rt.config.portals.find((p) => p.id === now.portalId);
    if (!portal) {
      rt.logger.warn('crawled run of a portal no longer configured; skipped', {
        portal: now.portalId,
        scanId: now.scanId,
      });
      continue;
    }
    // Off-site links are whatever a portal page points at; in AWS they may only reach public addresses.
    const offsite =
      rt.env.DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES === '1'
        ? undefined
        : offsiteFetcher(portal, { dispatcher: publicOnlyAgent() });
    let result;
    try {
      result = await evaluateRun({ portalId: portal.id, scanId: String(now.scanId) }, portal, {
        repo: rt.repo,
        offsiteFetcher: offsite,
      });
    } finally {
      await offsite?.close();
    }
    if (!result) {
      rt.logger.info('run already evaluated', { portal: portal.id, scanId: now.scanId });
      await alerts(portal, new Date());
      continue;
    }
    rt.logger.info('scan evaluated', {
      portal: portal.id,
      scanId: result.scanId,
      asOf: result.asOf,
      summary: { ...result.summary, vetoRisks: result.summary.vetoRisks.filter(atLine) },
      counters: result.counters,
      warnings: result.warnings.slice(0, 20),
    });
    rt.metrics.addMetric(METRIC_NAMES.ScansCompleted, MetricUnit.Count, 1);
    rt.metrics.addMetric(METRIC_NAMES.OpenFindings, MetricUnit.Count, result.summary.findings);
    rt.metrics.addMetric(
      METRIC_NAMES.VetoRisks,
      MetricUnit.Count,
      result.summary.vetoRisks.filter((v) => v.level === 'veto').length,
    );
    const report = await alerts(portal, new Date());
    evaluated.push({
      portal: portal.id,
      scanId: result.scanId,
      findings: result.summary.findings,
      alerts: alertCounts(report),
    });
  }
  flushMetrics(rt);
  return { evaluated };
};
