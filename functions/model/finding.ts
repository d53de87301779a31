import type { RuleId, Severity } from '../common/rule-ids.ts';

/** A finding before it is stored: the id is derived from (portal, rule, subject). */
export interface Finding {
  id: string;
  portalId: string;
  rule: RuleId;
  severity: Severity;
  /** What the finding is about: a URL, or `column:<id>` / `expected:<name>` for things without one. */
  subject: string;
  url: string;
  title: string;
  columnId?: string;
  department?: string;
  /** One sentence in Chinese: what is wrong. */
  message: string;
  /** One sentence in Chinese: what the 信息员 should do. */
  action: string;
  evidence: Record<string, string | number | boolean | null | string[]>;
}

// 整改: a finding is work for someone. A scan opens and resolves findings; a person acknowledges
// one (someone is on it, still counted) or ignores it (a false positive, not applicable, or an
// accepted risk: not counted, not mailed, listed apart).

export const FINDING_STATUSES = ['open', 'acknowledged', 'resolved', 'ignored'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const IGNORE_REASONS = ['false-positive', 'not-applicable', 'accepted'] as const;
export type IgnoreReason = (typeof IGNORE_REASONS)[number];

/** Work still to do: what veto items, the score, alerts and overdue counts are made of. */
export const isCounted = (f: { status: FindingStatus }) => f.status === 'open' || f.status === 'acknowledged';

/** A person's standing decision on a finding; a scan keeps it until its evidence changes or `until` passes. */
export interface FindingDecision {
  action: 'ack' | 'ignore';
  /** The name the person gave (a display name). */
  by: string;
  /** Who acted as the system knows them: the caller's IAM ARN, or the local user for the CLI. */
  identity: string;
  /** ISO timestamp. */
  at: string;
  reason?: IgnoreReason;
  note?: string;
  /** An ignore ends after this day (YYYY-MM-DD, inclusive). */
  until?: string;
  /** The finding's evidence in substance when decided: a change in it reopens an ignored finding. */
  substance: string;
}

/** A person's word that a finding pending confirmation (a wording-error match) is a real error. */
export interface FindingConfirmation {
  by: string;
  identity: string;
  /** ISO timestamp. */
  at: string;
  note?: string;
}

/** A match only a person can judge (evidence `confirmation: pending`) that nobody has confirmed yet: shown as 待人工确认, not counted. */
export const awaitsConfirmation = (f: Pick<Finding, 'evidence'> & { confirmed?: FindingConfirmation }) =>
  f.evidence.confirmation === 'pending' && !f.confirmed;

/** One change of a finding's status: the audit trail an inspection asks for. Its own item, never a list. */
export interface HistoryEntry {
  findingId: string;
  /** The finding's version this change produced: entries of one finding sort by it. */
  version: number;
  /** ISO timestamp. */
  at: string;
  /** The day the change counts for: the scan's as-of day, or the person's day in Asia/Shanghai. */
  asOf: string;
  from: FindingStatus | null;
  to: FindingStatus;
  /** `scan <id>`, `check <id>`, or the person's display name. */
  by: string;
  /** A person's identity as the system knows it (IAM ARN, local user); absent for scans. */
  identity?: string;
  scanId?: string;
  /** Why, in a sentence: first seen, no longer seen, evidence changed (what), ignore ended, or the person's note. */
  why: string;
  reason?: IgnoreReason;
  note?: string;
  until?: string;
  /** True for a person's decision, and for a scan undoing one: the portal's decision log lists these. */
  decision: boolean;
}
