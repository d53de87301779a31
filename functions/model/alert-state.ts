import type { AlertLevel } from '../config/alerts-schema.ts';

// What the alert lifecycle keeps (functions/alerts/): the condition an alert is about, and the
// state the store holds per condition so that an opening is announced once and cleared once.

export type { AlertLevel };

export interface AlertCondition {
  /** Stable across runs: what opened (`risk:empty-column`, `finding:<id>`, `outage:homepage`). */
  key: string;
  level: AlertLevel;
  /** Short Chinese headline. */
  title: string;
  /** A few short lines; personal data is already masked in findings. */
  evidence: string[];
  owner: { department: string; officer?: string };
  action: string;
  url: string;
  /** When the condition began, when known (a finding's first sighting, the first failed probe). */
  since?: string;
}

export type NoticeKind = 'opened' | 'escalated' | 'cleared';

export interface Notice {
  kind: NoticeKind;
  level: AlertLevel;
  /** ISO instant before which it must not go out (quiet hours). */
  notBefore: string;
  /** `sending`: claimed by a run that has not confirmed it; never sent again automatically. */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  sentAt?: string;
  /** Deliveries that failed, to retry only those. */
  failedTargets?: string[];
  error?: string;
}

export interface AlertState {
  key: string;
  /** Optimistic-concurrency version: every write is conditional on the one read. */
  version: number;
  /** 1 for the first opening, +1 each time the condition comes back after clearing. */
  opening: number;
  status: 'open' | 'cleared';
  /** The highest level announced (or to be announced) in this opening. */
  level: AlertLevel;
  condition: AlertCondition;
  openedAt: string;
  clearedAt?: string;
  notice?: Notice;
}
