import type { RuleId, Severity } from '../../functions/common/rule-ids.ts';
import type { ColumnConfig, ColumnKind, PortalConfig } from '../../functions/config/schema.ts';
import type { Finding } from '../../functions/model/finding.ts';
import { DEFAULT_THRESHOLDS } from '../../functions/rules/thresholds.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import { estimateScore, type ScoreEstimate } from '../../functions/score/estimate.ts';
import { columnConfig, portalConfig } from '../support/builders.ts';

// A bureau portal with columns of every kind the examples need, and findings built the way the
// rules build them (column, department and evidence.kind). Veto risks come from the real
// veto-risk summary of the same findings, so an example can never pass a veto the findings deny.

let seq = 0;

/** `n` columns of one kind and department, ids `<prefix>1` … `<prefix>n`. */
export function columns(prefix: string, n: number, kind: ColumnKind, department?: string): ColumnConfig[] {
  return Array.from({ length: n }, (_, i) => columnConfig({ id: `${prefix}${i + 1}`, kind, department }));
}

export function finding(rule: RuleId, severity: Severity, column?: ColumnConfig): Finding {
  seq += 1;
  return {
    id: `f${seq}`,
    portalId: 'mhk-gtj',
    rule,
    severity,
    subject: column?.url ?? `site:${seq}`,
    url: column?.url ?? `http://gtj.example.gov.cn/page${seq}.html`,
    title: column?.name ?? `page ${seq}`,
    columnId: column?.id,
    department: column?.department,
    message: '',
    action: '',
    evidence: column ? { kind: column.kind } : {},
  };
}

/** One finding of `rule` per column. */
export const each = (rule: RuleId, severity: Severity, cols: ColumnConfig[]) =>
  cols.map((c) => finding(rule, severity, c));

/** `n` findings about pages of one column (undated items, broken links …). */
export const many = (n: number, rule: RuleId, severity: Severity, column?: ColumnConfig) =>
  Array.from({ length: n }, () => finding(rule, severity, column));

export function estimate(findings: Finding[], portal: PortalConfig): ScoreEstimate {
  // Homepage fresh (3 days) and too few probes to judge availability: only the findings decide.
  const risks = vetoRisks(findings, DEFAULT_THRESHOLDS, 3, { probes: 0, failures: 0 });
  return estimateScore({ findings, vetoRisks: risks, portal });
}

export const portalOf = (cols: ColumnConfig[], over: Partial<PortalConfig> = {}) => portalConfig(cols, over);
