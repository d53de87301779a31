// Overdue work (逾期整改) as the digest's first screen shows it: per department, how many items
// are past their due date, the oldest of them and whose 信息员 they are; and, for the leadership
// copy, the items so late that someone above the department must chase them (督办).

/** What ordering late work needs of a finding: the digest's, or a stored one with its work worked out. */
export interface LateWork {
  id: string;
  department: string;
  /** The department's 信息员 (the webmaster for site-wide work). */
  officer: string;
  overdue: boolean;
  ageDays: number;
  workingDaysOverdue: number;
  /** Working days it was given. */
  allowance: number;
}

export interface DepartmentOverdue<F extends LateWork = LateWork> {
  department: string;
  /** The department's 信息员 (the webmaster for site-wide work). */
  officer: string;
  count: number;
  /** The overdue item open longest. */
  oldest: F;
}

const oldestFirst = (a: LateWork, b: LateWork) =>
  b.ageDays - a.ageDays || b.workingDaysOverdue - a.workingDaysOverdue || a.id.localeCompare(b.id);

/** Departments with overdue work, most overdue items first. `findings`: the counted ones. */
export function overdueByDepartment<F extends LateWork>(findings: F[]): DepartmentOverdue<F>[] {
  const byDepartment = new Map<string, F[]>();
  for (const f of findings.filter((x) => x.overdue)) {
    byDepartment.set(f.department, [...(byDepartment.get(f.department) ?? []), f]);
  }
  return [...byDepartment.values()]
    .map((items) => {
      const oldest = [...items].sort(oldestFirst)[0]!;
      return { department: oldest.department, officer: oldest.officer, count: items.length, oldest };
    })
    .sort((a, b) => b.count - a.count || oldestFirst(a.oldest, b.oldest) || a.department.localeCompare(b.department));
}

/**
 * 督办: overdue by more than twice the working days it was given. Exactly twice is not yet
 * escalated: the department has had its allowance and as long again, and this is the line past that.
 */
export const needsEscalation = (f: LateWork) => f.workingDaysOverdue > 2 * f.allowance;

/** The leadership copy's 督办 list: the latest first. */
export const escalations = <F extends LateWork>(findings: F[]) =>
  findings.filter(needsEscalation).sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || oldestFirst(a, b));

/** A department head's copy: their own department's row first, the others in their order. */
export function ownDepartmentFirst<T extends { department: string }>(rows: T[], department?: string): T[] {
  if (!department) return rows;
  return [...rows.filter((r) => r.department === department), ...rows.filter((r) => r.department !== department)];
}

/** A department's own findings: overdue work first (the latest first), then as the list orders them. */
export const overdueFirst = (a: LateWork, b: LateWork) =>
  Number(b.overdue) - Number(a.overdue) || b.workingDaysOverdue - a.workingDaysOverdue;
