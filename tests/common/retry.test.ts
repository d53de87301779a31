import { describe, expect, it } from 'vitest';
import { backoffDelay, retryLeftovers } from '../../functions/common/retry.ts';

const backoff = { attempts: 4, baseMs: 1, maxMs: 4 };

describe('backoffDelay', () => {
  const slow = { attempts: 9, baseMs: 50, maxMs: 2000 };

  it('waits between half and all of the exponential step (equal jitter)', () => {
    expect(backoffDelay(1, slow, () => 0)).toBe(50);
    expect(backoffDelay(1, slow, () => 1)).toBe(100);
    expect(backoffDelay(3, slow, () => 0.5)).toBe(300);
  });

  it('never waits longer than the cap, nor less than half of it', () => {
    expect(backoffDelay(8, slow, () => 1)).toBe(2000);
    expect(backoffDelay(8, slow, () => 0)).toBe(1000);
  });
});

describe('retryLeftovers', () => {
  const giveUp = (left: number[], attempts: number) => new Error(`${left.length} left after ${attempts}`);

  it('sends again only what was left over, until nothing is', async () => {
    const rounds: number[][] = [];
    const dropTwo = async (pending: number[]) => (rounds.push(pending), pending.slice(0, pending.length - 2));
    await retryLeftovers([1, 2, 3, 4], dropTwo, { ...backoff, giveUp });
    expect(rounds).toEqual([
      [1, 2, 3, 4],
      [1, 2],
    ]);
  });

  it('gives up after its last attempt with what is still left', async () => {
    let calls = 0;
    const stuck = retryLeftovers([1, 2, 3], async (pending) => (calls++, pending.slice(1)), {
      ...backoff,
      attempts: 2,
      giveUp,
    });
    await expect(stuck).rejects.toThrow('1 left after 2');
    expect(calls).toBe(2);
    let stubborn = 0;
    await expect(retryLeftovers([7], async (p) => (stubborn++, p), { ...backoff, giveUp })).rejects.toThrow(
      '1 left after 4',
    );
    expect(stubborn).toBe(4);
  });

  it('sends nothing when there is nothing to send', async () => {
    let calls = 0;
    await retryLeftovers([], async (p: number[]) => (calls++, p), { ...backoff, giveUp });
    expect(calls).toBe(0);
  });

  it('lets an error of the send itself through, without retrying it', async () => {
    let calls = 0;
    const failing = retryLeftovers(
      [1],
      async () => {
        calls++;
        throw new Error('refused');
      },
      { ...backoff, giveUp },
    );
    await expect(failing).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });
});
