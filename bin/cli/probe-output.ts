import { formatShanghai } from '../../functions/alerts/shanghai-clock.ts';
import type { AvailabilityWindow, ProbeFailure, ProbeResult } from '../../functions/model/availability.ts';
import {
  availabilityLevel,
  failurePercent,
  MIN_PROBES,
  type AvailabilityLevel,
} from '../../functions/rules/availability.ts';
import { resolveThresholds } from '../../functions/rules/thresholds.ts';
import type { PortalProbeRound } from '../../functions/scan/probe-round.ts';

// What a probe round shows: the week's share against the portal's lines (the inspection's
// arithmetic: at least 100 homepage probes, warning and veto in percent), this round's answers
// and the latest failures with their reasons, so a webmaster sees why the share moved.

export interface ProbeReport {
  portal: { id: string; name: string };
  window: AvailabilityWindow;
  level: AvailabilityLevel;
  lines: { warningPercent: number; vetoPercent: number; minProbes: number };
  round: ProbeResult[];
}

export function probeReportOf(r: PortalProbeRound): ProbeReport {
  const t = resolveThresholds(r.portal);
  const lines = { warningPercent: t.unreachableWarningPercent, vetoPercent: t.unreachableVetoPercent };
  return {
    portal: { id: r.portal.id, name: r.portal.name },
    window: r.window,
    level: availabilityLevel(r.window, lines),
    lines: { ...lines, minProbes: MIN_PROBES },
    round: r.results,
  };
}

/** One document for the whole round. */
export function probeJson(reports: ProbeReport[], at: Date) {
  return {
    at: at.toISOString(),
    portals: reports.map((r) => {
      const { recentFailures, ...week } = r.window;
      return {
        portal: r.portal.id,
        name: r.portal.name,
        level: r.level,
        week: { ...week, percent: failurePercent(r.window) },
        lines: r.lines,
        round: r.round,
        recentFailures,
      };
    }),
  };
}

const LEVEL_TEXT: Record<Exclude<AvailabilityLevel, 'insufficient-data'>, string> = {
  ok: '✓ 正常',
  warning: '⚠ 预警',
  veto: '✖ 达到否决线',
};

export function probeText(r: ProbeReport): string {
  const w = r.window;
  const level =
    r.level === 'insufficient-data'
      ? `数据不足：${w.probes} 次探测，需至少 ${r.lines.minProbes} 次才按检查口径计算`
      : `${LEVEL_TEXT[r.level]}（预警线 ${r.lines.warningPercent} %，否决线 ${r.lines.vetoPercent} %）`;
  const out = [
    `${r.portal.name} (${r.portal.id}) · 探测于 ${formatShanghai(r.round[0]?.at ?? new Date().toISOString())}（北京时间）`,
    `  站点无法访问：${w.from} 至 ${w.to} 首页探测 ${w.probes} 次，失败 ${w.failures} 次（${failurePercent(w)} %）· ${level}`,
  ];
  if (w.streak > 0) out.push(`  首页已连续 ${w.streak} 次探测失败`);
  out.push('  本轮：');
  for (const p of r.round) out.push(`    ${p.ok ? '✓' : '✗'} ${outcome(p)} · ${p.ms} ms  ${p.url}`);
  if (w.recentFailures.length > 0) {
    out.push(`  最近失败（首页，最新在前，最多 10 次）：`);
    for (const f of w.recentFailures) out.push(`    ${formatShanghai(f.at)}  ${outcome(f)} · ${f.ms} ms`);
  }
  return out.join('\n');
}

/** "HTTP 200", "timeout after 15000 ms", "empty: HTTP 200 with an empty body". */
function outcome(p: Pick<ProbeFailure, 'reason' | 'status' | 'error'> & { ok?: boolean }): string {
  if (p.ok) return `HTTP ${p.status ?? 200}`;
  if (p.reason === 'http' || !p.error) return p.error ?? p.reason ?? 'failed';
  return p.error.startsWith(p.reason ?? '') ? p.error : `${p.reason}: ${p.error}`;
}
