import type { PortalConfig } from '../config/schema.ts';
import { expiresAfter } from '../store/keys.ts';
import type { ScanRun } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import type { TaskQueue } from './messages.ts';
import { scanIdAt } from '../common/scan-id.ts';
import { planScan } from './plan.ts';
import { zeroCounters } from './counters.ts';
import { outstandingPagesByColumn } from './outstanding-pages.ts';

// The first step of a scan spread over Lambdas (distributed-scan.ts has the others). Apart from them so
// plan-scan's bundle carries no crawler: it only writes a run and sends messages.

const RUN_DAYS = 30;

/** The run before this one, found still open when the next was planned. */
export type StalledRun = Pick<ScanRun, 'scanId' | 'status' | 'done' | 'total'>;

/**
 * Starts a scan of one portal. `scanId` is derived from the schedule's time by the caller when
 * it has one, so a retried schedule re-plans the same run instead of starting a second one.
 */
export async function startScan(
  portal: PortalConfig,
  input: { asOf: string; scanId?: string },
  deps: { repo: Repository; queue: TaskQueue; now?: () => Date },
): Promise<{ scanId: string; tasks: number; resumed: boolean; stalled: StalledRun | null }> {
  const now = deps.now?.() ?? new Date();
  const scanId = input.scanId ?? scanIdAt(now);
  // The portal's findings are read here, once, rather than by each column's task: one Query of
  // the findings instead of one per column, and every column works from the same reading.
  const [runs, findings] = await Promise.all([deps.repo.listRuns(portal.id, 2), deps.repo.listFindings(portal.id)]);
  const tasks = planScan(portal, scanId, input.asOf, outstandingPagesByColumn(portal, findings));
  // A day on, the previous run should long be evaluated. One still open means a column or its
  // evaluation is stuck where no error surfaced, for this portal alone (the others may be fine).
  const previous = runs.find((r) => r.scanId !== scanId);
  const stalled =
    previous && previous.status !== 'evaluated'
      ? { scanId: previous.scanId, status: previous.status, done: previous.done, total: previous.total }
      : null;
  const run: ScanRun = {
    portalId: portal.id,
    scanId,
    asOf: input.asOf,
    startedAt: now.toISOString(),
    status: 'crawling',
    total: tasks.length,
    done: 0,
    counters: zeroCounters(),
    expiresAt: expiresAfter(now, RUN_DAYS),
  };
  const created = await deps.repo.createRun(run);
  // Sent again on a retry: the first attempt may have died before its messages went out.
  await deps.queue.send(tasks.map((t) => ({ kind: 'crawl', ...t })));
  return { scanId, tasks: tasks.length, resumed: !created, stalled };
}
