import { addDays } from '../calendar/dates.ts';
import {
  MAX_LISTED_FAILURES,
  type AvailabilityWindow,
  type ProbeDay,
  type ProbeResult,
  type ProbeRoundDelta,
} from '../model/availability.ts';

// 站点无法访问 from probes: the share of failed homepage probes over the last 7 days. The
// inspection opens the homepage at least 20 times a day for a week, so fewer than 100 probes in
// the window is not a measurement the inspection would recognise: the level is then
// `insufficient-data`, shown with the count and never a veto.

export type AvailabilityLevel = 'ok' | 'warning' | 'veto' | 'insufficient-data';

export const WINDOW_DAYS = 7;
export const MIN_PROBES = 100;

/**
 * The window of `WINDOW_DAYS` days ending on `today`, summed from the stored day aggregates;
 * `recentFailures` lists the homepage's (other probe URLs are recorded but outside the share).
 */
export function availabilityWindow(days: readonly ProbeDay[], today: string, homepage: string): AvailabilityWindow {
  const from = addDays(today, -(WINDOW_DAYS - 1));
  const inside = days.filter((d) => d.day >= from && d.day <= today).sort((a, b) => a.day.localeCompare(b.day));
  const latest = inside.at(-1);
  return {
    from,
    to: today,
    probes: inside.reduce((n, d) => n + d.attempts, 0),
    failures: inside.reduce((n, d) => n + d.failures, 0),
    recentFailures: inside
      .flatMap((d) => d.failed)
      .filter((f) => f.url === homepage)
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, 10),
    streak: latest?.streak ?? 0,
    lastAt: latest?.lastAt ?? null,
  };
}

/** Failed share in percent, one decimal (for people); the level below compares exactly. */
export const failurePercent = (w: Pick<AvailabilityWindow, 'probes' | 'failures'>) =>
  w.probes === 0 ? 0 : Math.round((1000 * w.failures) / w.probes) / 10;

/**
 * The level against the warning and veto lines (percent). Compared in integers, so 7 of 140 is
 * exactly 5 % and at the veto line, with no floating-point doubt at the boundary.
 */
export function availabilityLevel(
  w: Pick<AvailabilityWindow, 'probes' | 'failures'>,
  lines: { warningPercent: number; vetoPercent: number; minProbes?: number },
): AvailabilityLevel {
  if (w.probes < (lines.minProbes ?? MIN_PROBES)) return 'insufficient-data';
  if (w.failures * 100 >= lines.vetoPercent * w.probes) return 'veto';
  if (w.failures * 100 >= lines.warningPercent * w.probes) return 'warning';
  return 'ok';
}

/**
 * Sums a round: homepage probes make the share, the other URLs are counted apart. `prior` is the
 * homepage's failure streak before the round and how many failures the day already lists.
 */
export function probeRoundDelta(
  results: readonly ProbeResult[],
  homepage: string,
  prior: { streak: number; listed: number },
): ProbeRoundDelta {
  const home = results.filter((r) => r.url === homepage).sort((a, b) => a.at.localeCompare(b.at));
  const others = results.filter((r) => r.url !== homepage);
  let streak = prior.streak;
  for (const r of home) streak = r.ok ? 0 : streak + 1;
  const room = Math.max(0, MAX_LISTED_FAILURES - prior.listed);
  return {
    attempts: home.length,
    failures: home.filter((r) => !r.ok).length,
    otherAttempts: others.length,
    otherFailures: others.filter((r) => !r.ok).length,
    failed: results
      .filter((r) => !r.ok)
      .slice(0, room)
      .map(({ url, at, reason, status, error, ms, source }) => ({ url, at, reason, status, error, ms, source })),
    latest: home.length > 0 ? { at: home.at(-1)!.at, streak } : undefined,
  };
}

/** The stored days with a round added to `day`, as the store will hold them after the write. */
export function withRound(days: readonly ProbeDay[], day: string, delta: ProbeRoundDelta): ProbeDay[] {
  const old = days.find((d) => d.day === day);
  const merged: ProbeDay = {
    day,
    attempts: (old?.attempts ?? 0) + delta.attempts,
    failures: (old?.failures ?? 0) + delta.failures,
    otherAttempts: (old?.otherAttempts ?? 0) + delta.otherAttempts,
    otherFailures: (old?.otherFailures ?? 0) + delta.otherFailures,
    failed: [...(old?.failed ?? []), ...delta.failed],
    lastAt: delta.latest?.at ?? old?.lastAt ?? '',
    streak: delta.latest?.streak ?? old?.streak ?? 0,
  };
  return [...days.filter((d) => d.day !== day), merged].sort((a, b) => a.day.localeCompare(b.day));
}
