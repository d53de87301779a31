import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../functions/net/host-limiter.ts';

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
});
