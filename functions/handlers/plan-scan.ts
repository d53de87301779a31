import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { scanIdAt } from '../common/scan-id.ts';
import { startScan } from '../scan/distributed-start.ts';
import { coldStart, crawlQueue, parseScheduled, flushMetrics } from './runtime.ts';
import { METRIC_NAMES } from './observability.ts';

// EventBridge Scheduler (daily, Asia/Shanghai) → one run per portal, one SQS message per column.

const rt = coldStart('plan-scan', ['DW_CRAWL_QUEUE_URL']);
const queue = crawlQueue(rt);

export const handler = async (event: unknown) => {
  const { firedAt, scheduled, asOf, portals } = parseScheduled(rt, event);
  const scans = [];
  for (const portal of portals) {
    // A retried schedule fires with the same time: it re-plans the same run rather than a second one.
    const planned = await startScan(
      portal,
      { asOf, scanId: scheduled ? scanIdAt(firedAt, 'sched') : undefined },
      { repo: rt.repo, queue },
    );
    rt.logger.info('scan planned', { portal: portal.id, asOf, ...planned });
    if (planned.stalled) {
      rt.logger.error('the previous scan of this portal never finished: see the crawl DLQ and the evaluate log', {
        portal: portal.id,
        previous: planned.stalled,
      });
    }
    scans.push({ portal: portal.id, ...planned });
  }
  rt.metrics.addMetric(METRIC_NAMES.ScansStarted, MetricUnit.Count, scans.filter((s) => !s.resumed).length);
  rt.metrics.addMetric(METRIC_NAMES.StalledScans, MetricUnit.Count, scans.filter((s) => s.stalled).length);
  flushMetrics(rt);
  return { asOf, scans };
};
