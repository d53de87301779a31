import { departmentOf } from '../common/department.ts';
import type { Severity } from '../common/rule-ids.ts';
import { COLUMN_KINDS, type ColumnKind, type PortalConfig } from '../config/schema.ts';
import { riskText, type VetoRisk } from '../rules/veto-risk.ts';
import type { ScoreEstimate, ScoreFix } from '../model/score.ts';
import { deduct, fromTenths, splitByDepartment, toTenths, type Deductions } from './deduct.ts';
import { deductionLinesFor, lineMatches, PART_CAPS, type DeductionLine } from './table.ts';

// 检查评分估算: what a national inspection (国办秘函〔2019〕19号) would likely conclude from the
// findings still counted. Any single-veto item makes the site 不合格 whatever else; otherwise the
// deduction table (deductions.json, docs/score.md) takes points off 100 and below 60 is 不合格.
// Only a few of the table's values are public, so this is always an estimate and says so.

export type { ScoreEstimate, ScoreFix, ScoreLine, Verdict } from '../model/score.ts';

/** Below this the deduction part alone makes a site 不合格. */
export const PASS_MARK = 60;

/** A counted finding (open or acknowledged; the caller leaves ignored and resolved ones out). */
export interface ScoredFinding {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  url: string;
  columnId?: string;
  department?: string | null;
  evidence: Record<string, unknown>;
}

export interface ScoreInput {
  findings: readonly ScoredFinding[];
  /** The veto-risk summary of the same scan: any item at level `veto` is a single veto (单项否决). */
  vetoRisks: readonly VetoRisk[];
  /** For the portal's `score.deductions` overrides and its columns' kinds. */
  portal: PortalConfig;
}

function kindOf(finding: ScoredFinding, portal: PortalConfig): ColumnKind | undefined {
  const column = finding.columnId ? portal.columns.find((c) => c.id === finding.columnId) : undefined;
  if (column) return column.kind;
  const kind = finding.evidence.kind;
  return (COLUMN_KINDS as readonly unknown[]).includes(kind) ? (kind as ColumnKind) : undefined;
}

/** The findings each line counts; a finding counts on its first matching line only (no double deduction). */
function matchFindings(lines: readonly DeductionLine[], input: ScoreInput): ScoredFinding[][] {
  const matched: ScoredFinding[][] = lines.map(() => []);
  for (const finding of input.findings) {
    const kind = kindOf(finding, input.portal);
    const i = lines.findIndex((line) => lineMatches(line, finding, kind));
    if (i >= 0) matched[i]!.push(finding);
  }
  return matched;
}

function topFixes(lines: readonly DeductionLine[], matched: ScoredFinding[][], current: Deductions): ScoreFix[] {
  const counts = matched.map((m) => m.length);
  const fixes: (ScoreFix & { order: number })[] = [];
  lines.forEach((line, i) => {
    const byDepartment = new Map<string, ScoredFinding[]>();
    for (const f of matched[i]!) {
      const group = byDepartment.get(departmentOf(f)) ?? [];
      byDepartment.set(departmentOf(f), [...group, f]);
    }
    for (const [department, findings] of byDepartment) {
      // Recomputing the whole deduction without these findings is what makes caps count: five
      // stale columns on a line capped at three still deduct the cap after one is fixed.
      const without = counts.map((n, j) => (j === i ? n - findings.length : n));
      const tenths = current.totalTenths - deduct(lines, without).totalTenths;
      if (tenths <= 0) continue;
      const points = fromTenths(tenths);
      fixes.push({
        lineId: line.id,
        indicator: line.indicator,
        part: line.part,
        department,
        findingIds: findings.map((f) => f.id),
        points,
        text: `处理${department}的「${line.indicator}」（${findings.length} 处），估计可加 ${points} 分`,
        order: i,
      });
    }
  });
  return fixes
    .sort(
      (a, b) =>
        b.points - a.points ||
        a.findingIds.length - b.findingIds.length ||
        a.order - b.order ||
        a.department.localeCompare(b.department, 'zh'),
    )
    .slice(0, 3)
    .map(({ order: _order, ...fix }) => fix);
}

export function estimateScore(input: ScoreInput): ScoreEstimate {
  const lines = deductionLinesFor(input.portal);
  const matched = matchFindings(lines, input);
  const d = deduct(
    lines,
    matched.map((m) => m.length),
  );
  const score = fromTenths(toTenths(100) - d.totalTenths);

  const vetoes = input.vetoRisks.filter((r) => r.level === 'veto');
  const reasons = vetoes.map((r) => `单项否决：${riskText(r)}`);
  if (score < PASS_MARK) reasons.push(`得分低于${PASS_MARK}（${score}）`);

  return {
    estimate: true,
    verdict: reasons.length > 0 ? '不合格' : '合格',
    reasons,
    score,
    byPart: PART_CAPS.map((cap) => ({
      part: cap.part,
      points: cap.points,
      deducted: fromTenths(d.partTenths[cap.part]),
    })),
    byDepartment: splitByDepartment(
      lines,
      matched.map((m) => m.map(departmentOf)),
      d,
    ),
    lines: lines.flatMap((line, i) =>
      matched[i]!.length === 0
        ? []
        : [
            {
              lineId: line.id,
              indicator: line.indicator,
              part: line.part,
              source: line.source,
              points: line.points,
              maxPoints: line.maxPoints,
              count: matched[i]!.length,
              deducted: fromTenths(d.lineTenths[i]!),
            },
          ],
    ),
    topFixes: topFixes(lines, matched, d),
    vetoItems: vetoes.map((r) => r.label),
  };
}
