import { problemOf } from '../rules/problems.ts';
import { atLine, riskCode } from '../rules/veto-risk.ts';
import type { CheckResult } from '../scan/check-url.ts';
import type { ScanResult } from '../scan/evaluate.ts';
import type { StoredFinding } from '../store/records.ts';

// The JSON contract (docs/api.md): what `scan`/`check --format json` print and what the API
// answers. One definition, so the CLI and the API can never drift apart.

export function findingJson(f: StoredFinding, newIds?: Set<string>) {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    status: f.status,
    new: newIds ? newIds.has(f.id) : undefined,
    problem: problemOf(f.rule).id,
    column: f.columnId ?? null,
    department: f.department ?? null,
    url: f.url,
    title: f.title,
    message: f.message,
    action: f.action,
    evidence: f.evidence,
    firstSeen: f.firstSeenAsOf,
  };
}

export function scanJson(r: ScanResult) {
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
      // Items at a line; one short of data (too few probes yet) is in `risks`, never listed as a risk.
      vetoRisks: r.summary.vetoRisks.filter(atLine).map(riskCode),
      /** True when at least one national single-veto item is at or past its line. */
      failsInspection: r.summary.vetoRisks.some((v) => v.level === 'veto'),
      risks: r.summary.vetoRisks,
    },
    counters: r.counters,
    findings: r.findings.map((f) => findingJson(f, r.newIds)),
    resolved: r.resolved.map((f) => findingJson(f)),
    warnings: r.warnings,
  };
}

export function checkJson(r: CheckResult) {
  return {
    url: r.url,
    portal: r.portal.id,
    kind: r.kind,
    fetch: r.fetch,
    ...(r.page ? { page: r.page } : {}),
    ...(r.list ? { list: r.list } : {}),
    findings: r.findings.map((f) => findingJson(f)),
    resolved: r.resolved.map((f) => findingJson(f)),
  };
}
