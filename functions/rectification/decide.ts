import { todayInShanghai } from '../calendar/dates.ts';
import { awaitsConfirmation, type FindingStatus, type HistoryEntry, type IgnoreReason } from '../model/finding.ts';
import type { StoredFinding } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { decisionSubstance } from './substance.ts';

// A person's decision on a finding (整改): acknowledge it (someone is on it), ignore it (a false
// positive, not applicable, an accepted risk — until a day, or until its evidence changes), or
// reopen either. Written over the version the person read, so two people acting at once cannot
// lose either action: the later one is refused with a conflict and reads again.

export type FindingAction =
  | { action: 'ack'; note?: string }
  | { action: 'ignore'; reason: IgnoreReason; note?: string; until?: string }
  | { action: 'reopen'; note?: string }
  // A person read a match pending confirmation (wording-error) in context: it is a real error.
  | { action: 'confirm'; note?: string };

export interface Actor {
  /** A display name the person gave. */
  by: string;
  /** Who they are as the system knows it: the caller's IAM ARN, or the local user for the CLI. */
  identity: string;
}

export const IGNORE_REASON_LABELS: Readonly<Record<IgnoreReason, string>> = {
  'false-positive': '误报',
  'not-applicable': '不适用',
  accepted: '已接受',
};

/** Why a decision was refused; `status` is the HTTP status the API answers with. */
export class DecisionRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionRefused';
  }
}

const ALLOWED_FROM: Readonly<Record<FindingAction['action'], readonly FindingStatus[]>> = {
  ack: ['open'],
  // A resolved finding may be ignored too: a false positive that comes and goes stays dismissed.
  ignore: ['open', 'acknowledged', 'resolved'],
  reopen: ['acknowledged', 'ignored'],
  confirm: ['open', 'acknowledged'],
};

const TARGET: Readonly<Record<FindingAction['action'], FindingStatus>> = {
  ack: 'acknowledged',
  ignore: 'ignored',
  reopen: 'open',
  confirm: 'open', // unused: a confirmation keeps the status (confirmOf)
};

/** The finding after the decision and its history entry, or a DecisionRefused. Pure. */
export function applyDecision(
  f: StoredFinding,
  a: FindingAction,
  actor: Actor,
  now: Date,
): { finding: StoredFinding; entry: HistoryEntry } {
  const asOf = todayInShanghai(now);
  if (!ALLOWED_FROM[a.action].includes(f.status))
    throw new DecisionRefused(
      409,
      `finding ${f.id} is ${f.status}; ${a.action} applies only to ${ALLOWED_FROM[a.action].join(' or ')} findings` +
        (f.status === 'resolved' ? ' (a scan reopens it by itself if the problem comes back)' : ''),
    );
  if (a.action === 'confirm') return confirmOf(f, a.note, actor, now);
  if (a.action === 'ignore' && a.until !== undefined && a.until < asOf)
    throw new DecisionRefused(400, `until ${a.until} is in the past (today is ${asOf}); give a day from today on`);
  const at = now.toISOString();
  const version = (f.version ?? 0) + 1;
  const to = TARGET[a.action];
  const finding: StoredFinding = {
    ...f,
    status: to,
    version,
    decision:
      a.action === 'reopen'
        ? undefined
        : {
            action: a.action,
            by: actor.by,
            identity: actor.identity,
            at,
            ...(a.action === 'ignore' ? { reason: a.reason, until: a.until } : {}),
            note: a.note,
            substance: decisionSubstance(f),
          },
    // Work ignored was not counted: reopened, its due date counts from today.
    ...(a.action === 'reopen' && f.status === 'ignored' ? { openedAsOf: asOf } : {}),
  };
  const why =
    a.note ??
    (a.action === 'ack'
      ? '已确认，整改中'
      : a.action === 'ignore'
        ? `忽略：${IGNORE_REASON_LABELS[a.reason]}`
        : '重新打开');
  const entry: HistoryEntry = {
    findingId: f.id,
    version,
    at,
    asOf,
    from: f.status,
    to,
    by: actor.by,
    identity: actor.identity,
    why,
    ...(a.action === 'ignore' ? { reason: a.reason, until: a.until } : {}),
    note: a.note,
    decision: true,
  };
  return { finding, entry };
}

/** A confirmation: the status stays (open or acknowledged), the finding now counts toward its veto item and the score. */
function confirmOf(f: StoredFinding, note: string | undefined, actor: Actor, now: Date) {
  if (f.confirmed)
    throw new DecisionRefused(409, `finding ${f.id} was already confirmed by ${f.confirmed.by} at ${f.confirmed.at}`);
  if (!awaitsConfirmation(f))
    throw new DecisionRefused(
      400,
      `finding ${f.id} (${f.rule}) needs no confirmation: only a match pending confirmation (a serious wording-error) is confirmed`,
    );
  const at = now.toISOString();
  const version = (f.version ?? 0) + 1;
  const finding: StoredFinding = {
    ...f,
    version,
    confirmed: { by: actor.by, identity: actor.identity, at, ...(note ? { note } : {}) },
  };
  const entry: HistoryEntry = {
    findingId: f.id,
    version,
    at,
    asOf: todayInShanghai(now),
    from: f.status,
    to: f.status,
    by: actor.by,
    identity: actor.identity,
    why: note ?? '人工确认：属实的严重表述错误，计入单项否决',
    note,
    decision: true,
  };
  return { finding, entry };
}

/**
 * Applies a person's decision to a stored finding. `expectedVersion`: the version the person saw
 * (the API's and CLI's listing show it); without it, the version read here.
 */
export async function decideFinding(
  repo: Repository,
  portalId: string,
  findingId: string,
  action: FindingAction,
  actor: Actor,
  opts: { now?: Date; expectedVersion?: number } = {},
): Promise<{ finding: StoredFinding; entry: HistoryEntry }> {
  const stored = await repo.getFinding(portalId, findingId);
  if (!stored) throw new DecisionRefused(404, `no finding ${findingId} in portal ${portalId}`);
  const current = stored.version ?? 0;
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== current)
    throw conflict(stored, opts.expectedVersion);
  const decided = applyDecision(stored, action, actor, opts.now ?? new Date());
  if (!(await repo.writeFinding(portalId, decided.finding, decided.entry))) {
    const now = await repo.getFinding(portalId, findingId);
    throw conflict(now ?? stored, current);
  }
  return decided;
}

function conflict(now: StoredFinding, readVersion: number): DecisionRefused {
  const who = now.decision ? ` by ${now.decision.by} at ${now.decision.at}` : '';
  return new DecisionRefused(
    409,
    `finding ${now.id} changed since version ${readVersion}: it is now version ${now.version ?? 0}, ${now.status}${who}; ` +
      'read it again and repeat the action if it still applies',
  );
}
