import { errors as undiciErrors } from './undici.ts';
import type { FetchErrorKind } from '../model/fetch-error.ts';

// Turning what went wrong into a kind, and a kind into "ask again?". The message stays as it
// always was (an error code or our own sentence), because it is shown and stored.

export interface FetchFailure {
  kind: FetchErrorKind;
  error: string;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const CONNECTION = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// OpenSSL and Node name certificate problems by what is wrong with the chain, hence the prefixes.
const TLS = /^(?:ERR_TLS_|ERR_SSL_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/;
/** The code the public-only connector gives its refusals. */
export const NOT_PUBLIC_CODE = 'EADDRNOTPUBLIC';

function kindOfCode(code: string | undefined): FetchErrorKind {
  if (code === undefined) return 'other';
  if (code === NOT_PUBLIC_CODE) return 'not-public';
  if (DNS.has(code)) return 'dns';
  if (CONNECTION.has(code)) return 'connection';
  if (TLS.test(code)) return 'tls';
  return 'other';
}

/** A request that threw: our own timeout (the abort), undici's timeouts, or the network's errors. */
export function thrownFailure(e: unknown, aborted: boolean, timeoutMs: number): FetchFailure {
  if (aborted || e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError) {
    return { kind: 'timeout', error: `timeout after ${timeoutMs} ms` };
  }
  const err = e as { code?: string; cause?: { code?: string }; message?: string };
  const code = err.code ?? err.cause?.code;
  return { kind: kindOfCode(code), error: code ?? err.message ?? String(e) };
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504, 429]);

/**
 * Worth asking again: anything below HTTP may be of the moment (a timeout, a reset, a name or a
 * certificate being changed), and so is a busy server (5xx, 429). An answer that another try
 * would only repeat is not: a 404, a redirect we will not follow, a size cap, robots.txt.
 */
export function shouldRetry(failure: { kind: FetchErrorKind; status?: number }): boolean {
  switch (failure.kind) {
    case 'timeout':
    case 'connection':
    case 'dns':
    case 'tls':
    case 'not-public':
    case 'other':
      return true;
    case 'http':
      return failure.status !== undefined && RETRYABLE_STATUS.has(failure.status);
    case 'redirect-off-site':
    case 'too-many-redirects':
    case 'too-large':
    case 'robots':
      return false;
  }
}
