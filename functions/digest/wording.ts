import { SITE_DEPARTMENT } from '../common/department.ts';
import { IGNORE_REASONS } from '../model/finding.ts';
import { IGNORE_REASON_LABELS } from '../rectification/decide.ts';
import type { DepartmentOverdue } from './overdue.ts';
import type { DigestFinding, DigestIgnored } from './view-model.ts';

// The words of the 整改 parts of the digest, shared by the text and the HTML so both say the same.
// Plain text without anything crawled in it: the HTML escapes and links titles itself.

/** "逾期 6 个工作日（应于 2018-01-09 前整改）", "应于 2018-01-23 前整改", or nothing without a due date. */
export function lateness(f: DigestFinding): string {
  if (f.overdue) return `逾期 ${f.workingDaysOverdue} 个工作日（应于 ${f.due} 前整改）`;
  return f.due ? `应于 ${f.due} 前整改` : '';
}

/** "土地利用科 · 张明 · 已 15 天 · 逾期 6 个工作日（…）· 已确认（李四）": the line under each finding. */
export function workLine(f: DigestFinding): string {
  return [
    f.department,
    f.officer,
    `已 ${f.ageDays} 天`,
    lateness(f),
    f.status === 'acknowledged' ? acknowledged(f) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "已确认（李四）": acknowledged work is still work, and still counted; the name says who is on it. */
export const acknowledged = (f: DigestFinding) => `已确认（${f.acknowledgedBy ?? '未署名'}）`;

/** "土地利用科（信息员 张明）", "法规科（本科室，信息员 李强）": whose work it is. Site-wide work is the webmaster's. */
export function ownerText(d: { department: string; officer: string }, own?: string): string {
  const role = d.department === SITE_DEPARTMENT ? '网站管理员' : '信息员';
  return `${d.department}（${d.department === own ? '本科室，' : ''}${role} ${d.officer}）`;
}

/** "逾期 2 项，最久已 46 天：": the row's counts, followed by the oldest item's title. */
export const overdueCount = (d: DepartmentOverdue) => `逾期 ${d.count} 项，最久已 ${d.oldest.ageDays} 天：`;

/** "逾期 22 个工作日，超过整改期限 10 个工作日的两倍": how late a 督办 item is. */
export const escalationText = (f: DigestFinding) =>
  `逾期 ${f.workingDaysOverdue} 个工作日，超过整改期限 ${f.allowance} 个工作日的两倍`;

/**
 * "另有 3 项已忽略（误报 2，不适用 0，已接受 1），查看：…": the one line ignored findings get, with
 * where the full list is, so a dismissal stays in sight of the leaders without being mailed as work.
 */
export function ignoredLine(portalId: string, ignored: DigestIgnored): string | null {
  if (ignored.total === 0) return null;
  const reasons = IGNORE_REASONS.map((r) => `${IGNORE_REASON_LABELS[r]} ${ignored.byReason[r]}`).join('，');
  return (
    `另有 ${ignored.total} 项已忽略（${reasons}），查看：disclosure-watch findings list --portal ${portalId} --status ignored` +
    `，或 GET /portals/${portalId}/findings?status=ignored`
  );
}
