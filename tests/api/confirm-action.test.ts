import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleApi, type ApiDeps } from '../../functions/api/router.ts';
import { decideFinding, DecisionRefused } from '../../functions/rectification/decide.ts';
import { reconcileAndSave } from '../../functions/scan/save-findings.ts';
import type { Finding } from '../../functions/model/finding.ts';
import { makeFinding } from '../../functions/rules/finding.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { fixtureConfig } from '../support/finding-fixtures.ts';

// The `confirm` 整改 action on DynamoDB Local: a person confirms a wording-error match pending
// confirmation; the confirmation is kept across scans and makes the match count toward its veto item.

const WANG = 'arn:aws:iam::111122223333:user/wang';
const URL = 'http://gtj.example.gov.cn/gzdt/7.html';
const wording = (
  evidence: Finding['evidence'],
  severity: 'veto' | 'minor' = 'veto',
  entry = 'serious-country-gonghe',
) =>
  makeFinding('gtj', {
    rule: 'wording-error',
    severity,
    subject: `${URL}#${entry}`,
    url: URL,
    title: '学习贯彻党的十九大精神',
    message: '出现严重表述错误',
    action: '核实并更正',
    evidence,
  });
const SERIOUS = wording({
  kind: 'serious',
  matched: '中华人民共合国',
  context: '新时代中华人民共合国发展',
  confirmation: 'pending',
});
const TYPO = wording({ kind: 'typo', matched: '秸杆', context: '开展秸杆禁烧' }, 'minor', 'typo-jiegan');

describe('the confirm action', () => {
  let repo: Repository;
  let deps: ApiDeps;
  const act = async (id: string, body: unknown, identity: string | undefined = WANG) => {
    const r = await handleApi(
      {
        method: 'POST',
        path: `/portals/gtj/findings/${id}/actions`,
        query: {},
        body: JSON.stringify(body),
        identity,
      },
      deps,
    );
    return { status: r.status, body: r.body as Record<string, unknown> & { error?: string } };
  };
  const scan = async (scanId: string, asOf: string, current: Finding[]) =>
    reconcileAndSave(repo, 'gtj', await repo.listFindings('gtj'), current, { scanId, asOf });

  beforeAll(async () => {
    repo = await testRepository('confirm-action');
    await scan('s1', '2018-01-14', [SERIOUS, TYPO]);
    deps = {
      config: fixtureConfig(),
      repo,
      checkBudgetMs: 1000,
      allowPrivateAddresses: true,
      now: () => new Date('2018-01-15T02:00:00Z'),
    };
  });
  afterAll(() => repo.destroy());

  it('shows an unconfirmed match as awaiting confirmation, outside the veto count', async () => {
    const stored = await repo.getFinding('gtj', SERIOUS.id);
    expect(vetoRisks([stored!], {} as never, 0, { probes: 0, failures: 0 }).at(-1)).toMatchObject({
      item: 'wording-error',
      count: 0,
      pending: 1,
      level: 'warning',
    });
  });

  it('records the confirmation under the caller, keeps the status, and answers the finding as confirmed', async () => {
    const r = await act(SERIOUS.id, { action: 'confirm', by: '王丽', note: '核对原文属实' });
    expect(r.status, r.body.error).toBe(200);
    expect(r.body).toMatchObject({
      id: SERIOUS.id,
      status: 'open',
      version: 2,
      confirmed: { by: '王丽', identity: WANG, at: '2018-01-15T02:00:00.000Z', note: '核对原文属实' },
      change: { from: 'open', to: 'open', by: '王丽', why: '核对原文属实' },
    });
    expect(r.body).not.toHaveProperty('awaitingConfirmation');
    const history = await repo.findingHistory('gtj', SERIOUS.id);
    expect(history.map((h) => [h.version, h.from, h.to, h.by, h.decision])).toEqual([
      [1, null, 'open', 'scan s1', false],
      [2, 'open', 'open', '王丽', true],
    ]);
  });

  it('refuses a second confirmation, a finding with nothing to confirm, and a body with an ignore reason — writing nothing', async () => {
    const again = await act(SERIOUS.id, { action: 'confirm' });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('already confirmed by 王丽');
    const typo = await act(TYPO.id, { action: 'confirm' });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toContain('needs no confirmation');
    const bad = await act(SERIOUS.id, { action: 'confirm', reason: 'accepted' });
    expect(bad.status).toBe(400);
    expect((await repo.getFinding('gtj', SERIOUS.id))!.version).toBe(2);
    expect((await repo.getFinding('gtj', TYPO.id))!.version).toBe(1);
  });

  it('keeps the confirmation across scans that see the same match (evidence still says pending), so it keeps counting', async () => {
    await scan('s2', '2018-01-15', [SERIOUS, TYPO]);
    await scan('s3', '2018-01-16', [{ ...SERIOUS, message: '出现严重表述错误（措辞更新）' }, TYPO]);
    const stored = (await repo.getFinding('gtj', SERIOUS.id))!;
    expect(stored.confirmed).toMatchObject({ by: '王丽' });
    expect(stored.evidence.confirmation).toBe('pending');
    expect(vetoRisks([stored], {} as never, 0, { probes: 0, failures: 0 }).at(-1)).toMatchObject({
      count: 1,
      level: 'veto',
    });
  });

  it('applies only to open or acknowledged findings: an ignored match is not confirmed', async () => {
    const other = wording({ kind: 'leader', confirmation: 'pending' }, 'veto', 'leader:韩志刚');
    await scan('s4', '2018-01-17', [SERIOUS, TYPO, other]);
    const someone = { by: '李强', identity: 'local:li' };
    await decideFinding(repo, 'gtj', other.id, { action: 'ignore', reason: 'false-positive' }, someone);
    const refused = decideFinding(repo, 'gtj', other.id, { action: 'confirm' }, someone);
    await expect(refused).rejects.toThrow(DecisionRefused);
    await expect(refused).rejects.toThrow(/is ignored; confirm applies only to open or acknowledged findings/);
  });
});
