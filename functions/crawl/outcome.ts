import type { FetchOutcome } from '../rules/types.ts';
import type { FetchResult } from './fetcher.ts';

/** What a rule needs to know about a fetch: did it work, and if not, what happened. */
export function outcomeOf(res: FetchResult): FetchOutcome {
  // Success carries no status: a 200 and a 304 are the same state, and must hash the same.
  return res.ok ? { ok: true } : { ok: false, status: res.status, error: res.error ?? `HTTP ${res.status}` };
}

const DOCUMENT = /\.(pdf|docx?|xlsx?|wps|et|zip|rar|7z|ofd|ceb|txt|jpg|jpeg|png|gif)$/i;

/** Links to documents (attachments) are listed and link-checked, never parsed as HTML pages. */
export function isDocumentUrl(url: string): boolean {
  try {
    return DOCUMENT.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
