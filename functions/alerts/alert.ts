import { sha256 } from '../common/hash.ts';
import type { AlertLevel } from '../config/alerts-schema.ts';

// One same-day alert (即时提醒), as every channel receives it. The part that decides which alerts
// are due builds it; rendering and channels only read it. Personal data in `evidence` is masked by
// the builder, because the alert leaves the service (a group chat, a mailbox) the moment it is sent.

export type { AlertLevel };
/** The From name of every alert mail, whichever way it is sent. */
export const ALERT_SENDER_NAME = 'disclosure-watch 即时提醒';

export type AlertKind = 'opened' | 'cleared';

export interface Alert {
  portalId: string;
  portalName: string;
  /** `opened` when a problem first reaches its level; `cleared` is the one 已恢复 notice after it. */
  kind: AlertKind;
  level: AlertLevel;
  /** What opened, stable across runs: a finding id, or a veto item such as "site-unreachable". */
  key: string;
  /** Short Chinese headline, e.g. "站点无法访问：首页一周失败率 4.2 %（预警）". */
  title: string;
  /** ISO instant the problem started; with `key`, it names one opening. */
  since: string;
  /** A few short lines that show the problem, personal data already masked. */
  evidence: string[];
  /** Who must act: the department (网站整体（信息中心） for site-wide problems) and its officer. */
  owner: { department: string; officer?: string };
  /** What to do about it, one sentence. */
  action: string;
  /** Where to look: the page, column or homepage concerned. */
  url: string;
  /** ISO instant the alert was made (for `cleared`, when the problem was seen gone). */
  at: string;
}

/**
 * One id per opening and kind, for receivers that de-duplicate (Message-ID, Idempotency-Key). A
 * hash, because a key may hold a URL or Chinese text that has no place in a mail header.
 */
export function alertId(alert: Pick<Alert, 'portalId' | 'key' | 'since' | 'kind'>): string {
  return sha256(JSON.stringify([alert.portalId, alert.key, alert.since, alert.kind])).slice(0, 32);
}
