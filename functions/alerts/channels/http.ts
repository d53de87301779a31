import type { Dispatcher } from 'undici';
import { request } from '../../net/undici.ts';
import { redact } from '../secrets.ts';
import type { SendResult } from './channel.ts';
import { failure } from './failure.ts';

// One JSON POST with a hard deadline and no retry, for the robots and the plain webhook. No
// redirects are followed: a robot that redirects is misconfigured, and following could carry
// the message (and the key in the URL) somewhere nobody chose.

export interface HttpOptions {
  /** The whole exchange, connect to last byte; 10 s by default. */
  timeoutMs?: number;
  /** A proxy or a test's agent; undici's global dispatcher otherwise. */
  dispatcher?: Dispatcher;
}

export interface HttpReply {
  status: number;
  body: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Robots answer in a line of JSON; a big body is not an answer worth reading. */
const MAX_REPLY_BYTES = 64 * 1024;

export async function postJson(
  url: string,
  payload: unknown,
  opts: HttpOptions & { headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const res = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'disclosure-watch alerts',
      ...opts.headers,
    },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_REPLY_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return { status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') };
}

/** A receiver's non-success answer, quoted briefly and with secrets redacted. */
export const httpRefusal = (what: string, reply: HttpReply, secrets: readonly string[]): SendResult => ({
  ok: false,
  error: redact(`${what}: HTTP ${reply.status} ${reply.body.slice(0, 200)}`, secrets),
});

/**
 * A group robot's answer: 企业微信 and 钉钉 both say HTTP 200 and {"errcode":0} when the message
 * was accepted, and put refusals (a bad key, a wrong signature, a rate limit) in errcode/errmsg.
 */
export async function postToRobot(
  what: string,
  url: string,
  payload: unknown,
  opts: HttpOptions,
  secrets: readonly string[],
): Promise<SendResult> {
  let reply: HttpReply;
  try {
    reply = await postJson(url, payload, opts);
  } catch (e) {
    return failure(what, e, secrets);
  }
  if (reply.status !== 200) return httpRefusal(what, reply, secrets);
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(reply.body) as typeof answer;
  } catch {
    return { ok: false, error: redact(`${what}: the answer is not JSON: ${reply.body.slice(0, 200)}`, secrets) };
  }
  if (answer.errcode === 0) return { ok: true };
  return {
    ok: false,
    error: redact(`${what}: errcode ${String(answer.errcode)} ${String(answer.errmsg ?? '')}`, secrets),
  };
}
