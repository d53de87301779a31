import { departmentOf } from '../../functions/common/department.ts';
import { bySeverity } from '../../functions/common/rule-ids.ts';
import { awaitsConfirmation, type Finding, type FindingConfirmation } from '../../functions/model/finding.ts';
import { problemOf, PROBLEMS } from '../../functions/rules/problems.ts';
import { riskText } from '../../functions/rules/veto-risk.ts';
import { scoreLines, workLines } from './work-output.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import type { StoredFinding } from '../../functions/store/records.ts';

// A scan result as text for a person, grouped the way the bureau's own report lists its
// problems, then by department (科室). The JSON face lives in functions/api/json.ts, shared
// with the API.

export { findingJson, scanJson } from '../../functions/api/json.ts';

export const SEVERITY_TAG = { veto: '[否决]', major: '[重要]', minor: '[一般]' } as const;

/** The tag of one finding: a serious wording match nobody has confirmed says so, and is not counted. */
export const severityTagOf = (f: Finding & { confirmed?: FindingConfirmation }) =>
  awaitsConfirmation(f) ? `${SEVERITY_TAG[f.severity]}[待人工确认]` : SEVERITY_TAG[f.severity];
const LEVEL_TAG = { ok: '', warning: ' ⚠ 预警', veto: ' ✖ 达到否决线', 'insufficient-data': '' } as const;

export function scanText(r: ScanResult): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`${r.portal.name} (${r.portal.id}) · 检查日期 ${r.asOf}`);
  out.push(
    `  ${s.columns} 个栏目 · ${s.pages} 个页面 · ${s.findings} 个问题（新增 ${s.new}，已整改 ${s.resolved}）` +
      (s.ignored ? ` · 另有 ${s.ignored} 项已忽略（findings list --status ignored）` : ''),
  );
  const failing = s.vetoRisks.filter((v) => v.level === 'veto');
  out.push(
    failing.length ? `  ✖ 按国家检查指标将被单项否决：${failing.map(riskText).join('；')}` : '  ✓ 未触及单项否决线',
  );
  out.push(`  单项否决风险: ${s.vetoRisks.map((v) => riskText(v) + LEVEL_TAG[v.level]).join(' · ')}`);
  out.push(...scoreLines(s.score));
  out.push(...workLines(r));
  const officers = new Map((r.portal.departments ?? []).map((d) => [d.name, d.officer]));
  for (const problem of PROBLEMS) {
    const group = r.findings.filter((f) => problemOf(f.rule).id === problem.id);
    if (group.length === 0) continue;
    out.push('', `${problem.id} ${problem.label}（${group.length}）— 年报原文：${problem.words}`);
    const byDept = new Map<string, StoredFinding[]>();
    for (const f of group) {
      const key = departmentOf(f);
      byDept.set(key, [...(byDept.get(key) ?? []), f]);
    }
    for (const [dept, findings] of [...byDept].sort(([a], [b]) => a.localeCompare(b, 'zh'))) {
      const officer = officers.get(dept);
      out.push(`  ${dept}${officer ? `（信息员 ${officer}）` : ''}`);
      for (const f of findings.sort(worstFirst)) {
        const acked = f.status === 'acknowledged' ? ` [已确认 ${f.decision?.by ?? ''}]` : '';
        out.push(`    ${severityTagOf(f)} ${f.rule}${r.newIds.has(f.id) ? ' 新' : ''}${acked}  ${f.title}`);
        out.push(`        ${f.message}`);
        out.push(`        → ${f.action}`);
        out.push(`        ${f.url}`);
      }
    }
  }
  if (r.resolved.length > 0) {
    out.push('', `本次已整改（${r.resolved.length}）`);
    for (const f of r.resolved) out.push(`  ✓ ${f.rule}  ${f.title}  ${f.url}`);
  }
  if (r.warnings.length > 0) {
    out.push('', `抓取提示（${r.warnings.length}）`);
    for (const w of r.warnings) out.push(`  ! ${w}`);
  }
  // A scan recorded before pages were revalidated has no such counters.
  const c = r.counters;
  const revalidated = c.revalidated ? ` · revalidated ${c.revalidated} (${c.revalidatedUnchanged ?? 0} unchanged)` : '';
  out.push(
    '',
    `  requests ${c.requests} · ${(c.bytes / 1024).toFixed(0)} KiB · 304 ${c.notModified}${revalidated} · parsed ${c.pagesParsed} · DynamoDB writes ${c.writes}${c.reads !== undefined ? ` · reads ${c.reads}` : ''} · failures ${c.failures}`,
  );
  return out.join('\n');
}

const worstFirst = (a: StoredFinding, b: StoredFinding) => bySeverity(a, b) || a.url.localeCompare(b.url);
