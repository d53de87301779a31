import type { FetchErrorKind } from './fetch-error.ts';

// Availability as the national inspection measures it (站点无法访问): the homepage opened at
// spaced times, one attempt each, failed when it has not opened within 15 s. A probe is one such
// attempt; the store keeps one aggregate per portal and day (Asia/Shanghai), so a week is 7 items.

/**
 * Why a probe failed: the fetch's own kind (timeout, connection, dns, tls, http …; `error` keeps
 * the detail such as ECONNREFUSED or ECONNRESET), or `empty`, a 2xx whose body had nothing in it.
 */
export type ProbeFailureReason = Exclude<FetchErrorKind, 'robots'> | 'empty';

export interface ProbeResult {
  url: string;
  /** ISO instant the probe started. */
  at: string;
  ok: boolean;
  reason?: ProbeFailureReason;
  /** The HTTP status when one arrived. */
  status?: number;
  /** Human detail of a failure ("timeout after 15000 ms", "HTTP 503"), never a secret. */
  error?: string;
  /** Milliseconds until the whole response had arrived (or the probe gave up). */
  ms: number;
  /** A scheduled probe, or the daily scan's own homepage fetch (which counts as one probe). */
  source: 'probe' | 'scan';
}

/** A failed probe as the day's aggregate lists it. */
export type ProbeFailure = Pick<ProbeResult, 'url' | 'at' | 'reason' | 'status' | 'error' | 'ms' | 'source'>;

/** What one round of probes adds to its day: rules/availability.ts sums it, the repository stores it. */
export interface ProbeRoundDelta {
  attempts: number;
  failures: number;
  otherAttempts: number;
  otherFailures: number;
  failed: ProbeFailure[];
  /** The round's latest homepage probe and the streak after it; absent when it probed no homepage. */
  latest?: { at: string; streak: number };
}

/** One portal's probes of one day (Asia/Shanghai calendar day). */
export interface ProbeDay {
  /** YYYY-MM-DD in Asia/Shanghai. */
  day: string;
  /** Homepage probes and how many failed: the inspection's sample. */
  attempts: number;
  failures: number;
  /** Probes of the configured `probeUrls`: recorded, but outside the share. */
  otherAttempts: number;
  otherFailures: number;
  /** The day's failed probes, homepage and others (capped: enough to explain, bounded in size). */
  failed: ProbeFailure[];
  /** ISO instant of the day's latest homepage probe and whether it failed. */
  lastAt: string;
  /** Homepage probes failed in a row up to `lastAt` (crosses midnight: carried from the day before). */
  streak: number;
}

/** The last 7 days of probes, summed: what 站点无法访问 is judged on. */
export interface AvailabilityWindow {
  /** First and last day of the window, YYYY-MM-DD. */
  from: string;
  to: string;
  probes: number;
  failures: number;
  /** The most recent failed homepage probes, newest first. */
  recentFailures: ProbeFailure[];
  /** Homepage probes failed in a row, as of the latest probe. */
  streak: number;
  lastAt: string | null;
}

/** At most this many failed probes are listed per day: a day of outage is 48 the same. */
export const MAX_LISTED_FAILURES = 20;
