import { addDays, isoWeek } from '../calendar/dates.ts';
import { departmentOf, SITE_DEPARTMENT } from '../common/department.ts';
import { bySeverity } from '../common/rule-ids.ts';
import {
  awaitsConfirmation,
  IGNORE_REASONS,
  isCounted,
  type FindingStatus,
  type IgnoreReason,
} from '../model/finding.ts';
import { workOf } from '../rectification/work.ts';
import { problemOf, PROBLEMS, type ProblemId } from '../rules/problems.ts';
import { riskText, type VetoRisk } from '../rules/veto-risk.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { PageRecord, ScanRecord, StoredFinding } from '../store/records.ts';
import { escalations, overdueByDepartment, type DepartmentOverdue } from './overdue.ts';
import type { DigestScore } from './score.ts';

// What the weekly digest says, computed from the store for one portal and one week: what got
// worse, what got better, whose column it is, and whether each 信息员 is feeding the site (P1).
// The week is the seven days ending on `asOf` (Asia/Shanghai dates): a digest sent every Monday
// morning then covers Tuesday to that Monday's scan, so every day lands in exactly one digest.
// Its label, and the idempotency key of sending, is the ISO week of `asOf`.
// 整改: the lists and counts are made of counted findings (open or acknowledged); an ignored
// finding is only counted on one line of its own, so a dismissal is visible but never mailed as work.

export interface DigestFinding {
  id: string;
  rule: string;
  severity: StoredFinding['severity'];
  title: string;
  url: string;
  message: string;
  action: string;
  status: FindingStatus;
  /** A serious wording match nobody has confirmed yet: shown as 待人工确认, not counted. */
  awaitingConfirmation?: boolean;
  /** Who acknowledged it (已确认), as they gave their name; null unless acknowledged. */
  acknowledgedBy: string | null;
  department: string;
  /** The department's 信息员, or the webmaster for site-wide findings. */
  officer: string;
  /** Days open as of the week's end. */
  ageDays: number;
  /** Working days allowed (整改期限), the due date (null beyond the working-day calendar) and how late. */
  allowance: number;
  due: string | null;
  overdue: boolean;
  workingDaysOverdue: number;
}

export interface DigestProblem {
  id: ProblemId;
  label: string;
  words: string;
  added: DigestFinding[];
  open: DigestFinding[];
  resolved: DigestFinding[];
}

export interface DigestDepartment {
  name: string;
  officer: string | null;
  open: number;
  added: number;
  resolved: number;
  /** Items this department's columns published this week. */
  published: number;
}

/** Findings a person dismissed: counted on one line, never listed. */
export interface DigestIgnored {
  total: number;
  byReason: Record<IgnoreReason, number>;
}

export interface DigestView {
  portal: { id: string; name: string };
  week: { label: string; number: number; start: string; end: string };
  subject: string;
  counts: { added: number; resolved: number; open: number };
  risks: VetoRisk[];
  failsInspection: boolean;
  problems: DigestProblem[];
  departments: DigestDepartment[];
  /** Open findings at the end of each of the last 8 weeks, oldest first. */
  trend: { week: string; end: string; total: number; byProblem: Partial<Record<ProblemId, number>> }[];
  /** The inspection score estimate, when the caller has one. */
  score: DigestScore | null;
  /** Departments with overdue work, most first. */
  overdue: DepartmentOverdue<DigestFinding>[];
  /** Overdue by more than twice their allowance: the leadership copy's 督办 block. */
  escalations: DigestFinding[];
  ignored: DigestIgnored;
}

export function weekOf(asOf: string) {
  const label = isoWeek(asOf);
  return { label, number: Number(label.slice(6)), start: addDays(asOf, -6), end: asOf };
}

/**
 * Was the finding open work at the end of `day`? An ignored finding never was, not even before
 * someone dismissed it: dismissing is not fixing, and a trend that fell on a dismissal would
 * reward it. (A reopened finding's earlier gap is not kept.)
 */
const openOn = (f: StoredFinding, day: string) =>
  f.status !== 'ignored' && f.firstSeenAsOf <= day && (isCounted(f) || (f.resolvedAsOf ?? '9999') > day);

export function buildDigest(input: {
  portal: PortalConfig;
  asOf: string;
  findings: StoredFinding[];
  scans: ScanRecord[];
  pages: PageRecord[];
  score?: DigestScore;
}): DigestView {
  const { portal, findings } = input;
  const week = weekOf(input.asOf);
  const inWeek = (d: string | undefined) => d !== undefined && d >= week.start && d <= week.end;
  const view = (f: StoredFinding): DigestFinding => {
    const work = workOf(f, portal, input.asOf);
    return {
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      url: f.url,
      message: f.message,
      action: f.action,
      status: f.status,
      ...(awaitsConfirmation(f) ? { awaitingConfirmation: true } : {}),
      acknowledgedBy: f.status === 'acknowledged' ? (f.decision?.by ?? null) : null,
      department: work.owner.department,
      officer: work.owner.officer,
      ageDays: work.ageDays,
      allowance: work.allowance,
      due: work.due,
      overdue: work.overdue,
      workingDaysOverdue: work.workingDaysOverdue,
    };
  };
  const worstFirst = (a: DigestFinding, b: DigestFinding) => bySeverity(a, b) || b.ageDays - a.ageDays;

  const open = findings.filter(isCounted);
  const work = open.map(view);
  const ignored = findings.filter((f) => f.status === 'ignored');
  const byReason = Object.fromEntries(
    IGNORE_REASONS.map((r) => [r, ignored.filter((f) => f.decision?.reason === r).length]),
  ) as Record<IgnoreReason, number>;
  const added = open.filter((f) => inWeek(f.firstSeenAsOf));
  const resolved = findings.filter((f) => f.status === 'resolved' && inWeek(f.resolvedAsOf));
  const problems: DigestProblem[] = PROBLEMS.map((p) => ({
    ...p,
    added: added
      .filter((f) => problemOf(f.rule).id === p.id)
      .map(view)
      .sort(worstFirst),
    open: open
      .filter((f) => problemOf(f.rule).id === p.id && !inWeek(f.firstSeenAsOf))
      .map(view)
      .sort(worstFirst),
    resolved: resolved
      .filter((f) => problemOf(f.rule).id === p.id)
      .map(view)
      .sort(worstFirst),
  })).filter((p) => p.added.length + p.open.length + p.resolved.length > 0);

  const columnDept = new Map(portal.columns.map((c) => [c.id, departmentOf(c)]));
  const names = [...(portal.departments ?? []).map((d) => d.name), SITE_DEPARTMENT];
  const departments: DigestDepartment[] = names
    .map((name) => ({
      name,
      officer: portal.departments?.find((d) => d.name === name)?.officer ?? null,
      open: open.filter((f) => departmentOf(f) === name).length,
      added: added.filter((f) => departmentOf(f) === name).length,
      resolved: resolved.filter((f) => departmentOf(f) === name).length,
      published: input.pages.filter(
        (p) => columnDept.get(p.columnId) === name && inWeek(p.publishedDate ?? p.listDate ?? undefined),
      ).length,
    }))
    .filter((d) => d.name !== SITE_DEPARTMENT || d.open + d.added + d.resolved > 0);

  const trend = Array.from({ length: 8 }, (_, i) => {
    const end = addDays(week.end, -7 * (7 - i));
    const day = end;
    const byProblem: Partial<Record<ProblemId, number>> = {};
    let total = 0;
    for (const f of findings) {
      if (!openOn(f, day)) continue;
      const p = problemOf(f.rule).id;
      byProblem[p] = (byProblem[p] ?? 0) + 1;
      total += 1;
    }
    return { week: isoWeek(end), end, total, byProblem };
  });

  const latest = input.scans
    .filter((s) => s.asOf <= input.asOf && s.vetoRisks)
    .sort((a, b) => b.scanId.localeCompare(a.scanId))[0];
  // Items at the veto line first, then at the warning line: the first screen is what needs acting on.
  const rank = (r: VetoRisk) => (r.level === 'veto' ? 0 : r.level === 'warning' ? 1 : 2);
  const risks = [...(latest?.vetoRisks ?? [])].sort((a, b) => rank(a) - rank(b));
  const emptyColumns = risks.find((r) => r.item === 'empty-column');
  const subject =
    `【周报】${portal.name} 第${week.number}周：新增问题 ${added.length}，已整改 ${resolved.length}` +
    (emptyColumns ? `，${riskText(emptyColumns)}` : '') +
    (risks.some((r) => r.level === 'veto') ? '（有单项否决风险）' : '');
  return {
    portal: { id: portal.id, name: portal.name },
    week,
    subject,
    counts: { added: added.length, resolved: resolved.length, open: open.length },
    risks,
    failsInspection: risks.some((r) => r.level === 'veto'),
    problems,
    departments,
    trend,
    score: input.score ?? null,
    overdue: overdueByDepartment(work),
    escalations: escalations(work),
    ignored: { total: ignored.length, byReason },
  };
}
