import type { AlertCondition, AlertLevel, AlertState, Notice, NoticeKind } from '../model/alert-state.ts';

// The life of an alert: a condition that starts holding opens it and announces it once; a veto
// reached while it was a warning announces once more; a condition that stops holding clears it
// with one 已恢复 notice. Pure: given the conditions now and the stored states, it returns the
// states to write. Each write is conditional on the version it read, so two runs at once cannot
// both open, or both announce, the same thing.
//
// Quiet hours hold a notice (`notBefore`), they never drop one, with one exception that keeps
// flapping quiet: a notice that was never sent is withdrawn when the condition it announced
// ends before it went out (an opening that cleared while held, a clearing that reopened).

/** When a notice of this level may go out, given the moment it arose. */
export type QuietHours = (level: AlertLevel, now: Date) => Date;

const unsent = (n: Notice | undefined) => n !== undefined && (n.status === 'pending' || n.status === 'failed');

/** The states that change now (each to be written conditionally on the version it carries). */
export function advanceAlerts(
  conditions: readonly AlertCondition[],
  states: readonly AlertState[],
  now: Date,
  quiet: QuietHours,
): AlertState[] {
  const at = now.toISOString();
  const notice = (kind: NoticeKind, level: AlertLevel): Notice => ({
    kind,
    level,
    notBefore: quiet(level, now).toISOString(),
    status: 'pending',
  });
  const byKey = new Map(states.map((s) => [s.key, s]));
  const holding = new Map(conditions.map((c) => [c.key, c]));
  const changed: AlertState[] = [];

  for (const c of conditions) {
    const s = byKey.get(c.key);
    if (!s) {
      changed.push({
        key: c.key,
        version: 0,
        opening: 1,
        status: 'open',
        level: c.level,
        condition: c,
        openedAt: at,
        notice: notice('opened', c.level),
      });
    } else if (s.status === 'cleared') {
      if (s.notice?.kind === 'cleared' && unsent(s.notice)) {
        // Back before its 已恢复 went out: for the people told, it never ended.
        changed.push({
          ...s,
          status: 'open',
          level: maxLevel(s.level, c.level),
          condition: c,
          clearedAt: undefined,
          notice: undefined,
        });
      } else {
        changed.push({
          ...s,
          opening: s.opening + 1,
          status: 'open',
          level: c.level,
          condition: c,
          openedAt: at,
          clearedAt: undefined,
          notice: notice('opened', c.level),
        });
      }
    } else if (c.level === 'veto' && s.level === 'warning') {
      // An announcement still waiting is upgraded in place: one message, at the level reached.
      const kind = s.notice?.kind === 'opened' && unsent(s.notice) ? 'opened' : 'escalated';
      changed.push({ ...s, level: 'veto', condition: c, notice: notice(kind, 'veto') });
    }
  }

  for (const s of states) {
    if (s.status !== 'open' || holding.has(s.key)) continue;
    if (s.notice?.kind !== 'cleared' && unsent(s.notice)) {
      // Ended before anyone was told: withdraw the announcement rather than send two messages.
      changed.push({ ...s, status: 'cleared', clearedAt: at, notice: undefined });
    } else {
      changed.push({ ...s, status: 'cleared', clearedAt: at, notice: notice('cleared', s.level) });
    }
  }
  return changed;
}

/** Notices that may go out at `now`. */
export function dueNotices(states: readonly AlertState[], now: Date): AlertState[] {
  const at = now.toISOString();
  return states.filter((s) => unsent(s.notice) && s.notice!.notBefore <= at);
}

function maxLevel(a: AlertLevel, b: AlertLevel): AlertLevel {
  return a === 'veto' || b === 'veto' ? 'veto' : 'warning';
}
