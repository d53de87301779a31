import type { PortalConfig } from '../config/schema.ts';
import { expiresAfter } from '../store/keys.ts';
import type { ScanRun, TaskCounters } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { TaskQueue } from './messages.ts';
import { newScanId, planScan } from './plan.ts';

// The first step of a scan spread over Lambdas (pipeline.ts has the others). Apart from them so
// plan-scan's bundle carries no crawler: it only writes a run and sends messages.

const RUN_DAYS = 30;

export const zeroCounters = (): TaskCounters => ({ requests: 0, bytes: 0, notModified: 0, failures: 0, pagesParsed: 0, writes: 0 });

/**
 * Starts a scan of one portal. `scanId` is derived from the schedule's time by the caller when
 * it has one, so a retried schedule re-plans the same run instead of starting a second one.
 */
export async function startScan(
  portal: PortalConfig,
  input: { asOf: string; scanId?: string },
  deps: { repo: Repository; queue: TaskQueue; now?: () => Date },
): Promise<{ scanId: string; tasks: number; resumed: boolean }> {
  const now = deps.now?.() ?? new Date();
  const scanId = input.scanId ?? newScanId(now);
  const tasks = planScan(portal, scanId, input.asOf);
  const run: ScanRun = {
    portalId: portal.id, scanId, asOf: input.asOf, startedAt: now.toISOString(), status: 'crawling',
    total: tasks.length, done: 0, counters: zeroCounters(), expiresAt: expiresAfter(now, RUN_DAYS),
  };
  const created = await deps.repo.createRun(run);
  // Sent again on a retry: the first attempt may have died before its messages went out.
  await deps.queue.send(tasks.map((t) => ({ kind: 'crawl', ...t })));
  return { scanId, tasks: tasks.length, resumed: !created };
}

