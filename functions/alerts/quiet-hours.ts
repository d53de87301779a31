import { QUIET_RANGE, type AlertLevel, type QuietHoursConfig } from '../config/alerts-schema.ts';
import { msOfDayInShanghai, shanghaiMidnightBefore } from './shanghai-clock.ts';

// Quiet hours (免打扰时段): a warning found at 23:00 can wait for the morning, a leaked ID number
// cannot. An alert that falls in its level's range is held and goes out when the range ends.

export interface QuietHours {
  warning: string | null;
  veto: string | null;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { warning: '22:00-07:00', veto: null };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A portal's `quietHours` block over the defaults: a level left out keeps its default, null clears it. */
export function quietHoursOf(config: QuietHoursConfig | undefined): QuietHours {
  return {
    warning: config?.warning === undefined ? DEFAULT_QUIET_HOURS.warning : config.warning,
    veto: config?.veto === undefined ? DEFAULT_QUIET_HOURS.veto : config.veto,
  };
}

/** Start and end as ms after 00:00 Beijing time; the end is excluded, so "22:00-07:00" lets 07:00 through. */
export function parseQuietRange(range: string): { startMs: number; endMs: number } {
  const m = QUIET_RANGE.exec(range);
  if (!m || range.slice(0, 5) === range.slice(6)) {
    throw new RangeError(
      `quiet hours "${range}" is not a range "HH:MM-HH:MM" with different start and end, e.g. "22:00-07:00"`,
    );
  }
  const at = (h: string, min: string) => (Number(h) * 60 + Number(min)) * MINUTE_MS;
  return { startMs: at(m[1]!, m[2]!), endMs: at(m[3]!, m[4]!) };
}

/**
 * When an alert of this level may go out: `now` itself, or the end of the quiet range it falls in
 * (the next such end, which is tomorrow for a range that wraps midnight and is entered before it).
 */
export function sendableAt(level: AlertLevel, now: Date, quietHours: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const range = quietHours[level];
  if (!range) return now;
  const { startMs, endMs } = parseQuietRange(range);
  const t = msOfDayInShanghai(now);
  const wraps = startMs > endMs;
  const quiet = wraps ? t >= startMs || t < endMs : t >= startMs && t < endMs;
  if (!quiet) return now;
  const midnight = shanghaiMidnightBefore(now);
  // In a wrapping range, the evening part ends tomorrow morning; everything else ends today.
  const endDay = wraps && t >= startMs ? midnight + DAY_MS : midnight;
  return new Date(endDay + endMs);
}
