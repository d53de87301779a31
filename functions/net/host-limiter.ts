// Politeness per host: at most `concurrency` requests in flight and at least `minIntervalMs`
// between two request starts. One gate per host per process (`processHostLimiter`) is shared by
// scans, on-demand checks, probes and off-site link checks, so fanning work out over columns or
// callers never multiplies the load a bureau's server sees.

export interface HostLimits {
  concurrency: number;
  minIntervalMs: number;
}

/** Where a request waits: `probe` goes ahead of queued work and skips the interval (see `run`). */
export type Lane = 'normal' | 'probe';

class HostGate {
  private active = 0;
  private activeProbes = 0;
  private nextStartAt = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly probes: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Set by the first `configure`: from then on a host's limits only tighten. */
  configured = false;
  /** The robots.txt Crawl-delay: no configuration lowers the interval below it. */
  floorMs = 0;

  constructor(public limits: HostLimits) {}

  async run<T>(task: () => Promise<T>, lane: Lane): Promise<T> {
    await new Promise<void>((resolve) => {
      (lane === 'probe' ? this.probes : this.waiting).push(resolve);
      this.pump();
    });
    try {
      return await task();
    } finally {
      this.active -= 1;
      if (lane === 'probe') this.activeProbes -= 1;
      this.pump();
    }
  }

  /** Pushes the next start later (Crawl-delay, Retry-After). */
  delayUntil(epochMs: number) {
    this.nextStartAt = Math.max(this.nextStartAt, epochMs);
  }

  private pump() {
    if (this.active >= this.limits.concurrency) return;
    // A probe measures whether the site answers, not how long our own queue is: it takes the next
    // free slot, one probe at a time per host, without waiting out the interval.
    if (this.probes.length > 0 && this.activeProbes === 0) {
      this.activeProbes += 1;
      this.start(this.probes.shift()!);
      return;
    }
    if (this.timer || this.waiting.length === 0) return;
    const wait = this.nextStartAt - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.start(this.waiting.shift()!);
  }

  private start(next: () => void) {
    this.active += 1;
    this.nextStartAt = Date.now() + this.limits.minIntervalMs;
    next();
    this.pump();
  }
}

export class HostLimiter {
  /**
   * @param defaults the limits of a host nobody configured
   * @param gates shared with other views of the same registry (`withDefaults`)
   */
  constructor(
    private readonly defaults: HostLimits = { concurrency: 2, minIntervalMs: 500 },
    private readonly gates = new Map<string, HostGate>(),
  ) {}

  /**
   * The same hosts' gates, but a host first met through this view starts with `defaults`: the
   * off-site link checker's gentle limits for hosts no portal configures.
   */
  withDefaults(defaults: HostLimits): HostLimiter {
    return new HostLimiter(defaults, this.gates);
  }

  /**
   * Sets the limits of one host (a portal's `crawl` block applies to its hosts). The first call
   * replaces the defaults; when two portals share a host and configure it differently, the stricter
   * of each limit wins (the lower concurrency, the longer interval), whatever their order.
   */
  configure(host: string, limits: Partial<HostLimits>) {
    const gate = this.gate(host);
    const next = gate.configured
      ? {
          concurrency: Math.min(gate.limits.concurrency, limits.concurrency ?? Infinity),
          minIntervalMs: Math.max(gate.limits.minIntervalMs, limits.minIntervalMs ?? 0),
        }
      : { ...gate.limits, ...limits };
    gate.limits = { ...next, minIntervalMs: Math.max(next.minIntervalMs, gate.floorMs) };
    gate.configured = true;
  }

  /** The limits a host's requests wait under now. */
  limitsOf(host: string): HostLimits {
    return { ...(this.gates.get(host)?.limits ?? this.defaults) };
  }

  /** Raises a host's interval to at least `ms` (robots.txt Crawl-delay); never lowers it. */
  atLeast(url: string | URL, ms: number) {
    const gate = this.gate(new URL(url).host);
    gate.floorMs = Math.max(gate.floorMs, ms);
    if (gate.limits.minIntervalMs < ms) gate.limits = { ...gate.limits, minIntervalMs: ms };
  }

  run<T>(url: string | URL, task: () => Promise<T>, lane: Lane = 'normal'): Promise<T> {
    return this.gate(new URL(url).host).run(task, lane);
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

let shared: HostLimiter | undefined;

/**
 * The process's one registry of host gates. Every fetcher uses it unless given a limiter of its
 * own (a test that needs isolation builds `new HostLimiter()`).
 */
export function processHostLimiter(): HostLimiter {
  shared ??= new HostLimiter();
  return shared;
}

/** Off-site links: one request at a time per host, a second apart, unless a portal configured the host. */
export const OFFSITE_LIMITS: HostLimits = { concurrency: 1, minIntervalMs: 1000 };
