import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigests, loadDigest, type ComposedDigest } from '../../functions/digest/compose.ts';
import type { DigestView } from '../../functions/digest/view-model.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { AS_OF, linesAfter, workFindings, workPortal, workScan, workScore } from '../support/digest-work.ts';
import { testRepository } from '../support/dynamo.ts';

// The digest as the Monday job composes it: findings and the latest scan read back from DynamoDB
// Local, so statuses, decisions and dates survive the store exactly as the digest needs them.

describe('composing the week’s digests from the store', () => {
  let repo: Repository;
  let view: DigestView;
  let copies: ComposedDigest[];

  beforeAll(async () => {
    repo = await testRepository('digest-compose');
    await repo.putFindings(workPortal.id, workFindings);
    await repo.putScan(workScan);
    view = await loadDigest(repo, workPortal, AS_OF, { score: workScore });
    copies = composeDigests(view, workPortal, { name: '监测', email: 'dw@example.gov.cn' });
  });
  afterAll(() => repo?.destroy());

  it('reads the stored findings as work: counted, overdue per department, escalated', () => {
    expect(view.counts).toEqual({ added: 4, resolved: 1, open: 7 });
    expect(view.overdue.map((d) => [d.department, d.count, d.oldest.id])).toEqual([
      ['土地利用科', 2, 'minor-past-2x'],
      ['办公室', 2, 'veto-past-2x'],
      ['法规科', 1, 'minor-at-2x'],
    ]);
    expect(view.escalations.map((f) => f.id)).toEqual(['minor-past-2x', 'veto-past-2x']);
    expect(view.ignored).toEqual({ total: 3, byReason: { 'false-positive': 2, 'not-applicable': 0, accepted: 1 } });
    expect(view.risks[0]).toMatchObject({ item: 'privacy-exposure', level: 'veto' });
  });

  it('gives each recipient their copy: 督办 for the leader, own department first for its head', () => {
    expect(copies.map((c) => [c.recipient.role, c.text.includes('== 督办'), c.text.includes('== 本科室')])).toEqual([
      ['leader', true, false],
      ['department', false, true],
      ['webmaster', false, false],
    ]);
    expect(linesAfter(copies[1]!.text, '== 逾期整改（按科室）==', 1)[0]).toMatch(/^ {2}法规科（本科室，信息员 李强）/);
    for (const c of copies) {
      expect(c.text).toContain('检查评分估算 72 分（合格）· 8周趋势 65 → 66 → 66 → 70 → 71 → 72 ↑ · 估算');
      expect(c.text).toContain('另有 3 项已忽略（误报 2，不适用 0，已接受 1）');
      expect(c.text).toContain('已确认（李四）');
      expect(c.text).not.toContain('ignored-fp-old');
      expect(c.eml).toContain('Content-Type: multipart/alternative;');
    }
  });

  it('shows no score line when the caller has no estimate', async () => {
    const plain = await loadDigest(repo, workPortal, AS_OF);
    expect(plain.score).toBeNull();
    expect(composeDigests(plain, workPortal, { name: '监测', email: 'dw@example.gov.cn' })[0]!.text).not.toContain(
      '检查评分',
    );
  });
});
