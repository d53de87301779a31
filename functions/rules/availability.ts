import { addDays } from '../calendar/dates.ts';
import type { AvailabilityWindow, ProbeDay } from '../model/availability.ts';

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
