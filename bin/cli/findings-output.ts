import { decidedJson, findingWithHistoryJson } from '../../functions/api/finding-actions.ts';
import { findingJson } from '../../functions/api/json.ts';
import { bySeverity } from '../../functions/common/rule-ids.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { FINDING_STATUSES, type FindingStatus, type HistoryEntry } from '../../functions/model/finding.ts';
import { IGNORE_REASON_LABELS } from '../../functions/rectification/decide.ts';
import { workOf, type Work } from '../../functions/rectification/work.ts';
import { problemOf } from '../../functions/rules/problems.ts';
import { csvField, textTable } from '../../functions/stats/format.ts';
import type { StoredFinding } from '../../functions/store/records.ts';
import { severityTagOf } from './output.ts';

// How the 整改 commands show findings: a work list a person reads top-down (what is late first,
// then what weighs most, then what has waited longest), the same as CSV for a spreadsheet, and a
// finding's history. JSON is the API's shape (functions/api), so a script reads either alike.

export interface WorkItem {
  finding: StoredFinding;
  work: Work;
}

export interface ListContext {
  portal: PortalConfig;
  asOf: string;
}

const STATUS_LABEL: Readonly<Record<FindingStatus, string>> = {
  open: '待整改',
  acknowledged: '整改中',
  resolved: '已整改',
  ignored: '已忽略',
};

/** Shortest id prefix shown in the list: unique within the portal, and never under 10 characters. */
const MIN_SHOWN_ID = 10;

export function workItems(findings: StoredFinding[], ctx: ListContext): WorkItem[] {
  return findings.map((finding) => ({ finding, work: workOf(finding, ctx.portal, ctx.asOf) })).sort(worstFirst);
}

/** Overdue first, then veto before major before minor, then the longest waiting; ties by id. */
function worstFirst(a: WorkItem, b: WorkItem): number {
  return (
    Number(b.work.overdue) - Number(a.work.overdue) ||
    bySeverity(a.finding, b.finding) ||
    b.work.ageDays - a.work.ageDays ||
    (a.finding.id < b.finding.id ? -1 : a.finding.id > b.finding.id ? 1 : 0)
  );
}

/** Each id cut to the shortest prefix (≥ MIN_SHOWN_ID) that no other id of `all` shares. */
export function shortIds(ids: string[], all: string[]): Map<string, string> {
  const others = [...new Set(all)].sort();
  const out = new Map<string, string>();
  for (const id of ids) {
    let n = Math.min(MIN_SHOWN_ID, id.length);
    const at = others.indexOf(id);
    for (const neighbour of [others[at - 1], others[at + 1]]) {
      if (!neighbour) continue;
      let common = 0;
      while (common < id.length && id[common] === neighbour[common]) common++;
      n = Math.max(n, Math.min(id.length, common + 1));
    }
    out.set(id, id.slice(0, n));
  }
  return out;
}

const ownerText = (w: Work) => `${w.owner.department}/${w.owner.officer}`;
const dueText = (w: Work) =>
  w.due === null ? '期限未定' : w.overdue ? `${w.due} 逾期${w.workingDaysOverdue}个工作日 OVERDUE` : w.due;

export interface ListSummary {
  /** How many findings of the listed department and rule are ignored (not counted). */
  ignored: number;
  /** Shown in the footer when ignored findings are filtered out: the command that lists them. */
  ignoredCommand: string | null;
  /** Every id of the portal, so shown prefixes are unique among them all. */
  allIds: string[];
  /** The filters in words, for the heading. */
  filters: string;
}

export function findingsListText(items: WorkItem[], ctx: ListContext, summary: ListSummary): string {
  const out = [`${ctx.portal.name} (${ctx.portal.id}) · 整改清单 · ${ctx.asOf} · ${summary.filters}`];
  if (items.length === 0) out.push('  没有符合条件的问题 (no findings match)');
  else {
    const ids = shortIds(
      items.map((i) => i.finding.id),
      summary.allIds,
    );
    const headers = ['编号', '状态', '级别', '规则', '责任科室/信息员', '已开', '整改期限', '标题'];
    const rows = items.map(({ finding: f, work: w }) => [
      ids.get(f.id)!,
      `${f.status} ${STATUS_LABEL[f.status]}`,
      severityTagOf(f),
      f.rule,
      ownerText(w),
      `${w.ageDays}天`,
      dueText(w),
      f.title,
    ]);
    out.push(textTable(headers, rows));
  }
  out.push('', `  ${countLine(items)}`);
  if (summary.ignored > 0 && summary.ignoredCommand)
    out.push(`  另有 ${summary.ignored} 项已忽略（不计入）: ${summary.ignoredCommand}`);
  return out.join('\n') + '\n';
}

function countLine(items: WorkItem[]): string {
  const overdue = items.filter((i) => i.work.overdue).length;
  const parts = FINDING_STATUSES.map((s) => [s, items.filter((i) => i.finding.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  return `${items.length} 项${parts.length ? `（${parts.join(' · ')}）` : ''} · 逾期 ${overdue}`;
}

export function findingsListJson(items: WorkItem[], ctx: ListContext, ignored: number) {
  return {
    portal: ctx.portal.id,
    asOf: ctx.asOf,
    count: items.length,
    overdue: items.filter((i) => i.work.overdue).length,
    ignored,
    findings: items.map((i) => findingJson(i.finding, ctx)),
  };
}

export const CSV_COLUMNS = [
  'id',
  'portal',
  'status',
  'severity',
  'rule',
  'problem',
  'department',
  'officer',
  'opened',
  'age_days',
  'due',
  'overdue',
  'working_days_overdue',
  'version',
  'title',
  'url',
  'decided_by',
  'reason',
  'until',
] as const;

/** RFC 4180, CRLF line ends, one row per finding in the list's order, full ids. */
export function findingsCsv(items: WorkItem[], ctx: ListContext): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  for (const { finding: f, work: w } of items) {
    rows.push([
      f.id,
      ctx.portal.id,
      f.status,
      f.severity,
      f.rule,
      problemOf(f.rule).id,
      w.owner.department,
      w.owner.officer,
      f.openedAsOf ?? f.firstSeenAsOf,
      w.ageDays,
      w.due,
      w.overdue ? 'true' : 'false',
      w.workingDaysOverdue,
      f.version ?? 0,
      f.title,
      f.url,
      f.decision?.by ?? null,
      f.decision?.reason ?? null,
      f.decision?.until ?? null,
    ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const who = (h: Pick<HistoryEntry, 'by' | 'identity'>) => (h.identity ? `${h.by} [${h.identity}]` : h.by);
/** An ignore's reason and end: `（false-positive，至 2018-03-31）`, the Chinese label too unless `why` already says it. */
function ignoreTerms(h: Pick<HistoryEntry, 'reason' | 'until' | 'why'>): string {
  if (!h.reason) return '';
  const label = IGNORE_REASON_LABELS[h.reason];
  const terms = [...(h.why.includes(label) ? [] : [label]), h.reason, ...(h.until ? [`至 ${h.until}`] : [])];
  return `（${terms.join('，')}）`;
}

export function historyText(f: StoredFinding, history: HistoryEntry[], ctx: ListContext): string {
  const w = workOf(f, ctx.portal, ctx.asOf);
  const out = [
    `${severityTagOf(f)} ${f.title}`,
    `  ${f.id} · ${f.rule} · ${f.status} ${STATUS_LABEL[f.status]}（版本 ${f.version ?? 0}）· ${ownerText(w)} · 期限 ${dueText(w)}`,
    `  ${f.url}`,
    `  ${f.message}`,
    '',
  ];
  const rows = history.map((h) => [
    `v${h.version}`,
    h.asOf,
    `${h.from ?? '—'} → ${h.to}`,
    who(h),
    `${h.why}${ignoreTerms(h)}`,
  ]);
  if (rows.length === 0) out.push('  （没有历史记录：该问题早于历史记录功能）');
  else out.push(textTable(['版本', '日期', '状态', '由', '原因'], rows));
  return out.join('\n') + '\n';
}

export function decidedText(f: StoredFinding, entry: HistoryEntry): string {
  return (
    `${entry.from} → ${entry.to} ${STATUS_LABEL[entry.to]}  ${f.id}（版本 ${entry.version}）${f.title}\n` +
    `  ${who(entry)} · ${entry.why}${ignoreTerms(entry)}\n`
  );
}

export { decidedJson, findingWithHistoryJson };
