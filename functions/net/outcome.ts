import type { FetchOutcome } from '../model/snapshot.ts';
import type { FetchResult } from './fetcher.ts';

/** What a rule needs to know about a fetch: did it work, and if not, what happened. */
export function outcomeOf(res: FetchResult): FetchOutcome {
  // Success carries no status: a 200 and a 304 are the same state, and must hash the same.
  return res.ok
    ? { ok: true }
    : { ok: false, status: res.status, error: res.error ?? `HTTP ${res.status}`, kind: res.kind };
}
