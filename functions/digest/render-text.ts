import { atLine, riskText } from '../rules/veto-risk.ts';
import type { DigestFinding, DigestView } from './view-model.ts';

// The plain-text part of the digest: the same content as the HTML, for clients that show no HTML.

const SEVERITY = { veto: '【否决】', major: '【重要】', minor: '【一般】' } as const;
const LEVEL = { ok: '正常', warning: '预警', veto: '达到否决线', 'insufficient-data': '数据不足' } as const;

const line = (f: DigestFinding) => [
  `  ${SEVERITY[f.severity]}${f.title}（${f.department}，已 ${f.ageDays} 天）`,
  `    ${f.message}`,
  `    → ${f.action}`,
  `    ${f.url}`,
];

/** `department`: a department head's copy puts that department's findings first. */
export function renderText(v: DigestView, opts: { department?: string } = {}): string {
  const out = [v.subject, '', `${v.portal.name} ${v.week.start} 至 ${v.week.end}（${v.week.label}）`];
  out.push(`本周新增问题 ${v.counts.added}，已整改 ${v.counts.resolved}，仍未整改 ${v.counts.open}。`);
  const [alerting, rest] = [v.risks.filter(atLine), v.risks.filter((r) => !atLine(r))];
  out.push('', alerting.length ? '单项否决风险（已达预警线或否决线）：' : '单项否决风险：均未达到预警线。');
  for (const r of alerting) out.push(`  ${riskText(r)}（${LEVEL[r.level]}）`);
  if (rest.length) out.push(`  其余指标：${rest.map(riskText).join('；')}`);
  const mine = (f: DigestFinding) => !opts.department || f.department === opts.department;
  if (opts.department) {
    out.push('', `== 本科室（${opts.department}）==`);
    for (const p of v.problems) for (const f of [...p.added, ...p.open].filter(mine)) out.push(...line(f));
  }
  for (const p of v.problems) {
    const others = (fs: DigestFinding[]) => (opts.department ? fs.filter((f) => !mine(f)) : fs);
    out.push(
      '',
      `== ${p.id} ${p.label}（新增 ${p.added.length}，未整改 ${p.open.length}，已整改 ${p.resolved.length}）==`,
      `年报原文：${p.words}`,
    );
    if (others(p.added).length) out.push('本周新增：', ...others(p.added).flatMap(line));
    if (others(p.open).length) out.push('仍未整改：', ...others(p.open).flatMap(line));
    if (p.resolved.length) out.push('本周已整改：', ...p.resolved.map((f) => `  ✓ ${f.title} ${f.url}`));
  }
  out.push('', '== 各科室 ==', '  科室 · 信息员 · 本周发布 · 未整改 · 新增 · 已整改');
  for (const d of v.departments)
    out.push(
      `  ${d.name} · ${d.officer ?? '—'} · ${d.published} · ${d.open} · ${d.added} · ${d.resolved}${d.published === 0 && d.officer ? ' · 本周未发布信息' : ''}`,
    );
  out.push('', '== 近8周未整改问题 ==');
  for (const t of v.trend) out.push(`  ${t.week} ${'█'.repeat(Math.min(40, t.total))} ${t.total}`);
  return out.join('\n') + '\n';
}
