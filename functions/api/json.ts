import type { PortalConfig } from '../config/schema.ts';
import { awaitsConfirmation, type FindingDecision, type HistoryEntry } from '../model/finding.ts';
import { openedOn, workOf } from '../rectification/work.ts';
import type { ScoreReport } from '../score/report.ts';
import { problemOf } from '../rules/problems.ts';
import { atLine, riskCode } from '../rules/veto-risk.ts';
import type { CheckResult } from '../scan/check-url.ts';
import type { ScanResult } from '../scan/evaluate.ts';
import type { StoredFinding } from '../store/records.ts';

// The JSON contract (docs/api.md): what `scan`/`check --format json` print and what the API
// answers. One definition, so the CLI and the API can never drift apart.

/** `asOf`: the day owner, due date and overdue are worked out for. */
export function findingJson(f: StoredFinding, ctx: { portal: PortalConfig; asOf: string; newIds?: Set<string> }) {
  const work = workOf(f, ctx.portal, ctx.asOf);
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    status: f.status,
    /** The version a person's action may name (expectedVersion) so it cannot overwrite a change it did not see. */
    version: f.version ?? 0,
    new: ctx.newIds ? ctx.newIds.has(f.id) : undefined,
    problem: problemOf(f.rule).id,
    column: f.columnId ?? null,
    department: f.department ?? null,
    url: f.url,
    title: f.title,
    message: f.message,
    action: f.action,
    evidence: f.evidence,
    firstSeen: f.firstSeenAsOf,
    opened: openedOn(f),
    ageDays: work.ageDays,
    owner: { department: work.owner.department, officer: work.owner.officer },
    due: work.due,
    overdue: work.overdue,
    ...(f.resolvedAsOf && f.status === 'resolved' ? { resolvedOn: f.resolvedAsOf } : {}),
    ...(f.decision ? { decision: decisionJson(f.decision) } : {}),
    ...(f.confirmed ? { confirmed: f.confirmed } : awaitsConfirmation(f) ? { awaitingConfirmation: true } : {}),
  };
}

function decisionJson(d: FindingDecision) {
  return {
    action: d.action,
    by: d.by,
    identity: d.identity,
    at: d.at,
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.note ? { note: d.note } : {}),
    ...(d.until ? { until: d.until } : {}),
  };
}

export function historyJson(h: HistoryEntry) {
  return {
    version: h.version,
    at: h.at,
    asOf: h.asOf,
    from: h.from,
    to: h.to,
    by: h.by,
    ...(h.identity ? { identity: h.identity } : {}),
    ...(h.scanId ? { scanId: h.scanId } : {}),
    why: h.why,
    ...(h.reason ? { reason: h.reason } : {}),
    ...(h.until ? { until: h.until } : {}),
  };
}

export function scanJson(r: ScanResult) {
  const ctx = { portal: r.portal, asOf: r.asOf };
  return {
    portal: r.portal.id,
    name: r.portal.name,
    asOf: r.asOf,
    scanId: r.scanId,
    scannedAt: r.scannedAt,
    summary: {
      columns: r.summary.columns,
      pages: r.summary.pages,
      findings: r.summary.findings,
      new: r.summary.new,
      resolved: r.summary.resolved,
      ignored: r.summary.ignored,
      // Items at a line; one short of data (too few probes yet) is in `risks`, never listed as a risk.
      vetoRisks: r.summary.vetoRisks.filter(atLine).map(riskCode),
      /** True when at least one national single-veto item is at or past its line. */
      failsInspection: r.summary.vetoRisks.some((v) => v.level === 'veto'),
      risks: r.summary.vetoRisks,
      score: scoreJson(r.summary.score),
    },
    counters: r.counters,
    ...(r.timing ? { timing: r.timing } : {}),
    findings: r.findings.map((f) => findingJson(f, { ...ctx, newIds: r.newIds })),
    ignored: r.ignored.map((f) => findingJson(f, ctx)),
    resolved: r.resolved.map((f) => findingJson(f, ctx)),
    warnings: r.warnings,
  };
}

export function checkJson(r: CheckResult) {
  const ctx = { portal: r.portal, asOf: r.asOf };
  return {
    url: r.url,
    portal: r.portal.id,
    kind: r.kind,
    fetch: r.fetch,
    ...(r.page ? { page: r.page } : {}),
    ...(r.list ? { list: r.list } : {}),
    findings: r.findings.map((f) => findingJson(f, ctx)),
    ignored: r.ignored.map((f) => findingJson(f, ctx)),
    resolved: r.resolved.map((f) => findingJson(f, ctx)),
  };
}

/** The score estimate (docs/score.md): always flagged as an estimate, every deduction line with its source. */
export function scoreJson(r: ScoreReport) {
  return {
    estimate: true,
    verdict: r.verdict,
    score: r.score,
    reasons: r.reasons,
    vetoItems: r.vetoItems,
    trend: r.trend.map((w) => ({
      from: w.from,
      to: w.to,
      score: w.point?.score ?? null,
      verdict: w.point?.verdict ?? null,
    })),
    byPart: r.byPart,
    byDepartment: r.byDepartment,
    topFixes: r.topFixes.map(({ text, points, department, lineId, findingIds }) => ({
      text,
      points,
      department,
      lineId,
      findingIds,
    })),
    lines: r.lines,
  };
}
