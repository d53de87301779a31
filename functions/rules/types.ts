import type { ColumnKind } from '../config/schema.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { AvailabilityWindow } from '../model/availability.ts';
import type { Finding } from '../model/finding.ts';
import type { PortalSnapshot } from '../model/snapshot.ts';

// What a rule is given besides the snapshot, and what it is.

export interface RuleContext {
  /** "Today" for every date rule, YYYY-MM-DD. */
  asOf: string;
  calendar: WorkingCalendar;
  /** Thresholds with the defaults of docs/rules.md filled in. */
  thresholds: ResolvedThresholds;
  /** True when no earlier scan of this portal exists (some rules never fire then). */
  firstScan: boolean;
  /**
   * URL → consecutive scans whose fetch of it failed, this scan included (0 after a success),
   * for the homepage and every column, as the store counts them. site-unreachable reads it.
   */
  failureStreak: Record<string, number>;
  /** The as-of date of the portal's first scan (items first seen then were already there). */
  firstScanAsOf: string;
  /** The homepage's availability probes over the 7 days ending on `asOf` (the scan's own fetch included). */
  availability: AvailabilityWindow;
}

export interface ResolvedThresholds {
  homepageMaxAgeDays: number;
  homepageWarningDays: number;
  latePublicationWorkingDays: number;
  emptyPageMinChars: number;
  emptyColumnVeto: number;
  emptyColumnWarning: number;
  staleColumnVeto: number;
  staleColumnWarning: number;
  staleColumnLongVeto: number;
  staleColumnLongWarning: number;
  unreachableVetoPercent: number;
  unreachableWarningPercent: number;
  backdatedWorkingDays: number;
  interpretationWorkingDays: number;
  maxAgeDays: Record<ColumnKind, number | null>;
}

export type Rule = (snapshot: PortalSnapshot, context: RuleContext) => Finding[];
