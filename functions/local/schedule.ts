import { SHANGHAI_OFFSET_MS, shanghaiMidnightBefore } from '../alerts/shanghai-clock.ts';

// The schedules of `serve --schedule` in one process, on the bureau's clock (Asia/Shanghai, UTC+8
// all year): what EventBridge Scheduler does in AWS. A job runs once at a time: when its next
// time comes while it is still running (a portal that hangs, a slow scan), that time is skipped
// and logged, never stacked behind it. Waits are cut into short sleeps, so a machine that slept
// or had its clock set resumes on time instead of after a stale timer.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The longest single sleep: long enough to cost nothing, short enough to follow a clock jump. */
const MAX_SLEEP_MS = 60_000;

/** When a job fires: the first time strictly after `after`. */
export interface Timing {
  describe: string;
  next(after: Date): Date;
}

const hhmm = (at: string): number => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!m) throw new RangeError(`"${at}" is not a time of day HH:MM (00:00–23:59)`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
};

/**
 * Every `minutes`, counted from 00:00 Beijing time each day, so rounds fall on the same wall-clock
 * times daily (every 30: 00:00, 00:30 …). When `minutes` does not divide the day, the day's last
 * gap is shorter; a day still has at least ⌈1440 / minutes⌉ rounds, 20 at 72 minutes.
 */
export function everyMinutes(minutes: number): Timing {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    throw new RangeError(`every ${minutes} minutes: use a whole number of minutes, 1 to 1440`);
  const step = minutes * MINUTE_MS;
  return {
    describe: `every ${minutes} min (Beijing time, from 00:00)`,
    next(after) {
      const midnight = shanghaiMidnightBefore(after);
      const candidate = midnight + (Math.floor((after.getTime() - midnight) / step) + 1) * step;
      return new Date(Math.min(candidate, midnight + DAY_MS));
    },
  };
}

/** Daily at `at` (HH:MM) Beijing time. */
export function dailyAt(at: string): Timing {
  const offset = hhmm(at);
  return {
    describe: `daily ${at} (Beijing time)`,
    next(after) {
      const today = shanghaiMidnightBefore(after) + offset;
      return new Date(today > after.getTime() ? today : today + DAY_MS);
    },
  };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Weekly on `weekday` (0 Sunday … 6 Saturday, as Date counts) at `at` Beijing time. */
export function weeklyAt(weekday: number, at: string): Timing {
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) throw new RangeError(`weekday ${weekday}: use 0–6`);
  const offset = hhmm(at);
  return {
    describe: `${WEEKDAYS[weekday]} ${at} (Beijing time)`,
    next(after) {
      const midnight = shanghaiMidnightBefore(after);
      const today = new Date(midnight + SHANGHAI_OFFSET_MS).getUTCDay();
      const candidate = midnight + ((weekday - today + 7) % 7) * DAY_MS + offset;
      return new Date(candidate > after.getTime() ? candidate : candidate + 7 * DAY_MS);
    },
  };
}

/** Time and timers, injectable so a test can walk across midnight without waiting for it. */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
};

export interface Job {
  name: string;
  timing: Timing;
  /** Resolves to what the run's log line should say; `signal` aborts when the schedule stops. */
  run(ctx: { at: Date; signal: AbortSignal }): Promise<Record<string, unknown> | void>;
}

/** One line per run (`done`, `failed`) or per time a run was skipped (`skipped`). */
export type ScheduleEvent =
  | { job: string; event: 'done'; at: string; ms: number; [detail: string]: unknown }
  | { job: string; event: 'failed'; at: string; ms: number; error: string }
  | { job: string; event: 'skipped'; at: string; runningSince: string };

export interface Schedule {
  /** The next time each job fires, for the start-up line. */
  nextRuns(): { job: string; at: string; timing: string }[];
  /** Runs a job now (unless it is running), as if its time had come. */
  runNow(name: string): void;
  /**
   * Stops the timers, aborts the running jobs' signal and waits up to `graceMs` for them to end;
   * returns the jobs still running then (abandoned).
   */
  stop(graceMs: number): Promise<string[]>;
}

export function startSchedule(
  jobs: readonly Job[],
  opts: { log: (e: ScheduleEvent) => void; clock?: Clock },
): Schedule {
  const clock = opts.clock ?? systemClock;
  const abort = new AbortController();
  let stopped = false;
  const slots = new Map(
    jobs.map((job) => [
      job.name,
      {
        job,
        due: job.timing.next(new Date(clock.now())),
        timer: undefined as unknown,
        running: null as { since: Date; done: Promise<void> } | null,
      },
    ]),
  );
  type Slot = NonNullable<ReturnType<typeof slots.get>>;

  const arm = (slot: Slot) => {
    if (stopped) return;
    const wait = Math.min(Math.max(0, slot.due.getTime() - clock.now()), MAX_SLEEP_MS);
    slot.timer = clock.setTimer(() => wake(slot), wait);
  };
  const wake = (slot: Slot) => {
    slot.timer = undefined;
    if (stopped) return;
    const now = clock.now();
    if (now >= slot.due.getTime()) {
      // Times missed while the process could not run (a suspended machine) are not made up.
      slot.due = slot.job.timing.next(new Date(now));
      fire(slot, new Date(now));
    }
    arm(slot);
  };
  const fire = (slot: Slot, at: Date) => {
    const name = slot.job.name;
    if (slot.running) {
      opts.log({ job: name, event: 'skipped', at: at.toISOString(), runningSince: slot.running.since.toISOString() });
      return;
    }
    const started = clock.now();
    const done = (async () => {
      try {
        const detail = (await slot.job.run({ at, signal: abort.signal })) ?? {};
        opts.log({ job: name, event: 'done', at: at.toISOString(), ms: clock.now() - started, ...detail });
      } catch (e) {
        const error = (e as Error)?.message ?? String(e);
        opts.log({ job: name, event: 'failed', at: at.toISOString(), ms: clock.now() - started, error });
      } finally {
        slot.running = null;
      }
    })();
    slot.running = { since: at, done };
  };

  for (const slot of slots.values()) arm(slot);
  return {
    nextRuns: () =>
      [...slots.values()].map((s) => ({ job: s.job.name, at: s.due.toISOString(), timing: s.job.timing.describe })),
    runNow(name) {
      const slot = slots.get(name);
      if (!slot) throw new Error(`no job "${name}" in the schedule`);
      if (!stopped) fire(slot, new Date(clock.now()));
    },
    async stop(graceMs) {
      stopped = true;
      for (const slot of slots.values()) if (slot.timer !== undefined) clock.clearTimer(slot.timer);
      abort.abort();
      const running = [...slots.values()].filter((s) => s.running);
      let timer: unknown;
      const timeUp = new Promise<void>((r) => (timer = clock.setTimer(r, graceMs)));
      await Promise.race([Promise.all(running.map((s) => s.running!.done)), timeUp]);
      clock.clearTimer(timer);
      return running.filter((s) => s.running).map((s) => s.job.name);
    },
  };
}
