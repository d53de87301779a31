import { atLine, riskText } from '../rules/veto-risk.ts';
import { overdueFirst, ownDepartmentFirst } from './overdue.ts';
import { scoreDetails, scoreHeadline } from './score.ts';
import type { DigestFinding, DigestView } from './view-model.ts';
import { escalationText, ignoredLine, overdueCount, ownerText, workLine } from './wording.ts';

// The plain-text part of the digest: the same content as the HTML, for clients that show no HTML.

const SEVERITY = { veto: '【否决】', major: '【重要】', minor: '【一般】' } as const;
const LEVEL = { ok: '正常', warning: '预警', veto: '达到否决线', 'insufficient-data': '数据不足' } as const;

const line = (f: DigestFinding) => [
  `  ${SEVERITY[f.severity]}${f.awaitingConfirmation ? '【待人工确认】' : ''}${f.title}`,
  `    ${workLine(f)}`,
  `    ${f.message}`,
  `    → ${f.action}`,
  `    ${f.url}`,
];

export interface CopyOptions {
  /** A department head's copy: that department's overdue work and open findings first. */
  department?: string;
  /** The leadership copy: with the 督办 block of work overdue by more than twice its allowance. */
  leader?: boolean;
}

export function renderText(v: DigestView, opts: CopyOptions = {}): string {
  const out = [v.subject, '', `${v.portal.name} ${v.week.start} 至 ${v.week.end}（${v.week.label}）`];
  if (v.score) out.push(scoreHeadline(v.score), ...scoreDetails(v.score).map((l) => `  ${l}`));
  out.push(`本周新增问题 ${v.counts.added}，已整改 ${v.counts.resolved}，仍未整改 ${v.counts.open}。`);
  const [alerting, rest] = [v.risks.filter(atLine), v.risks.filter((r) => !atLine(r))];
  out.push('', alerting.length ? '单项否决风险（已达预警线或否决线）：' : '单项否决风险：均未达到预警线。');
  for (const r of alerting) out.push(`  ${riskText(r)}（${LEVEL[r.level]}）`);
  if (rest.length) out.push(`  其余指标：${rest.map(riskText).join('；')}`);

  const own = opts.department;
  out.push('', v.overdue.length ? '== 逾期整改（按科室）==' : '逾期整改：无。');
  if (own && v.overdue.length && !v.overdue.some((d) => d.department === own))
    out.push(`  ${own}（本科室）：无逾期整改`);
  for (const d of ownDepartmentFirst(v.overdue, own))
    out.push(`  ${ownerText(d, own)}：${overdueCount(d)}${d.oldest.title}`);
  if (opts.leader && v.escalations.length) {
    out.push('', '== 督办：逾期超过整改期限两倍 ==');
    for (const f of v.escalations)
      out.push(`  ${ownerText(f)}：${f.title}`, `    ${escalationText(f)}`, `    ${f.url}`);
  }

  const mine = (f: DigestFinding) => f.department === own;
  if (own) {
    out.push('', `== 本科室（${own}）==`);
    const list = v.problems.flatMap((p) => [...p.added, ...p.open]).filter(mine);
    if (!list.length) out.push('  本科室暂无未整改问题。');
    for (const f of [...list].sort(overdueFirst)) out.push(...line(f));
  }
  for (const p of v.problems) {
    const others = (fs: DigestFinding[]) => (own ? fs.filter((f) => !mine(f)) : fs);
    out.push(
      '',
      `== ${p.id} ${p.label}（新增 ${p.added.length}，未整改 ${p.open.length}，已整改 ${p.resolved.length}）==`,
      `年报原文：${p.words}`,
    );
    if (others(p.added).length) out.push('本周新增：', ...others(p.added).flatMap(line));
    if (others(p.open).length) out.push('仍未整改：', ...others(p.open).flatMap(line));
    if (p.resolved.length) out.push('本周已整改：', ...p.resolved.map((f) => `  ✓ ${f.title} ${f.url}`));
  }
  const ignored = ignoredLine(v.portal.id, v.ignored);
  if (ignored) out.push('', ignored);

  out.push('', '== 各科室 ==', '  科室 · 信息员 · 本周发布 · 未整改 · 新增 · 已整改');
  for (const d of v.departments)
    out.push(
      `  ${d.name} · ${d.officer ?? '—'} · ${d.published} · ${d.open} · ${d.added} · ${d.resolved}${d.published === 0 && d.officer ? ' · 本周未发布信息' : ''}`,
    );
  out.push('', '== 近8周未整改问题 ==');
  for (const t of v.trend) out.push(`  ${t.week} ${'█'.repeat(Math.min(40, t.total))} ${t.total}`);
  return out.join('\n') + '\n';
}
