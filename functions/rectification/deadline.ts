import type { RuleId, Severity } from '../common/rule-ids.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';

// 整改期限: a finding is work for someone, due a number of Chinese working days after the day it
// was first seen — veto 1, major 5, minor 10 by default, configurable per portal by severity and
// by rule. Working days follow the State Council's schedule (调休 Saturdays count, holidays do not).

export const DEFAULT_ALLOWANCE: Readonly<Record<Severity, number>> = { veto: 1, major: 5, minor: 10 };

export interface DeadlineSettings {
  /** Working days allowed per severity; what is left out keeps its default. */
  veto?: number;
  major?: number;
  minor?: number;
  /** Working days allowed per rule id, over the severity's. */
  rules?: Partial<Record<RuleId, number>>;
}

/** Working days a finding of this rule and severity is given. */
export function allowanceFor(rule: RuleId, severity: Severity, settings: DeadlineSettings = {}): number {
  return settings.rules?.[rule] ?? settings[severity] ?? DEFAULT_ALLOWANCE[severity];
}

/** The due date: the `allowance`-th working day after the day it was first seen. */
export function dueDate(firstSeen: string, allowance: number, calendar: WorkingCalendar): string {
  return calendar.addWorkingDays(firstSeen, allowance);
}

/** Statuses that still count as work to do (docs/rules.md, 整改). */
const OUTSTANDING = new Set(['open', 'acknowledged']);

/** Past its due date and still open or acknowledged, as of `asOf`. */
export function isOverdue(finding: { status: string; due: string }, asOf: string): boolean {
  return OUTSTANDING.has(finding.status) && asOf > finding.due;
}

/**
 * Working days past due (0 when not overdue): the leadership copy of the digest escalates work
 * overdue by more than twice its allowance.
 */
export function workingDaysOverdue(
  finding: { status: string; due: string },
  asOf: string,
  calendar: WorkingCalendar,
): number {
  return isOverdue(finding, asOf) ? calendar.workingDaysBetween(finding.due, asOf) : 0;
}
