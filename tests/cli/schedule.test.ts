import { describe, expect, it } from 'vitest';
import {
  dailyAt,
  everyMinutes,
  startSchedule,
  weeklyAt,
  type Clock,
  type Job,
  type ScheduleEvent,
} from '../../functions/local/schedule.ts';

// The in-process scheduler of `serve --schedule` on an injected clock: fire times on Beijing time
// across midnight and into Monday 08:00, one run of a job at a time, and a bounded stop.

/** Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);
const iso = (s: string) => bj(s).toISOString();

/** A clock whose time moves only when told, running the timers that fall due on the way. */
class TestClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  constructor(private t: number) {}
  now = () => this.t;
  setTimer = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimer = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  /** The longest pending wait: the scheduler sleeps in short steps. */
  longestWait = () => Math.max(...this.timers.map((x) => x.at - this.t));
  /** Moves to `to`, running due timers in order and letting the jobs they start proceed. */
  async advanceTo(to: Date) {
    for (;;) {
      const next = this.timers.filter((x) => x.at <= to.getTime()).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.t = Math.max(this.t, next.at); // a timer overdue after a jump fires at once
      this.clearTimer(next.id);
      next.fn();
      await settle();
    }
    this.t = to.getTime();
    await settle();
  }
  /** The clock jumps (a machine that slept) without running timers on the way. */
  jump(to: Date) {
    this.t = to.getTime();
  }
}
const settle = () => new Promise((r) => setImmediate(r));

describe('fire times on Beijing time', () => {
  it('probes every 30 minutes from 00:00, across midnight, strictly after the given time', () => {
    const every30 = everyMinutes(30);
    expect(every30.next(bj('2018-01-15T10:30:00')).toISOString()).toBe(iso('2018-01-15T11:00:00'));
    expect(every30.next(bj('2018-01-15T10:29:59')).toISOString()).toBe(iso('2018-01-15T10:30:00'));
    expect(every30.next(bj('2018-01-15T23:45:00')).toISOString()).toBe(iso('2018-01-16T00:00:00'));
    // 7 does not divide the day: the day's last round is 23:55, the next day starts again at 00:00.
    expect(everyMinutes(7).next(bj('2018-01-15T23:55:00')).toISOString()).toBe(iso('2018-01-16T00:00:00'));
  });

  it('gives at least 20 rounds a day at the longest interval allowed (72 minutes)', () => {
    let t = bj('2018-01-14T23:59:59');
    let rounds = 0;
    for (;;) {
      t = everyMinutes(72).next(t);
      if (t >= bj('2018-01-16T00:00:00')) break;
      rounds++;
    }
    expect(rounds).toBe(20);
  });

  it('scans at 02:00 Beijing time: 18:00 UTC the day before, tomorrow once passed', () => {
    const scan = dailyAt('02:00');
    expect(scan.next(bj('2018-01-15T01:59:00')).toISOString()).toBe('2018-01-14T18:00:00.000Z');
    expect(scan.next(bj('2018-01-15T02:00:00')).toISOString()).toBe(iso('2018-01-16T02:00:00'));
    expect(scan.next(bj('2018-01-15T23:30:00')).toISOString()).toBe(iso('2018-01-16T02:00:00'));
  });

  it('sends the digest on Monday 08:00 Beijing time, which is still Sunday in UTC until midnight', () => {
    const digest = weeklyAt(1, '08:00');
    // 2018-01-15 is a Monday.
    expect(digest.next(bj('2018-01-14T23:59:00')).toISOString()).toBe(iso('2018-01-15T08:00:00'));
    expect(digest.next(bj('2018-01-15T07:59:59')).toISOString()).toBe('2018-01-15T00:00:00.000Z');
    expect(digest.next(bj('2018-01-15T08:00:00')).toISOString()).toBe(iso('2018-01-22T08:00:00'));
    expect(digest.next(bj('2018-01-17T12:00:00')).toISOString()).toBe(iso('2018-01-22T08:00:00'));
    // Monday 07:30 in Beijing is Sunday 23:30 UTC: the weekday is Beijing's.
    expect(digest.next(new Date('2018-01-14T23:30:00Z')).toISOString()).toBe('2018-01-15T00:00:00.000Z');
  });

  it('refuses times that are not times', () => {
    expect(() => dailyAt('24:00')).toThrow(/not a time of day HH:MM/);
    expect(() => everyMinutes(0)).toThrow(/whole number of minutes/);
    expect(() => weeklyAt(7, '08:00')).toThrow(/weekday 7/);
  });
});

describe('the scheduler', () => {
  /** A job that stays running until `release()`; counts how many runs overlap. */
  function heldJob(name: string, timing = everyMinutes(30)) {
    let release: () => void = () => {};
    const state = { runs: [] as string[], running: 0, maxRunning: 0 };
    const job: Job = {
      name,
      timing,
      async run({ at, signal }) {
        state.runs.push(at.toISOString());
        state.running++;
        state.maxRunning = Math.max(state.maxRunning, state.running);
        await new Promise<void>((r) => {
          release = r;
          signal.addEventListener('abort', () => r());
        });
        state.running--;
        return { round: state.runs.length };
      },
    };
    return { job, state, release: () => release() };
  }

  it('runs a job at its time and skips (and logs) a time that comes while it still runs, never stacking it', async () => {
    const clock = new TestClock(bj('2018-01-15T23:50:00').getTime());
    const log: ScheduleEvent[] = [];
    const probe = heldJob('probe');
    const schedule = startSchedule([probe.job], { clock, log: (e) => log.push(e) });
    expect(schedule.nextRuns()).toEqual([
      { job: 'probe', at: iso('2018-01-16T00:00:00'), timing: 'every 30 min (Beijing time, from 00:00)' },
    ]);
    await clock.advanceTo(bj('2018-01-16T00:00:00'));
    expect(probe.state.runs).toEqual([iso('2018-01-16T00:00:00')]);
    // Still running at 00:30 and 01:00 (a portal that hangs): both times are skipped.
    await clock.advanceTo(bj('2018-01-16T01:10:00'));
    expect(log).toEqual([
      { job: 'probe', event: 'skipped', at: iso('2018-01-16T00:30:00'), runningSince: iso('2018-01-16T00:00:00') },
      { job: 'probe', event: 'skipped', at: iso('2018-01-16T01:00:00'), runningSince: iso('2018-01-16T00:00:00') },
    ]);
    probe.release();
    await settle();
    expect(log.at(-1)).toEqual({
      job: 'probe',
      event: 'done',
      at: iso('2018-01-16T00:00:00'),
      ms: 70 * 60_000,
      round: 1,
    });
    await clock.advanceTo(bj('2018-01-16T01:30:00'));
    expect(probe.state.runs).toEqual([iso('2018-01-16T00:00:00'), iso('2018-01-16T01:30:00')]);
    expect(probe.state.maxRunning).toBe(1);
    probe.release();
    await schedule.stop(1000);
  });

  it('keeps other jobs on time while one hangs, and logs a failed run with its error', async () => {
    const clock = new TestClock(bj('2018-01-15T01:00:00').getTime());
    const log: ScheduleEvent[] = [];
    const hung = heldJob('probe');
    const scan: Job = {
      name: 'scan',
      timing: dailyAt('02:00'),
      run: async () => {
        throw new Error('DynamoDB Local is not answering');
      },
    };
    const schedule = startSchedule([hung.job, scan], { clock, log: (e) => log.push(e) });
    await clock.advanceTo(bj('2018-01-15T02:00:00'));
    expect(log).toContainEqual({
      job: 'scan',
      event: 'failed',
      at: iso('2018-01-15T02:00:00'),
      ms: 0,
      error: 'DynamoDB Local is not answering',
    });
    expect(hung.state.runs).toEqual([iso('2018-01-15T01:30:00')]);
    hung.release();
    await schedule.stop(1000);
  });

  it('sleeps in short steps, and after a clock jump runs once instead of making up every missed time', async () => {
    const clock = new TestClock(bj('2018-01-15T09:00:00').getTime());
    const runs: string[] = [];
    const job: Job = {
      name: 'probe',
      timing: everyMinutes(30),
      run: async ({ at }) => void runs.push(at.toISOString()),
    };
    const digest: Job = { name: 'digest', timing: weeklyAt(1, '08:00'), run: async () => {} };
    const schedule = startSchedule([job, digest], { clock, log: () => {} });
    expect(clock.longestWait()).toBeLessThanOrEqual(60_000); // not one 7-day timer
    clock.jump(bj('2018-01-15T12:10:00')); // the machine slept through six rounds
    await clock.advanceTo(bj('2018-01-15T12:11:00'));
    expect(runs).toHaveLength(1);
    expect(schedule.nextRuns()[0]!.at).toBe(iso('2018-01-15T12:30:00'));
    await schedule.stop(1000);
  });

  it('on stop, stops firing, aborts the running job and waits for it within the bound; a job that ignores the abort is abandoned', async () => {
    const clock = new TestClock(bj('2018-01-15T09:59:00').getTime());
    const log: ScheduleEvent[] = [];
    const polite = heldJob('probe'); // ends when aborted
    const stubborn: Job = { name: 'scan', timing: everyMinutes(30), run: () => new Promise(() => {}) };
    const schedule = startSchedule([polite.job, stubborn], { clock, log: (e) => log.push(e) });
    await clock.advanceTo(bj('2018-01-15T10:00:00'));
    const stopping = schedule.stop(20_000);
    await settle();
    expect(log).toContainEqual(expect.objectContaining({ job: 'probe', event: 'done' }));
    await clock.advanceTo(bj('2018-01-15T10:00:20'));
    expect(await stopping).toEqual(['scan']);
    // Nothing fires after the stop.
    await clock.advanceTo(bj('2018-01-15T11:00:00'));
    expect(polite.state.runs).toHaveLength(1);
    schedule.runNow('probe');
    expect(polite.state.runs).toHaveLength(1);
  });
});
