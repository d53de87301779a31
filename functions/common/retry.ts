// Re-sending the part of a batch that a service left undone (DynamoDB's unprocessed items and
// keys, SQS's failed entries), waiting longer before each round.

export interface Backoff {
  /** Rounds in all, the first included; what is still left after the last one is an error. */
  attempts: number;
  /** The wait before the first retry is at most twice this; each later wait doubles. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first): exponential and capped, with equal
 * jitter. Half of the step is always waited, so a throttled table is never asked again at once;
 * the other half is random, so Lambdas throttled together do not come back together.
 */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/**
 * Sends `items`, then what `send` hands back as left over, until nothing is left. When the
 * attempts run out, throws what `giveUp` makes of the leftovers; an error `send` throws is not
 * retried here (the SDK has retried it already).
 */
export async function retryLeftovers<T>(
  items: T[],
  send: (pending: T[]) => Promise<T[]>,
  backoff: Backoff & { giveUp: (left: T[], attempts: number) => Error },
): Promise<void> {
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, backoffDelay(attempt - 1, backoff)));
    pending = await send(pending);
    if (pending.length > 0 && attempt >= backoff.attempts) throw backoff.giveUp(pending, attempt);
  }
}
