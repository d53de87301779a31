// Politeness per host: at most `concurrency` requests in flight and at least `minIntervalMs`
// between two request starts. One limiter is shared by every fetch of a host in a process, so
// fanning work out over columns never multiplies the load a bureau's server sees.

export interface HostLimits {
  concurrency: number;
  minIntervalMs: number;
}

class HostGate {
  private active = 0;
  private nextStartAt = 0;
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(public limits: HostLimits) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.pump();
    }
  }

  /** Pushes the next start later (Crawl-delay, Retry-After). */
  delayUntil(epochMs: number) {
    this.nextStartAt = Math.max(this.nextStartAt, epochMs);
  }

  private pump() {
    if (this.timer || this.waiting.length === 0 || this.active >= this.limits.concurrency) return;
    const wait = this.nextStartAt - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    const next = this.waiting.shift()!;
    this.active += 1;
    this.nextStartAt = Date.now() + this.limits.minIntervalMs;
    next();
    this.pump();
  }
}

export class HostLimiter {
  private readonly gates = new Map<string, HostGate>();

  constructor(private readonly defaults: HostLimits = { concurrency: 2, minIntervalMs: 500 }) {}

  /** Sets the limits of one host (a portal's `crawl` block applies to its hosts). */
  configure(host: string, limits: Partial<HostLimits>) {
    const gate = this.gate(host);
    gate.limits = { ...gate.limits, ...limits };
  }

  /** Raises a host's interval to at least `ms` (robots.txt Crawl-delay); never lowers it. */
  atLeast(url: string | URL, ms: number) {
    const gate = this.gate(new URL(url).host);
    if (gate.limits.minIntervalMs < ms) gate.limits = { ...gate.limits, minIntervalMs: ms };
  }

  run<T>(url: string | URL, task: () => Promise<T>): Promise<T> {
    return this.gate(new URL(url).host).run(task);
  }

  delayHost(url: string | URL, untilEpochMs: number) {
    this.gate(new URL(url).host).delayUntil(untilEpochMs);
  }

  private gate(host: string): HostGate {
    let g = this.gates.get(host);
    if (!g) {
      g = new HostGate({ ...this.defaults });
      this.gates.set(host, g);
    }
    return g;
  }
}
