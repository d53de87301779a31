import type { ProbeResult } from '../model/availability.ts';
import type { Fetcher } from './fetcher.ts';

// One availability probe as the inspection makes it: a single GET, 15 s for the whole answer
// (redirects and body included), no retry and no robots.txt wait, because a retry would hide
// exactly the failure the inspection counts. Success is a 2xx whose body arrived with something
// in it; a 304 cannot happen (nothing conditional is asked).

export const PROBE_BUDGET_MS = 15_000;

export async function probeUrl(
  url: string,
  fetcher: Fetcher,
  opts: { at: Date; source?: ProbeResult['source']; budgetMs?: number },
): Promise<ProbeResult> {
  const budgetMs = opts.budgetMs ?? PROBE_BUDGET_MS;
  const started = performance.now();
  const res = await fetcher.fetch({ url, signal: AbortSignal.timeout(budgetMs) });
  const ms = Math.round(performance.now() - started);
  const base = { url, at: opts.at.toISOString(), ms, source: opts.source ?? 'probe' } as const;
  const status = res.status !== undefined ? { status: res.status } : {};
  if (!res.ok) {
    // robots.txt is never asked (the probe's fetcher has it off), so that kind cannot arise here.
    const reason = res.kind === undefined || res.kind === 'robots' ? 'other' : res.kind;
    return { ...base, ok: false, reason, ...status, error: res.error ?? `HTTP ${res.status}` };
  }
  if (!res.notModified && !hasContent(res.body)) {
    return { ...base, ok: false, reason: 'empty', ...status, error: `HTTP ${res.status} with an empty body` };
  }
  return { ...base, ok: true, ...status };
}

/** A body with at least one byte that is not white space (a blank page is not an open page). */
function hasContent(body: Uint8Array | undefined): boolean {
  if (!body) return false;
  for (const b of body) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  return false;
}
