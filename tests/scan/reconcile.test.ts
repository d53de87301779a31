import { describe, expect, it } from 'vitest';
import { reconcile } from '../../functions/scan/reconcile.ts';
import type { Finding } from '../../functions/model/finding.ts';

const finding = (id: string, message = '栏目为空'): Finding => ({
  id,
  portalId: 'p',
  rule: 'empty-column',
  severity: 'veto',
  subject: `column:${id}`,
  url: `http://x/${id}/`,
  title: id,
  message,
  action: '补充发布',
  evidence: { items: 0 },
});

describe('reconcile', () => {
  it('opens new findings, keeps unchanged ones without a write, resolves the missing and reopens the returning', () => {
    const s1 = reconcile([], [finding('a'), finding('b')], { scanId: 's1', asOf: '2018-01-01' });
    expect(s1.changed.map((f) => [f.id, f.status])).toEqual([
      ['a', 'open'],
      ['b', 'open'],
    ]);
    expect([...s1.newIds]).toEqual(['a', 'b']);

    const s2 = reconcile(s1.changed, [finding('a')], { scanId: 's2', asOf: '2018-01-02' });
    expect(s2.changed.map((f) => [f.id, f.status, f.resolvedScan])).toEqual([['b', 'resolved', 's2']]);
    expect(s2.counted.map((f) => f.id)).toEqual(['a']);
    expect(s2.counted[0]!.firstSeenScan).toBe('s1');

    const stored = [s1.changed[0]!, s2.changed[0]!];
    const s3 = reconcile(stored, [finding('a'), finding('b')], { scanId: 's3', asOf: '2018-01-03' });
    expect(s3.changed.map((f) => [f.id, f.status, f.reopened])).toEqual([['b', 'open', 1]]);
    expect(s3.changed[0]!.resolvedScan).toBeUndefined();
    expect(s3.newIds.size).toBe(0);
  });

  it('rewrites an open finding whose evidence changed, keeping its first-seen scan', () => {
    const s1 = reconcile([], [finding('a')], { scanId: 's1', asOf: '2018-01-01' });
    const s2 = reconcile(
      s1.changed,
      [{ ...finding('a', '栏目仍为空，列表有 1 页'), evidence: { items: 0, listPages: 1 } }],
      { scanId: 's2', asOf: '2018-01-02' },
    );
    expect(s2.changed).toHaveLength(1);
    expect(s2.changed[0]).toMatchObject({
      message: '栏目仍为空，列表有 1 页',
      firstSeenScan: 's1',
      lastChangedScan: 's2',
      lastChangedAsOf: '2018-01-02',
      status: 'open',
    });
  });

  it('keeps a stale finding current as it ages, but only a real change moves lastChanged (what ?since= reads)', () => {
    const stale = (ageDays: number, newest: string): Finding => ({
      ...finding('s'),
      rule: 'stale-column',
      severity: 'major',
      message: `最新信息发布于 ${newest}，已 ${ageDays} 天未更新`,
      evidence: { newest, ageDays, maxAgeDays: 90 },
    });
    const s1 = reconcile([], [stale(100, '2017-09-23')], { scanId: 's1', asOf: '2018-01-01' });
    const s2 = reconcile(s1.changed, [stale(101, '2017-09-23')], { scanId: 's2', asOf: '2018-01-02' });
    expect(s2.changed).toHaveLength(1); // the stored text says 101 days, not 100
    expect(s2.changed[0]).toMatchObject({
      message: expect.stringContaining('101 天') as string,
      evidence: { ageDays: 101 },
      lastChangedScan: 's1',
      lastChangedAsOf: '2018-01-01',
    });
    const s3 = reconcile(s2.changed, [stale(95, '2017-09-29')], { scanId: 's3', asOf: '2018-01-03' });
    expect(s3.changed[0]).toMatchObject({ lastChangedScan: 's3', lastChangedAsOf: '2018-01-03' }); // a newer item, still stale
  });

  it('treats evidence read back from DynamoDB with its keys in another order as unchanged', () => {
    const f = { ...finding('k'), evidence: { newest: '2017-09-23', ageDays: 100, items: 3 } };
    const s1 = reconcile([], [f], { scanId: 's1', asOf: '2018-01-01' });
    const stored = { ...s1.changed[0]!, evidence: { items: 3, ageDays: 100, newest: '2017-09-23' } };
    const s2 = reconcile([stored], [f], { scanId: 's2', asOf: '2018-01-02' });
    expect(s2.changed).toEqual([]);
  });

  it('counts a finding once even when a rule reports the same subject twice', () => {
    const r = reconcile([], [finding('a'), finding('a')], { scanId: 's1', asOf: '2018-01-01' });
    expect(r.counted).toHaveLength(1);
  });
});
