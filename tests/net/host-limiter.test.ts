import { describe, expect, it } from 'vitest';
import { HostLimiter, OFFSITE_LIMITS, processHostLimiter } from '../../functions/net/host-limiter.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HostLimiter', () => {
  it('never runs more than the host’s concurrency at once, and spaces starts by the interval', async () => {
    const limiter = new HostLimiter({ concurrency: 2, minIntervalMs: 30 });
    let active = 0;
    let peak = 0;
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.run('http://a.example/x', async () => {
          starts.push(Date.now());
          active += 1;
          peak = Math.max(peak, active);
          await sleep(20);
          active -= 1;
        }),
      ),
    );
    expect(peak).toBeLessThanOrEqual(2);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // Timers may fire a millisecond early; allow that much.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(28);
  });

  it('keeps hosts independent: a slow host does not hold up another', async () => {
    const limiter = new HostLimiter({ concurrency: 1, minIntervalMs: 0 });
    const order: string[] = [];
    const slow = limiter.run('http://slow.example/', async () => {
      await sleep(80);
      order.push('slow');
    });
    await limiter.run('http://fast.example/', async () => {
      order.push('fast');
    });
    await slow;
    expect(order).toEqual(['fast', 'slow']);
  });

  it('delays the next start of a host after a Retry-After', async () => {
    const limiter = new HostLimiter({ concurrency: 1, minIntervalMs: 0 });
    const t0 = Date.now();
    limiter.delayHost('http://a.example/', t0 + 60);
    await limiter.run('http://a.example/', async () => {});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('lets the stricter limit win when two portals configure one host, in either order', () => {
    for (const order of [0, 1]) {
      const limiter = new HostLimiter();
      const loose = { concurrency: 8, minIntervalMs: 0 };
      const strict = { concurrency: 2, minIntervalMs: 500 };
      for (const limits of order ? [loose, strict] : [strict, loose]) limiter.configure('a.example', limits);
      expect(limiter.limitsOf('a.example')).toEqual(strict);
    }
    // The first configuration replaces the defaults, looser or not.
    const fresh = new HostLimiter();
    fresh.configure('b.example', { concurrency: 8, minIntervalMs: 0 });
    expect(fresh.limitsOf('b.example')).toEqual({ concurrency: 8, minIntervalMs: 0 });
  });

  it('keeps a Crawl-delay through a later configuration', () => {
    const limiter = new HostLimiter();
    limiter.atLeast('http://a.example/', 3000);
    limiter.configure('a.example', { concurrency: 2, minIntervalMs: 500 });
    expect(limiter.limitsOf('a.example').minIntervalMs).toBe(3000);
  });

  it('shares gates between views: off-site defaults only for hosts nobody configured', () => {
    const limiter = new HostLimiter();
    limiter.configure('portal.example', { concurrency: 3, minIntervalMs: 100 });
    const offsite = limiter.withDefaults(OFFSITE_LIMITS);
    expect(offsite.limitsOf('portal.example')).toEqual({ concurrency: 3, minIntervalMs: 100 });
    expect(offsite.limitsOf('elsewhere.example')).toEqual(OFFSITE_LIMITS);
    expect(processHostLimiter()).toBe(processHostLimiter());
  });

  it('lets a probe take the next free slot ahead of queued work, one probe at a time, within the limit', async () => {
    const limiter = new HostLimiter({ concurrency: 1, minIntervalMs: 0 });
    const order: string[] = [];
    let active = 0;
    let peak = 0;
    const task = (name: string) => async () => {
      active += 1;
      peak = Math.max(peak, active);
      order.push(name);
      await sleep(10);
      active -= 1;
    };
    const url = 'http://a.example/';
    const queued = [1, 2, 3].map((i) => limiter.run(url, task(`page${i}`)));
    const probes = [1, 2].map((i) => limiter.run(url, task(`probe${i}`), 'probe'));
    await Promise.all([...queued, ...probes]);
    // page1 was already running; the probes go next, one after the other, then the queued pages.
    expect(order).toEqual(['page1', 'probe1', 'probe2', 'page2', 'page3']);
    expect(peak).toBe(1);
  });

  it('never runs two probes of a host at once, even with slots free', async () => {
    const limiter = new HostLimiter({ concurrency: 3, minIntervalMs: 0 });
    let active = 0;
    let peak = 0;
    const probe = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await sleep(10);
      active -= 1;
    };
    await Promise.all([1, 2, 3].map(() => limiter.run('http://a.example/', probe, 'probe')));
    expect(peak).toBe(1);
  });
});
