import * as robotsModule from 'robots-parser';

// robots-parser is CommonJS with an ES-style d.ts: under NodeNext the callable is the module's
// default export at run time but not in the types. This resolves it the same way under tsx,
// Node and esbuild.
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
type RobotsParser = (url: string, contents: string) => Robot;
const robotsParser = ((robotsModule as unknown as { default?: RobotsParser }).default ?? robotsModule) as RobotsParser;

// robots.txt per origin, fetched once per process and honoured for every request of the crawl
// (RFC 9309): a 4xx means no rules; a 5xx or an unreachable server means "crawl nothing for
// now", recorded so the scan says why a portal was skipped. Crawl-delay slows the host down.

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay in ms, when the file sets one for our agent. */
  crawlDelayMs?: number;
  reason?: string;
}

type Fetch = (url: string) => Promise<{ status?: number; body?: Uint8Array; error?: string }>;

export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<(url: string) => RobotsVerdict>>();

  constructor(
    private readonly userAgent: string,
    private readonly fetchRobots: Fetch,
  ) {}

  async check(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let judge = this.byOrigin.get(origin);
    if (!judge) {
      judge = this.load(origin);
      this.byOrigin.set(origin, judge);
    }
    return (await judge)(url);
  }

  private async load(origin: string): Promise<(url: string) => RobotsVerdict> {
    const robotsUrl = `${origin}/robots.txt`;
    const res = await this.fetchRobots(robotsUrl);
    if (res.status !== undefined && res.status >= 400 && res.status < 500) return () => ({ allowed: true });
    if (res.status === undefined || res.status >= 500 || !res.body) {
      const reason = `robots.txt unavailable (${res.error ?? `HTTP ${res.status}`}); nothing fetched from ${origin} (RFC 9309)`;
      return () => ({ allowed: false, reason });
    }
    const robots = robotsParser(robotsUrl, new TextDecoder().decode(res.body));
    const agent = this.userAgent.split(/[\s/]/)[0] ?? this.userAgent;
    const delay = robots.getCrawlDelay(agent);
    return (url) => {
      const allowed = robots.isAllowed(url, agent) !== false;
      return {
        allowed,
        ...(delay !== undefined ? { crawlDelayMs: delay * 1000 } : {}),
        ...(allowed ? {} : { reason: `disallowed by ${robotsUrl}` }),
      };
    };
  }
}
