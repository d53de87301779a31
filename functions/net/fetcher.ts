import { Agent, request } from './undici.ts';
import type { Dispatcher } from 'undici';
import type { FetchErrorKind } from '../model/fetch-error.ts';
import { shouldRetry, thrownFailure } from './fetch-failure.ts';
import { processHostLimiter, type HostLimiter, type Lane } from './host-limiter.ts';
import { RobotsCache } from './robots.ts';

// One HTTP fetch the way a polite daily crawler needs it: per-host limits, a hard timeout, a
// size cap, conditional requests, redirects followed by hand (so an off-site hop is recorded,
// never followed) and retries with backoff for failures that are worth retrying.

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD';
  etag?: string;
  lastModified?: string;
  /** Only the status matters (link checks by GET): the body is drained, not kept. */
  discardBody?: boolean;
  /**
   * A deadline for the whole fetch, redirects included (an availability probe's 15 s). Each
   * request still has its own `timeoutMs`; whichever ends first ends it, as a timeout.
   */
  signal?: AbortSignal;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  ok: boolean;
  status?: number;
  notModified: boolean;
  body?: Uint8Array;
  contentType?: string | null;
  etag?: string;
  lastModified?: string;
  /** e.g. "timeout after 15000 ms", "ECONNRESET", "HTTP 503", "redirect off-site to http://…". */
  error?: string;
  /** Why it failed, for decisions (retry, link verdicts); set exactly when `ok` is false. */
  kind?: FetchErrorKind;
  /** The request was never sent: robots.txt disallows it. */
  disallowed?: boolean;
  attempts: number;
  truncated?: boolean;
}

export interface FetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  /** Base of the exponential backoff between retries (equal jitter: half fixed, half random). */
  minBackoffMs: number;
  /** Hosts a redirect may lead to; anything else is recorded as an off-site redirect. */
  allowedHosts?: Set<string>;
  /** Default: the process's limiter, shared with every other fetcher of the same hosts. */
  limiter?: HostLimiter;
  /** `probe`: availability probes, which go ahead of queued work (host-limiter.ts). */
  lane?: Lane;
  dispatcher?: Dispatcher;
  /** Honour robots.txt (default true); a bureau scanning its own site may switch it off. */
  robots?: boolean;
}

export interface FetchStats {
  requests: number;
  bytes: number;
  notModified: number;
  failures: number;
  disallowed: number;
}

export const DEFAULT_USER_AGENT = 'disclosure-watch/0.1 (+https://github.com/disclosure-watch/disclosure-watch)';

export class Fetcher {
  readonly stats: FetchStats = { requests: 0, bytes: 0, notModified: 0, failures: 0, disallowed: 0 };
  readonly limiter: HostLimiter;
  private readonly opts: FetcherOptions;
  private readonly dispatcher: Dispatcher;
  private readonly robots: RobotsCache | null;
  /** Responses already on their way, started before the store could say what it knows. */
  private readonly early = new Map<string, Promise<FetchResult>>();

  constructor(opts: Partial<FetcherOptions> = {}) {
    this.opts = {
      userAgent: DEFAULT_USER_AGENT,
      timeoutMs: 15_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 10,
      retries: 2,
      minBackoffMs: 250,
      ...opts,
    };
    this.limiter = opts.limiter ?? processHostLimiter();
    this.dispatcher = opts.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 8 });
    this.robots =
      opts.robots === false
        ? null
        : new RobotsCache(this.opts.userAgent, (url) => this.limiter.run(url, () => this.send({ url })));
  }

  /**
   * Starts unconditional GETs of `urls` now; a later plain `fetch` of the same URL takes the
   * response instead of asking again. Lets a scan of a fresh store fetch while the store boots.
   */
  prefetch(urls: string[]): void {
    for (const url of urls) if (!this.early.has(url)) this.early.set(url, this.fetch({ url }));
  }

  async fetch(req: FetchRequest): Promise<FetchResult> {
    const early =
      !req.etag && !req.lastModified && (req.method ?? 'GET') === 'GET' ? this.early.get(req.url) : undefined;
    if (early) {
      this.early.delete(req.url);
      return early;
    }
    if (this.robots) {
      const verdict = await this.robots.check(req.url);
      if (verdict.crawlDelayMs !== undefined) this.limiter.atLeast(req.url, verdict.crawlDelayMs);
      if (!verdict.allowed) {
        this.stats.disallowed += 1;
        return {
          url: req.url,
          finalUrl: req.url,
          ok: false,
          notModified: false,
          attempts: 0,
          disallowed: true,
          kind: 'robots',
          error: verdict.reason,
        };
      }
    }
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const res = await this.followRedirects(req);
      res.attempts = attempt;
      if (res.ok || !res.kind || !shouldRetry({ kind: res.kind, status: res.status }) || attempt > this.opts.retries) {
        if (!res.ok) this.stats.failures += 1;
        return res;
      }
      // Exponential backoff with equal jitter: between half and all of base·2ⁿ, so pages that
      // failed together retry spread out, yet each waits at least half the backoff (full jitter
      // could retry at once). A Retry-After has already pushed the host's gate.
      await sleep(this.opts.minBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
    }
  }

  private async followRedirects(req: FetchRequest): Promise<FetchResult> {
    let url = req.url;
    for (let hop = 0; hop <= this.opts.maxRedirects; hop++) {
      const res = await this.once({ ...req, url });
      if (res.status && res.status >= 300 && res.status < 400 && res.status !== 304 && res.finalUrl !== url) {
        const next = res.finalUrl;
        const allowed = this.opts.allowedHosts;
        if (allowed && !allowed.has(new URL(next).host)) {
          return {
            ...res,
            url: req.url,
            ok: false,
            kind: 'redirect-off-site',
            error: `redirect off-site to ${next}`,
            body: undefined,
          };
        }
        url = next;
        continue;
      }
      return { ...res, url: req.url };
    }
    return {
      url: req.url,
      finalUrl: url,
      ok: false,
      notModified: false,
      attempts: 1,
      kind: 'too-many-redirects',
      error: `more than ${this.opts.maxRedirects} redirects`,
    };
  }

  private once(req: FetchRequest): Promise<FetchResult> {
    return this.limiter.run(req.url, () => this.send(req), this.opts.lane);
  }

  private async send(req: FetchRequest): Promise<FetchResult> {
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9',
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    const base: FetchResult = { url: req.url, finalUrl: req.url, ok: false, notModified: false, attempts: 1 };
    this.stats.requests += 1;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.opts.timeoutMs);
    const signal = req.signal ? AbortSignal.any([ac.signal, req.signal]) : ac.signal;
    try {
      const res = await request(req.url, {
        method: req.method ?? 'GET',
        headers,
        dispatcher: this.dispatcher,
        signal,
        headersTimeout: this.opts.timeoutMs,
        bodyTimeout: this.opts.timeoutMs,
      });
      const status = res.statusCode;
      const header = (name: string) => {
        const v = res.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      if (status === 429 || status === 503) {
        const retryAfter = parseRetryAfter(header('retry-after'));
        if (retryAfter !== null) this.limiter.delayHost(req.url, Date.now() + Math.min(retryAfter, 120_000));
      }
      if (status >= 300 && status < 400 && status !== 304) {
        await res.body.dump();
        const location = header('location');
        if (!location) return { ...base, status, kind: 'http', error: `HTTP ${status} without Location` };
        // A failure only if nobody follows it: followRedirects replaces it with the next hop's answer.
        return { ...base, status, kind: 'http', finalUrl: new URL(location, req.url).toString() };
      }
      if (status === 304) {
        await res.body.dump();
        this.stats.notModified += 1;
        return { ...base, ok: true, status, notModified: true, etag: req.etag, lastModified: req.lastModified };
      }
      if (req.discardBody || req.method === 'HEAD') {
        // dump() reads a little and then closes quietly; destroy() would emit an unhandled error.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
        const ok = status >= 200 && status < 300;
        return {
          ...base,
          ok,
          status,
          contentType: header('content-type') ?? null,
          etag: header('etag'),
          lastModified: header('last-modified'),
          ...(ok ? {} : { kind: 'http', error: `HTTP ${status}` }),
        };
      }
      const { bytes, truncated } = await readCapped(res.body, this.opts.maxBytes);
      this.stats.bytes += bytes.byteLength;
      const ok = status >= 200 && status < 300;
      return {
        ...base,
        ok: ok && !truncated,
        status,
        body: bytes,
        truncated,
        contentType: header('content-type') ?? null,
        etag: header('etag'),
        lastModified: header('last-modified'),
        ...(ok ? {} : { kind: 'http', error: `HTTP ${status}` }),
        // A failing status stays the kind (it decides the retry); the message tells of the cut.
        ...(truncated
          ? { kind: ok ? 'too-large' : 'http', error: `response larger than ${this.opts.maxBytes} bytes, cut off` }
          : {}),
      };
    } catch (e) {
      return { ...base, ...thrownFailure(e, signal.aborted, this.opts.timeoutMs) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close() {
    await this.dispatcher.close();
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown }, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      (body as unknown as NodeJS.EventEmitter).on('error', () => {});
      body.destroy();
      return { bytes: new Uint8Array(Buffer.concat(chunks)), truncated: true };
    }
    chunks.push(chunk);
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), truncated: false };
}

function parseRetryAfter(v: string | undefined): number | null {
  if (!v) return null;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
