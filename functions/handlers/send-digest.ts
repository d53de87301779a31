import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { composeDigests, DIGEST_SENDER_NAME, loadDigest } from '../digest/compose.ts';
import { sendDigests, sesClient } from '../digest/send.ts';
import { coldStart, parseScheduled, flushMetrics } from './runtime.ts';
import { METRIC_NAMES } from './observability.ts';

// EventBridge Scheduler (Monday 08:00 Asia/Shanghai) → each portal's weekly digest, one email
// per recipient through SES. Sending is claimed per recipient and week in DynamoDB, so a retry
// sends only what failed; a failure is thrown so Lambda's async retry comes back for it.

const rt = coldStart('send-digest', ['DW_SES_FROM']);
const ses = sesClient(rt.env.DW_SES_ENDPOINT);

export const handler = async (event: unknown) => {
  const { asOf, portals } = parseScheduled(rt, event);
  const sender = { name: DIGEST_SENDER_NAME, email: rt.env.DW_SES_FROM! };
  const reports = [];
  let failed = 0;
  for (const portal of portals) {
    const view = await loadDigest(rt.repo, portal, asOf);
    const digests = composeDigests(view, portal, sender);
    const r = await sendDigests(
      { portalId: portal.id, week: view.week.label, digests, from: sender.email },
      { repo: rt.repo, ses },
    );
    const report = {
      portal: portal.id,
      week: view.week.label,
      sent: r.sent.length,
      alreadySent: r.alreadySent.length,
      failed: r.failed,
      unconfirmed: r.unconfirmed,
    };
    (r.failed.length || r.unconfirmed.length ? rt.logger.warn : rt.logger.info).call(rt.logger, 'digest run', report);
    rt.metrics.addMetric(METRIC_NAMES.DigestsSent, MetricUnit.Count, r.sent.length);
    rt.metrics.addMetric(METRIC_NAMES.DigestsFailed, MetricUnit.Count, r.failed.length);
    rt.metrics.addMetric(METRIC_NAMES.DigestsUnconfirmed, MetricUnit.Count, r.unconfirmed.length);
    failed += r.failed.length;
    reports.push(report);
  }
  flushMetrics(rt);
  if (failed > 0) throw new Error(`${failed} digest(s) failed to send; the retry sends only those`);
  return { asOf, reports };
};
