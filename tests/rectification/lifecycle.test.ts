import { describe, expect, it } from 'vitest';
import { applyDecision, DecisionRefused } from '../../functions/rectification/decide.ts';
import { reconcile } from '../../functions/scan/reconcile.ts';
import type { Finding } from '../../functions/model/finding.ts';
import type { StoredFinding } from '../../functions/store/records.ts';

// How scans and people's decisions meet (整改): a scan never undoes a decision, but new evidence
// or an ended ignore reopens a finding, with a history entry saying why.

const leak = (numbers: string[], title = '关于某某的公示'): Finding => ({
  id: 'leak',
  portalId: 'p',
  rule: 'privacy-exposure',
  severity: 'veto',
  subject: 'http://x/a.html',
  url: 'http://x/a.html',
  title,
  message: `页面公开了 ${numbers.length} 个身份证号码`,
  action: '删除或遮盖个人信息',
  columnId: 'tzgg',
  department: '办公室',
  evidence: { numbers },
});
const stale = (newest: string, ageDays: number): Finding => ({
  id: 'stale',
  portalId: 'p',
  rule: 'stale-column',
  severity: 'veto',
  subject: 'column:gzdt',
  url: 'http://x/gzdt/',
  title: '工作动态',
  message: `栏目 ${ageDays} 天未更新`,
  action: '更新栏目',
  columnId: 'gzdt',
  department: '办公室',
  evidence: { newest, ageDays, kind: 'news' },
});

const person = { by: '王科长', identity: 'arn:aws:iam::111122223333:user/wang' };
const scan = (n: number, asOf: string) => ({ scanId: `s${n}`, asOf, at: `${asOf}T01:00:00.000Z` });
/** The finding as the first scan stores it. */
const first = (f: Finding): StoredFinding => reconcile([], [f], scan(1, '2018-01-02')).changed[0]!;
const at = (day: string) => new Date(`${day}T02:00:00.000Z`);

describe('reconcile with people’s decisions', () => {
  it('gives a new finding version 1, its opening day and a history entry naming the scan', () => {
    const r = reconcile([], [leak(['220581********1234'])], scan(1, '2018-01-02'));
    expect(r.changed[0]).toMatchObject({ status: 'open', version: 1, openedAsOf: '2018-01-02' });
    expect(r.history).toEqual([
      expect.objectContaining({ findingId: 'leak', version: 1, from: null, to: 'open', by: 'scan s1', scanId: 's1' }),
    ]);
    expect(r.history[0]!.decision).toBe(false);
  });

  it('keeps an ignored finding ignored, out of the counted list, while its evidence is the same in substance', () => {
    const ignored = applyDecision(
      first(stale('2017-12-01', 32)),
      { action: 'ignore', reason: 'accepted' },
      person,
      at('2018-01-02'),
    ).finding;
    // One day staler and retitled counts nothing new.
    const r = reconcile([ignored], [{ ...stale('2017-12-01', 33), title: '工作动态（新）' }], scan(2, '2018-01-03'));
    expect(r.counted).toEqual([]);
    expect(r.ignored.map((f) => [f.id, f.status])).toEqual([['stale', 'ignored']]);
    expect(r.history).toEqual([]);
    expect(r.changed[0]).toMatchObject({ status: 'ignored', version: 3, message: '栏目 33 天未更新' });
  });

  it('reopens an ignored leak when a new number appears on the same page, saying what changed', () => {
    const ignored = applyDecision(
      first(leak(['220581********1234'])),
      { action: 'ignore', reason: 'false-positive', note: '是样例号码' },
      person,
      at('2018-01-02'),
    ).finding;
    const r = reconcile([ignored], [leak(['220581********1234', '110101********0011'])], scan(2, '2018-01-03'));
    expect(r.counted.map((f) => [f.id, f.status, f.openedAsOf, f.decision])).toEqual([
      ['leak', 'open', '2018-01-03', undefined],
    ]);
    expect(r.history).toHaveLength(1);
    expect(r.history[0]).toMatchObject({ from: 'ignored', to: 'open', by: 'scan s2', decision: true });
    expect(r.history[0]!.why).toContain('证据已变化');
    expect(r.history[0]!.why).toContain('110101********0011');
  });

  it('reopens an ignored stale column when it is stale for a different newest item', () => {
    const ignored = applyDecision(
      first(stale('2017-12-01', 32)),
      { action: 'ignore', reason: 'accepted' },
      person,
      at('2018-01-02'),
    ).finding;
    const r = reconcile([ignored], [stale('2017-12-10', 24)], scan(2, '2018-01-03'));
    expect(r.counted.map((f) => f.status)).toEqual(['open']);
    expect(r.history[0]!.why).toContain('newest: 2017-12-01 → 2017-12-10');
  });

  it('reopens an ignored finding the day after its end date, and not before', () => {
    const ignored = applyDecision(
      first(leak(['220581********1234'])),
      { action: 'ignore', reason: 'accepted', until: '2018-01-10' },
      person,
      at('2018-01-02'),
    ).finding;
    expect(reconcile([ignored], [leak(['220581********1234'])], scan(2, '2018-01-10')).ignored).toHaveLength(1);
    const after = reconcile([ignored], [leak(['220581********1234'])], scan(3, '2018-01-11'));
    expect(after.counted.map((f) => f.status)).toEqual(['open']);
    expect(after.history[0]).toMatchObject({
      from: 'ignored',
      to: 'open',
      why: '忽略期限 2018-01-10 已过',
      decision: true,
    });
  });

  it('keeps an ignored finding no longer seen as it is, and resolves it once its end date passed', () => {
    const ignored = applyDecision(
      first(leak(['220581********1234'])),
      { action: 'ignore', reason: 'accepted', until: '2018-01-10' },
      person,
      at('2018-01-02'),
    ).finding;
    expect(reconcile([ignored], [], scan(2, '2018-01-05')).changed).toEqual([]);
    const later = reconcile([ignored], [], scan(3, '2018-01-11'));
    expect(later.resolved.map((f) => [f.status, f.decision])).toEqual([['resolved', undefined]]);
    expect(later.history[0]!.why).toContain('忽略期限 2018-01-10 已过');
  });

  it('keeps an acknowledged finding acknowledged and counted while seen, and resolves it when a scan no longer sees it', () => {
    const acked = applyDecision(
      first(leak(['220581********1234'])),
      { action: 'ack', note: '已通知办公室' },
      person,
      at('2018-01-02'),
    ).finding;
    const seen = reconcile([acked], [leak(['220581********1234', '110101********0011'])], scan(2, '2018-01-03'));
    expect(seen.counted.map((f) => [f.status, f.decision?.note])).toEqual([['acknowledged', '已通知办公室']]);
    expect(seen.history).toEqual([]);
    const gone = reconcile([acked], [], scan(3, '2018-01-04'));
    expect(gone.resolved.map((f) => [f.status, f.resolvedAsOf, f.version])).toEqual([['resolved', '2018-01-04', 3]]);
    expect(gone.history[0]).toMatchObject({
      from: 'acknowledged',
      to: 'resolved',
      why: '扫描不再发现',
      decision: false,
    });
  });
});

describe('applyDecision', () => {
  const open = first(leak(['220581********1234']));

  it('records who, when and why on the finding and in its history entry', () => {
    const { finding, entry } = applyDecision(
      open,
      { action: 'ignore', reason: 'false-positive', note: '测试号码', until: '2018-03-01' },
      person,
      at('2018-01-02'),
    );
    expect(finding).toMatchObject({ status: 'ignored', version: 2 });
    expect(finding.decision).toMatchObject({
      action: 'ignore',
      by: '王科长',
      identity: person.identity,
      reason: 'false-positive',
      until: '2018-03-01',
    });
    expect(entry).toMatchObject({
      version: 2,
      from: 'open',
      to: 'ignored',
      by: '王科长',
      why: '测试号码',
      asOf: '2018-01-02',
      decision: true,
    });
  });

  it('refuses what does not apply to the status, naming the status', () => {
    expect(() => applyDecision(open, { action: 'reopen' }, person, at('2018-01-02'))).toThrow(
      /is open; reopen applies only to acknowledged or ignored/,
    );
    const acked = applyDecision(open, { action: 'ack' }, person, at('2018-01-02')).finding;
    expect(() => applyDecision(acked, { action: 'ack' }, person, at('2018-01-02'))).toThrow(DecisionRefused);
    const resolved: StoredFinding = { ...open, status: 'resolved' };
    expect(() => applyDecision(resolved, { action: 'ack' }, person, at('2018-01-02'))).toThrow(/comes back/);
  });

  it('refuses an end date in the past with a 400', () => {
    try {
      applyDecision(open, { action: 'ignore', reason: 'accepted', until: '2018-01-01' }, person, at('2018-01-02'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecisionRefused);
      expect((e as DecisionRefused).status).toBe(400);
    }
  });

  it('restarts the due date of a finding reopened from ignored, not of one reopened from acknowledged', () => {
    const ignored = applyDecision(open, { action: 'ignore', reason: 'accepted' }, person, at('2018-01-02')).finding;
    expect(applyDecision(ignored, { action: 'reopen' }, person, at('2018-02-01')).finding.openedAsOf).toBe(
      '2018-02-01',
    );
    const acked = applyDecision(open, { action: 'ack' }, person, at('2018-01-02')).finding;
    expect(applyDecision(acked, { action: 'reopen' }, person, at('2018-02-01')).finding.openedAsOf).toBe('2018-01-02');
  });
});
