import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFinding } from '../../functions/rules/finding.ts';
import { reconcileAndSave } from '../../functions/scan/save-findings.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { fixtureConfig } from '../support/finding-fixtures.ts';
import { findingsCli } from '../support/findings-cli.ts';

// `disclosure-watch findings confirm` as a user runs it: a real process against DynamoDB Local.

const ME = `local:${userInfo().username}`;
const PAGE = 'http://gtj.example.gov.cn/gzdt/9.html';
const SERIOUS = makeFinding('gtj', {
  rule: 'wording-error',
  severity: 'veto',
  subject: `${PAGE}#leader:韩志刚`,
  url: PAGE,
  title: '我局召开年度工作会议',
  message: '局长姓名写错',
  action: '核实并更正',
  evidence: { kind: 'leader', matched: '韩志钢', correction: '韩志刚', confirmation: 'pending' },
});

describe('disclosure-watch findings confirm', () => {
  let repo: Repository;
  let configFile: string;
  const run = findingsCli(
    () => repo,
    () => configFile,
  );

  beforeAll(async () => {
    repo = await testRepository('findings-confirm-cli');
    await reconcileAndSave(repo, 'gtj', [], [SERIOUS], { scanId: 's1', asOf: '2018-01-14' });
    configFile = join(mkdtempSync(join(tmpdir(), 'dw-confirm-')), 'portals.json');
    writeFileSync(configFile, JSON.stringify(fixtureConfig()));
  });
  afterAll(() => repo.destroy());

  it('lists an unconfirmed match as 待人工确认, confirms it under the local user, and refuses a second confirmation', async () => {
    const before = await run(['list', '--portal', 'gtj']);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('[否决][待人工确认]');

    const noBy = await run(['confirm', SERIOUS.id.slice(0, 8)]);
    expect(noBy.code).toBe(2);
    expect(noBy.stderr).toContain('--by NAME is required');

    const ok = await run(['confirm', SERIOUS.id.slice(0, 8), '--by', '王丽', '--note', '核对属实']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(SERIOUS.id);
    expect((await repo.getFinding('gtj', SERIOUS.id))!.confirmed).toMatchObject({
      by: '王丽',
      identity: ME,
      note: '核对属实',
    });

    const after = await run(['list', '--portal', 'gtj']);
    expect(after.stdout).not.toContain('待人工确认');
    const json = JSON.parse((await run(['history', SERIOUS.id, '--format', 'json'])).stdout);
    expect(json.confirmed).toMatchObject({ by: '王丽' });

    const again = await run(['confirm', SERIOUS.id, '--by', '王丽']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already confirmed');
    expect(again.stderr).toContain('Nothing was written.');
  });
});
