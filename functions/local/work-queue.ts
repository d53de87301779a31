// The CLI's stand-in for SQS: the same messages, worked off in process with bounded
// concurrency. crawl-column also works its detail pages off in these lanes.
// A failing item does not stop the others; its error is returned.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export async function runQueue<T, R>(
  messages: T[],
  concurrency: number,
  worker: (m: T) => Promise<R>,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array(messages.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, messages.length)) }, async () => {
    while (next < messages.length) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await worker(messages[i]!) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  });
  await Promise.all(lanes);
  return results;
}
