import { CalendarCoverageError, chineseWorkingCalendar, type WorkingCalendar } from '../calendar/working-days.ts';
import { daysBetween } from '../calendar/dates.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { StoredFinding } from '../store/records.ts';
import { allowanceFor, dueDate, isOverdue, workingDaysOverdue } from './deadline.ts';
import { ownerOf, type Owner } from './owner.ts';

// A finding seen as work (整改): whose it is, when it is due, whether it is late. Worked out when
// read, from the config of the day, so a changed deadline or a new 信息员 applies at once to
// every finding rather than only to those found after the change.

export interface Work {
  owner: Owner;
  /** Working days allowed. */
  allowance: number;
  /** YYYY-MM-DD; null when the working-day calendar does not reach it yet (next year's schedule unpublished). */
  due: string | null;
  overdue: boolean;
  /** Working days past due (0 when not overdue). */
  workingDaysOverdue: number;
  /** Calendar days since it was (last) opened. */
  ageDays: number;
}

/** The day the due date counts from: when it was first seen, or seen again after it resolved. */
export const openedOn = (f: Pick<StoredFinding, 'openedAsOf' | 'firstSeenAsOf'>) => f.openedAsOf ?? f.firstSeenAsOf;

export function workOf(
  f: StoredFinding,
  portal: PortalConfig,
  asOf: string,
  calendar: WorkingCalendar = chineseWorkingCalendar,
): Work {
  const allowance = allowanceFor(f.rule, f.severity, portal.deadlines);
  const opened = openedOn(f);
  let due: string | null = null;
  let late = 0;
  try {
    due = dueDate(opened, allowance, calendar);
    late = workingDaysOverdue({ status: f.status, due }, asOf, calendar);
  } catch (e) {
    if (!(e instanceof CalendarCoverageError)) throw e;
  }
  return {
    owner: ownerOf(f, portal),
    allowance,
    due,
    overdue: due !== null && isOverdue({ status: f.status, due }, asOf),
    workingDaysOverdue: late,
    ageDays: Math.max(0, daysBetween(opened, asOf)),
  };
}
