import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server on 127.0.0.1 that answers like the robots do. 企业微信 at
// /cgi-bin/webhook/send?key=…, 钉钉 at /robot/send?access_token=… (checking 加签 exactly as
// DingTalk does: the timestamp within an hour, the HMAC recomputed and compared), and a plain
// JSON receiver at /hook. Refusals quote the URL they were called with, as real services
// sometimes do, so tests can prove the caller scrubs it.

export interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  json: unknown;
}

export interface RobotReceiver {
  origin: string;
  wecomUrl: string;
  dingtalkUrl: string;
  hookUrl: string;
  received: Received[];
  /** What the next requests get instead of the normal answer. */
  mode: 'answer' | 'hang' | 'errcode' | 'http-500';
  /** Runs `fn` with the receiver in `mode`, and answers normally again afterwards. */
  during<T>(mode: RobotReceiver['mode'], fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const WECOM_KEY = 'wecom-key-6f1c9b2e-SECRET';
export const DINGTALK_TOKEN = 'dingtalk-token-a8d3e0f7SECRET';
export const DINGTALK_SECRET = 'SEC4b7c1d9e0f2a3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0';

const keysOf = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).sort() : []);

/** DingTalk's check, returning the errcode it would answer with. */
function dingtalkVerdict(query: URLSearchParams, json: unknown, signing: boolean): [number, string] {
  if (query.get('access_token') !== DINGTALK_TOKEN) return [300001, `token is not exist, url: /robot/send?${query}`];
  const body = json as { msgtype?: unknown; markdown?: { title?: unknown; text?: unknown } };
  if (
    JSON.stringify(keysOf(body)) !== '["markdown","msgtype"]' ||
    body.msgtype !== 'markdown' ||
    JSON.stringify(keysOf(body.markdown)) !== '["text","title"]' ||
    typeof body.markdown?.title !== 'string' ||
    typeof body.markdown?.text !== 'string'
  )
    return [40035, 'missing or malformed markdown'];
  if (signing) {
    const timestamp = query.get('timestamp');
    const sign = query.get('sign');
    if (!timestamp || !sign || Math.abs(Date.now() - Number(timestamp)) > 3_600_000)
      return [310000, `sign not match, more: timestamp invalid, url: /robot/send?${query}`];
    // Compared as text: a '+' the caller forgot to URL-encode arrives as a space and must fail.
    const expected = Buffer.from(
      createHmac('sha256', DINGTALK_SECRET).update(`${timestamp}\n${DINGTALK_SECRET}`).digest('base64'),
    );
    const given = Buffer.from(sign);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return [310000, `sign not match, url: /robot/send?${query}`];
  }
  return [0, 'ok'];
}

function wecomVerdict(query: URLSearchParams, json: unknown): [number, string] {
  if (query.get('key') !== WECOM_KEY) return [93000, `invalid webhook url, hint: key=${query.get('key')}`];
  const body = json as { msgtype?: unknown; markdown?: { content?: unknown } };
  if (
    JSON.stringify(keysOf(body)) !== '["markdown","msgtype"]' ||
    body.msgtype !== 'markdown' ||
    JSON.stringify(keysOf(body.markdown)) !== '["content"]' ||
    typeof body.markdown?.content !== 'string'
  )
    return [40008, 'invalid message type'];
  if (Buffer.byteLength(body.markdown.content, 'utf8') > 4096)
    return [40058, 'markdown.content exceed max length 4096'];
  return [0, 'ok'];
}

export async function startRobotReceiver(opts: { dingtalkSigning?: boolean } = {}): Promise<RobotReceiver> {
  const received: Received[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const receiver = { mode: 'answer' } as RobotReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown = null;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // recorded as null: a robot would refuse it below
      }
      received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, json });
      if (receiver.mode === 'hang') return void hanging.add(res);
      if (receiver.mode === 'http-500') return void res.writeHead(500).end(`internal error at ${req.url}`);
      const json200 = (errcode: number, errmsg: string) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode, errmsg }));
      if (receiver.mode === 'errcode') return json200(45009, `api freq out of limit, url: ${req.url}`);
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json'))
        return json200(40001, 'POST JSON only');
      if (url.pathname === '/cgi-bin/webhook/send') return json200(...wecomVerdict(url.searchParams, json));
      if (url.pathname === '/robot/send')
        return json200(...dingtalkVerdict(url.searchParams, json, opts.dingtalkSigning ?? false));
      if (url.pathname === '/hook') return void res.writeHead(202).end();
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(receiver, {
    origin,
    wecomUrl: `${origin}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    dingtalkUrl: `${origin}/robot/send?access_token=${DINGTALK_TOKEN}`,
    hookUrl: `${origin}/hook?token=hook-token-SECRET`,
    received,
    async during<T>(mode: RobotReceiver['mode'], fn: () => Promise<T>): Promise<T> {
      receiver.mode = mode;
      try {
        return await fn();
      } finally {
        receiver.mode = 'answer';
      }
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  });
}
