import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { runCheck } from '../api/checks.ts';
import { queueMessageSchema } from '../scan/messages.ts';
import { runCrawlTask } from '../scan/distributed-scan.ts';
import { coldStart, flushMetrics } from './runtime.ts';
import { METRIC_NAMES } from './observability.ts';

// SQS FIFO → one column (or the homepage, or a deferred API check) per message. Failures are
// reported per message; after the first one the rest of the batch is handed back too, because
// FIFO order within a host's group must hold (AWS's rule for FIFO partial batch responses).

const rt = coldStart('crawl-column');
const checkDeps = {
  config: rt.config,
  repo: rt.repo,
  allowPrivateAddresses: rt.env.DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES === '1',
  onInternalError: (e: Error, checkId: string) =>
    rt.logger.error('deferred check failed', { checkId, error: e.message, stack: e.stack }),
};

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    if (batchItemFailures.length > 0) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const log = { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount };
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const parsed = queueMessageSchema.safeParse(body);
    if (!parsed.success) {
      // Retrying cannot fix a malformed message, and it would hold up the host's group: drop it, loudly.
      rt.logger.error('dropped a malformed message', {
        ...log,
        body: record.body.slice(0, 500),
        problems: parsed.error.issues.map((i) => i.message),
      });
      rt.metrics.addMetric(METRIC_NAMES.MalformedMessages, MetricUnit.Count, 1);
      continue;
    }
    const message = parsed.data;
    try {
      if (message.kind === 'check') {
        const done = await runCheck(message, checkDeps);
        rt.logger.info('deferred check finished', { ...log, checkId: done.checkId, status: done.status });
        continue;
      }
      const portal = rt.config.portals.find((p) => p.id === message.portalId);
      if (!portal) {
        rt.logger.warn('message for a portal no longer configured; dropped', { ...log, portal: message.portalId });
        continue;
      }
      const outcome = await runCrawlTask(message, portal, { repo: rt.repo });
      rt.logger.info(outcome.done === 'crawled' ? 'task crawled' : 'task skipped', {
        ...log,
        portal: portal.id,
        scanId: message.scanId,
        target: message.target,
        ...outcome,
      });
      if (outcome.done === 'crawled' && outcome.last)
        rt.metrics.addMetric(METRIC_NAMES.ScansCrawled, MetricUnit.Count, 1);
    } catch (e) {
      rt.logger.error('task failed; SQS will redeliver it', {
        ...log,
        error: (e as Error).message,
        stack: (e as Error).stack,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  flushMetrics(rt);
  return { batchItemFailures };
};
