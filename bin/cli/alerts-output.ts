import type { DispatchReport } from '../../functions/alerts/dispatch.ts';
import { formatShanghai } from '../../functions/alerts/shanghai-clock.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';

// What an alerts run did, per portal: what went out (and to whom, or into which files), what
// waits for quiet hours to end, and which targets refused. Targets are named by channel and
// address (`wecom#1`, `ses#0:director@…`), never by a robot URL, which holds its key.

/** One portal's dispatch, as the command reports it. */
export interface PortalAlertRun {
  portal: PortalConfig;
  report: DispatchReport;
  /** The files each alert key was written to (dry run). */
  files: Map<string, string[]>;
  /** Why nothing was decided for the portal, when so. */
  note?: string;
}

const KIND_TEXT = { opened: '提醒', cleared: '已恢复' } as const;
const LEVEL_TEXT = { warning: '预警', veto: '否决' } as const;

export function alertsText(run: PortalAlertRun, now: Date): string {
  const { portal, report } = run;
  const out = [`${portal.name} (${portal.id}) · 即时提醒 ${formatShanghai(now.toISOString())}（北京时间）`];
  if (run.note) out.push(`  未处理：${run.note}`);
  else if (report.sent.length + report.held.length + report.failed.length === 0) out.push('  无新的提醒');
  for (const s of report.sent) {
    out.push(`  ✉ ${KIND_TEXT[s.kind]}（${LEVEL_TEXT[s.level]}）${s.title}  [${s.key}]`);
    const files = run.files.get(s.key);
    for (const t of files?.length ? files : s.targets) out.push(`      → ${t}`);
  }
  for (const h of report.held) out.push(`  ⏸ ${h.key}：免打扰时段，${formatShanghai(h.notBefore)} 后发送`);
  for (const f of report.failed) out.push(`  ✗ ${f.key} → ${f.target}：${f.error}（下次运行重试）`);
  return out.join('\n');
}

export function alertsJson(runs: PortalAlertRun[], now: Date) {
  return {
    at: now.toISOString(),
    portals: runs.map((r) => ({
      portal: r.portal.id,
      ...(r.note ? { note: r.note } : {}),
      changed: r.report.changed,
      sent: r.report.sent.map((s) => ({ ...s, ...(r.files.has(s.key) ? { files: r.files.get(s.key) } : {}) })),
      held: r.report.held,
      failed: r.report.failed,
    })),
  };
}
