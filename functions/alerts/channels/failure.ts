import { redact } from '../secrets.ts';
import type { SendResult } from './channel.ts';

// Turning whatever a send threw into a SendResult, and telling "surely not sent" (safe to send
// again) from "may have been sent" (a retry could be a duplicate).

/** Error codes that mean the request never reached the receiver. */
const NEVER_LEFT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  // nodemailer: a refused login, a refused address or an unresolvable host, all before DATA.
  'EAUTH',
  'EENVELOPE',
  'EDNS',
]);

interface ThrownShape {
  name?: string;
  message?: string;
  /** A string for Node and undici errors; DOMException's number (23 for a timeout) says nothing. */
  code?: string | number;
  cause?: { code?: string | number; message?: string };
  /** AWS SDK: the service answered with this status. */
  $metadata?: { httpStatusCode?: number };
  /** nodemailer: the SMTP server answered with this reply code. */
  responseCode?: number;
  /** nodemailer: the socket's own code (ECONNREFUSED) under its ESOCKET. */
  originalCode?: string;
}

export function failure(what: string, e: unknown, secrets: readonly string[]): SendResult {
  const err = (e ?? {}) as ThrownShape;
  const code = [err.code, err.cause?.code].find((c): c is string => typeof c === 'string');
  const neverLeft = [code, err.originalCode].some((c) => c !== undefined && NEVER_LEFT.has(c));
  const answered = err.$metadata?.httpStatusCode !== undefined || err.responseCode !== undefined;
  const detail = [err.message || String(e), err.cause?.message].filter(Boolean).join(': ');
  return {
    ok: false,
    error: redact(`${what}: ${code ? `${code} ` : ''}${detail}`, secrets),
    ...(answered || neverLeft ? {} : { unconfirmed: true }),
  };
}
