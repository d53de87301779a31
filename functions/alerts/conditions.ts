import { SITE_DEPARTMENT } from '../common/department.ts';
import { formatShanghai } from './shanghai-clock.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { AvailabilityWindow } from '../model/availability.ts';
import type { Finding } from '../model/finding.ts';
import { SITE_OFFICER } from '../rules/finding.ts';
import { atLine, type VetoRisk } from '../rules/veto-risk.ts';
import type { AlertCondition } from '../model/alert-state.ts';

// What deserves a same-day alert, as conditions that hold or not at a given moment. The
// lifecycle (lifecycle.ts) turns a condition that starts holding into one alert and one that
// stops into one 已恢复 notice. Three kinds:
// - a national single-veto item at its warning or veto line (空白栏目 3/5, 站点无法访问 4.2 % …);
// - a finding whose single case fails an inspection (a leaked ID number);
// - the homepage failing 2 probes in a row: the site is down now, whatever the week's share.

/** Rules whose every finding fails an inspection on its own, so each one is alerted. */
const SINGLE_CASE_RULES = new Set<Finding['rule']>(['privacy-exposure']);

/** Consecutive failed homepage probes that mean "down now". */
export const OUTAGE_STREAK = 2;

export interface ConditionInput {
  portal: PortalConfig;
  /** Veto items as last measured (a scan or a probe round). */
  risks: readonly VetoRisk[];
  /** Open and acknowledged findings; ignored ones are left out by the caller. */
  findings: readonly Pick<
    Finding,
    'id' | 'rule' | 'severity' | 'title' | 'message' | 'action' | 'url' | 'department' | 'evidence'
  >[];
  /** Findings' first-seen dates by id, when the caller has them. */
  firstSeen?: ReadonlyMap<string, string>;
  window: AvailabilityWindow | null;
}

export function alertConditions(input: ConditionInput): AlertCondition[] {
  const { portal } = input;
  // The department's name already says who (信息中心); repeating an officer title there reads twice.
  const site = { department: SITE_DEPARTMENT };
  const officers = new Map((portal.departments ?? []).map((d) => [d.name, d.officer]));
  const out: AlertCondition[] = [];
  for (const r of input.risks) {
    if (!atLine(r)) continue;
    out.push({
      key: `risk:${r.item}`,
      level: r.level,
      title: riskTitle(r),
      evidence: riskEvidence(r, input.window),
      owner: site,
      action: `请网站主管部门组织相关科室立即整改，使“${r.label.replace(/（.*）$/, '')}”回到预警线 ${r.warningAt}${r.item === 'site-unreachable' ? ' %' : ''} 以下。`,
      url: portal.homepage,
    });
  }
  for (const f of input.findings) {
    if (!SINGLE_CASE_RULES.has(f.rule) || f.severity !== 'veto') continue;
    out.push({
      key: `finding:${f.id}`,
      level: 'veto',
      title: `${f.title}：${f.message}`,
      evidence: Object.entries(f.evidence)
        .slice(0, 6)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('、') : String(v)}`),
      owner: f.department
        ? { department: f.department, ...(officers.get(f.department) ? { officer: officers.get(f.department) } : {}) }
        : site,
      action: f.action,
      url: f.url,
      since: input.firstSeen?.get(f.id),
    });
  }
  const w = input.window;
  if (w && w.streak >= OUTAGE_STREAK) {
    const failures = w.recentFailures.slice(0, w.streak);
    out.push({
      key: 'outage:homepage',
      level: 'veto',
      title: `${portal.name}首页连续 ${w.streak} 次探测无法访问`,
      evidence: failures
        .slice(0, 5)
        .map((f) => `${formatShanghai(f.at)} ${f.error ?? f.reason ?? '失败'}（${f.ms} ms）`),
      owner: site,
      action: `请${SITE_OFFICER}立即检查网站服务器、网络和域名解析，恢复首页访问；恢复后系统会自动发送“已恢复”通知。`,
      url: portal.homepage,
      since: failures.at(-1)?.at,
    });
  }
  return out;
}

function riskTitle(r: VetoRisk & { level: 'warning' | 'veto' }): string {
  const unit = r.item === 'site-unreachable' ? ' %' : '';
  const line =
    r.level === 'veto'
      ? `已达否决线 ${r.vetoAt}${unit}`
      : `已达预警线 ${r.warningAt}${unit}，否决线 ${r.vetoAt}${unit}`;
  // Matches nobody has confirmed yet: a warning that says what to do, not a count of 0.
  if (r.item === 'wording-error' && r.level === 'warning')
    return `严重表述错误：${r.pending ?? 0} 处疑似，待人工确认（确认 ${r.vetoAt} 处即达否决线）`;
  if (r.item === 'site-unreachable')
    return `站点无法访问：近 7 天首页探测失败率 ${r.count} %（${r.probes ?? 0} 次探测，${line}）`;
  return `${r.label}：${r.count}（${line}）`;
}

function riskEvidence(r: VetoRisk, window: AvailabilityWindow | null): string[] {
  if (r.item !== 'site-unreachable' || !window) return [`当前 ${r.count}，预警线 ${r.warningAt}，否决线 ${r.vetoAt}`];
  return [
    `${window.from} 至 ${window.to} 首页探测 ${window.probes} 次，失败 ${window.failures} 次（${r.count} %）`,
    ...window.recentFailures.slice(0, 5).map((f) => `${formatShanghai(f.at)} ${f.error ?? f.reason ?? '失败'}`),
  ];
}
