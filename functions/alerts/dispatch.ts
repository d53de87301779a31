import { isCounted } from '../model/finding.ts';
import { addDays, todayInShanghai } from '../calendar/dates.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { AlertState } from '../model/alert-state.ts';
import type { AvailabilityWindow } from '../model/availability.ts';
import { availabilityWindow, WINDOW_DAYS } from '../rules/availability.ts';
import { resolveThresholds } from '../rules/thresholds.ts';
import { vetoRisks, type VetoRisk } from '../rules/veto-risk.ts';
import type { Repository } from '../store/repository.ts';
import type { Alert } from './alert.ts';
import { alertConditions } from './conditions.ts';
import { advanceAlerts, dueNotices } from './lifecycle.ts';
import { quietHoursOf, sendableAt } from './quiet-hours.ts';
import { formatShanghai } from './shanghai-clock.ts';

// The alerts due for one portal now, from what the store knows: the latest scan's veto items
// (with availability taken afresh from the probes, which move between scans), the open findings
// and the probe week. Called at the end of every evaluation and probe round in AWS, by
// `disclosure-watch alerts` and by `serve --schedule` locally. Every state change is a
// conditional write, so runs that overlap announce each opening once between them.

/** Where announced alerts go: the channels, or files for a dry run. */
export interface AlertSink {
  /**
   * Delivers one alert; `only` limits it to the targets that failed before (a retry). Targets
   * are named by the sink (`channel#2:director@…`); it never throws for a refusal.
   */
  deliver(alert: Alert, only?: ReadonlySet<string>): Promise<SinkResult>;
}

export interface SinkResult {
  delivered: string[];
  failed: { target: string; error: string }[];
  /** Sent, but not confirmed (a connection that broke after sending): never re-sent automatically. */
  unconfirmed: string[];
}

export interface DispatchReport {
  portalId: string;
  /** Keys whose state changed this run: opened, escalated, cleared or withdrawn. */
  changed: string[];
  sent: { key: string; kind: Alert['kind']; level: Alert['level']; title: string; targets: string[] }[];
  /** Notices waiting for quiet hours to end, with when they may go. */
  held: { key: string; notBefore: string }[];
  failed: { key: string; target: string; error: string }[];
}

export interface DispatchInput {
  portal: PortalConfig;
  now: Date;
  /** The probe week when the caller has it (a probe round); read from the store otherwise. */
  window?: AvailabilityWindow;
}

export async function dispatchAlerts(
  input: DispatchInput,
  deps: { repo: Repository; sink: AlertSink },
): Promise<DispatchReport> {
  const { portal, now } = input;
  const { repo } = deps;
  const today = todayInShanghai(now);
  const [states, findings, scans, window] = await Promise.all([
    repo.listAlertStates(portal.id),
    repo.listFindings(portal.id),
    repo.listScans(portal.id, 1),
    input.window ??
      repo
        .listProbeDays(portal.id, addDays(today, -(WINDOW_DAYS - 1)), today)
        .then((days) => availabilityWindow(days, today, portal.homepage)),
  ]);
  // Ignored findings are never alerted; acknowledged ones still are (someone is on it, the line still counts).
  const open = findings.filter(isCounted);
  const conditions = alertConditions({
    portal,
    risks: currentRisks(portal, scans[0]?.vetoRisks, window),
    findings: open,
    firstSeen: new Map(open.map((f) => [f.id, f.firstSeenAsOf])),
    window,
  });

  const quiet = quietHoursOf(portal.alerts?.quietHours);
  const report: DispatchReport = { portalId: portal.id, changed: [], sent: [], held: [], failed: [] };
  const current = new Map(states.map((s) => [s.key, s as AlertState]));
  for (const next of advanceAlerts(conditions, states, now, (level, at) => sendableAt(level, at, quiet))) {
    // Refused: another run wrote this alert since it was read, and announces what it found.
    if (!(await repo.putAlertState(portal.id, next))) {
      current.delete(next.key);
      continue;
    }
    current.set(next.key, { ...next, version: next.version + 1 });
    report.changed.push(next.key);
  }

  for (const s of current.values()) {
    if (
      s.notice &&
      (s.notice.status === 'pending' || s.notice.status === 'failed') &&
      s.notice.notBefore > now.toISOString()
    ) {
      report.held.push({ key: s.key, notBefore: s.notice.notBefore });
    }
  }
  for (const s of dueNotices([...current.values()], now)) await announce(portal, s, now, deps, report);
  return report;
}

/** The scan's veto items, with 站点无法访问 measured again on the probe week as it stands now. */
function currentRisks(portal: PortalConfig, scanned: VetoRisk[] | undefined, window: AvailabilityWindow): VetoRisk[] {
  const thresholds = resolveThresholds(portal);
  const fresh = vetoRisks([], thresholds, null, window).find((r) => r.item === 'site-unreachable')!;
  return [...(scanned ?? []).filter((r) => r.item !== 'site-unreachable'), fresh];
}

/** Claims the notice (a conditional write), sends it, and records what went out. */
async function announce(
  portal: PortalConfig,
  state: AlertState,
  now: Date,
  deps: { repo: Repository; sink: AlertSink },
  report: DispatchReport,
): Promise<void> {
  const notice = state.notice!;
  const retryOnly =
    notice.status === 'failed' && notice.failedTargets?.length ? new Set(notice.failedTargets) : undefined;
  const claimed: AlertState = { ...state, notice: { ...notice, status: 'sending' } };
  if (!(await deps.repo.putAlertState(portal.id, claimed))) return;
  const alert = alertOf(portal, state, now);
  const result = await deps.sink.deliver(alert, retryOnly);
  const failed = result.failed.map((f) => f.target);
  const settled: AlertState = {
    ...claimed,
    version: claimed.version + 1,
    notice:
      failed.length > 0
        ? { ...notice, status: 'failed', failedTargets: failed, error: result.failed[0]!.error }
        : result.unconfirmed.length > 0
          ? { ...notice, status: 'sending', error: `unconfirmed: ${result.unconfirmed.join(', ')}` }
          : { ...notice, status: 'sent', sentAt: now.toISOString(), failedTargets: undefined, error: undefined },
  };
  await deps.repo.putAlertState(portal.id, settled);
  if (result.delivered.length > 0 || result.unconfirmed.length > 0) {
    report.sent.push({
      key: state.key,
      kind: alert.kind,
      level: alert.level,
      title: alert.title,
      targets: [...result.delivered, ...result.unconfirmed],
    });
  }
  for (const f of result.failed) report.failed.push({ key: state.key, ...f });
}

/** The alert a notice announces; `since` is the opening's, so the messages of one opening share an id stem. */
export function alertOf(portal: PortalConfig, state: AlertState, now: Date): Alert {
  const notice = state.notice!;
  const c = state.condition;
  return {
    portalId: portal.id,
    portalName: portal.name,
    kind: notice.kind === 'cleared' ? 'cleared' : 'opened',
    level: notice.level,
    key: state.key,
    title: notice.kind === 'escalated' ? `升级为否决：${c.title}` : c.title,
    since: state.openedAt,
    // The opening names the alert (a finding that comes back is a new one); when the problem
    // itself began is evidence.
    evidence:
      c.since && c.since < state.openedAt
        ? [`始于 ${c.since.includes('T') ? formatShanghai(c.since) : c.since}`, ...c.evidence]
        : c.evidence,
    owner: c.owner,
    action: c.action,
    url: c.url,
    at: now.toISOString(),
  };
}
