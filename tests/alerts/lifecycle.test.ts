import { describe, expect, it } from 'vitest';
import { advanceAlerts, dueNotices, type QuietHours } from '../../functions/alerts/lifecycle.ts';
import type { AlertCondition, AlertState } from '../../functions/model/alert-state.ts';

const outage: AlertCondition = {
  key: 'outage:homepage',
  level: 'veto',
  title: '首页连续 2 次探测无法访问',
  evidence: [],
  owner: { department: '网站整体（信息中心）' },
  action: '恢复首页',
  url: 'http://gtj.example.gov.cn/',
};
const warning = (key = 'risk:empty-column'): AlertCondition => ({
  ...outage,
  key,
  level: 'warning',
  title: '空白栏目：3',
});
const veto = (): AlertCondition => ({ ...warning(), level: 'veto' });
const noQuiet: QuietHours = (_level, now) => now;
/** Warnings wait until 07:00 Asia/Shanghai (23:00 UTC) when they arise between 22:00 and 07:00. */
const nightQuiet: QuietHours = (level, now) => {
  const h = (now.getUTCHours() + 8) % 24;
  if (level === 'veto' || (h >= 7 && h < 22)) return now;
  const end = new Date(now);
  end.setUTCHours(23, 0, 0, 0);
  if (end <= now) end.setUTCDate(end.getUTCDate() + 1);
  return end;
};

/** Runs rounds against an in-memory list of states, sending what is due; returns the messages sent. */
function replay(rounds: { at: string; conditions: AlertCondition[] }[], quiet: QuietHours) {
  let states: AlertState[] = [];
  const sent: string[] = [];
  for (const r of rounds) {
    const now = new Date(r.at);
    for (const next of advanceAlerts(r.conditions, states, now, quiet)) {
      states = [...states.filter((s) => s.key !== next.key), { ...next, version: next.version + 1 }];
    }
    for (const s of dueNotices(states, now)) {
      sent.push(`${s.key} ${s.notice!.kind} ${s.notice!.level} #${s.opening} ${r.at}`);
      states = states.map((x) =>
        x.key === s.key
          ? { ...x, version: x.version + 1, notice: { ...x.notice!, status: 'sent' as const, sentAt: r.at } }
          : x,
      );
    }
  }
  return { sent, states };
}

const at = (h: number, m = 0) => `2018-01-15T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;

describe('alert lifecycle', () => {
  it('alerts a flapping homepage once per opening and once per clearing, never twice', () => {
    const { sent } = replay(
      [
        { at: at(1), conditions: [outage] },
        { at: at(1, 30), conditions: [outage] },
        { at: at(2), conditions: [outage] },
        { at: at(2, 30), conditions: [] },
        { at: at(3), conditions: [] },
        { at: at(3, 30), conditions: [outage] },
        { at: at(4), conditions: [] },
      ],
      noQuiet,
    );
    expect(sent).toEqual([
      `outage:homepage opened veto #1 ${at(1)}`,
      `outage:homepage cleared veto #1 ${at(2, 30)}`,
      `outage:homepage opened veto #2 ${at(3, 30)}`,
      `outage:homepage cleared veto #2 ${at(4)}`,
    ]);
  });

  it('announces a warning that turns veto once more, and a falling level not at all', () => {
    const { sent } = replay(
      [
        { at: at(2), conditions: [warning()] },
        { at: at(3), conditions: [veto()] },
        { at: at(4), conditions: [warning()] },
        { at: at(5), conditions: [veto()] },
      ],
      noQuiet,
    );
    expect(sent).toEqual([
      `risk:empty-column opened warning #1 ${at(2)}`,
      `risk:empty-column escalated veto #1 ${at(3)}`,
    ]);
  });

  it('upgrades a warning held by quiet hours when the veto follows: one message, at once', () => {
    const { sent } = replay(
      [
        { at: at(15), conditions: [warning()] }, // 23:00 Shanghai: held
        { at: at(16), conditions: [veto()] }, // veto ignores quiet hours
        { at: at(23, 30), conditions: [veto()] },
      ],
      nightQuiet,
    );
    expect(sent).toEqual([`risk:empty-column opened veto #1 ${at(16)}`]);
  });

  it('holds a warning through quiet hours and sends it when they end', () => {
    const { sent } = replay(
      [
        { at: at(15), conditions: [warning()] }, // 23:00 Shanghai
        { at: at(20), conditions: [warning()] }, // 04:00
        { at: at(23), conditions: [warning()] }, // 07:00
      ],
      nightQuiet,
    );
    expect(sent).toEqual([`risk:empty-column opened warning #1 ${at(23)}`]);
  });

  it('withdraws a held warning whose condition ended before it could go out: no alert and no 已恢复', () => {
    const { sent, states } = replay(
      [
        { at: at(15), conditions: [warning()] },
        { at: at(18), conditions: [] },
        { at: at(23), conditions: [] },
      ],
      nightQuiet,
    );
    expect(sent).toEqual([]);
    expect(states[0]).toMatchObject({ status: 'cleared', notice: undefined });
  });

  it('keeps a condition that came back before its held 已恢复 went out as one opening', () => {
    const { sent, states } = replay(
      [
        { at: at(10), conditions: [warning()] }, // 18:00 Shanghai: sent
        { at: at(15), conditions: [] }, // 23:00: 已恢复 held
        { at: at(17), conditions: [warning()] }, // back at 01:00: the 已恢复 is withdrawn
        { at: at(23), conditions: [warning()] },
      ],
      nightQuiet,
    );
    expect(sent).toEqual([`risk:empty-column opened warning #1 ${at(10)}`]);
    expect(states[0]).toMatchObject({ status: 'open', opening: 1 });
  });

  it('changes nothing while a condition simply goes on', () => {
    const first = advanceAlerts([outage], [], new Date(at(1)), noQuiet);
    const stored = first.map((s) => ({ ...s, version: 1, notice: { ...s.notice!, status: 'sent' as const } }));
    expect(advanceAlerts([outage], stored, new Date(at(1, 30)), noQuiet)).toEqual([]);
  });
});
