import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, todayInShanghai } from '../../functions/calendar/dates.ts';
import type { Finding } from '../../functions/model/finding.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { BROKEN, EMPTY, fixtureConfig, GONE, seedFindings, STALE, UNDATED } from '../support/finding-fixtures.ts';
import { findingsCli } from '../support/findings-cli.ts';

// `disclosure-watch findings` as a user runs it: a real process against DynamoDB Local, over
// findings two real reconciles left in the store. Decisions are made "now" (the real clock), so
// an end date is given relative to today.

const ME = `local:${userInfo().username}`;

describe('disclosure-watch findings', () => {
  let repo: Repository;
  let configFile: string;
  let twins: [Finding, Finding];

  const run = findingsCli(
    () => repo,
    () => configFile,
  );
  const historyOf = (f: Finding) => repo.findingHistory('gtj', f.id);

  beforeAll(async () => {
    repo = await testRepository('findings-cli');
    ({ twins } = await seedFindings(repo));
    configFile = join(mkdtempSync(join(tmpdir(), 'dw-findings-')), 'portals.json');
    writeFileSync(configFile, JSON.stringify(fixtureConfig()));
  });
  afterAll(() => repo.destroy());

  it('lists the outstanding work overdue first, then by severity and age, with owner, due date and a count footer', async () => {
    const r = await run(['list', '--portal', 'gtj', '--as-of', '2018-01-15']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const rows = lines.filter((l) => /^ {2}[0-9a-f]{10}/.test(l));
    expect(rows.map((l) => l.trim().slice(0, 10))).toEqual(
      [EMPTY, STALE, UNDATED, BROKEN].map((f) => f.id.slice(0, 10)),
    );
    expect(rows[0]).toMatch(
      /open 待整改\s+\[否决\]\s+empty-column\s+办公室\/王丽\s+13天\s+2018-01-03 逾期8个工作日 OVERDUE\s+工作动态$/,
    );
    expect(rows[1]).toMatch(/\[重要\]\s+stale-column\s+土地利用科\/张明\s+13天\s+2018-01-09 逾期4个工作日 OVERDUE/);
    expect(rows[2]).toMatch(/\[一般\]\s+undated-item\s+土地利用科\/张明\s+13天\s+2018-01-16\s+关于"土地,出让"的公告$/);
    // Site-wide work is the webmaster's, named by the config's webmaster recipient.
    expect(rows[3]).toMatch(/broken-link\s+网站整体（信息中心）\/信息中心 刘工\s+5天\s+2018-01-24\s+专题链接$/);
    expect(r.stdout).toContain('4 项（open 4） · 逾期 2');
    expect(r.stdout).not.toContain(GONE.title);
  });

  it('filters by overdue, department, rule and status, and refuses a filter it does not know', async () => {
    const ids = async (...args: string[]) => {
      const r = await run(['list', '--portal', 'gtj', '--as-of', '2018-01-15', '--format', 'json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id);
    };
    expect(await ids('--overdue')).toEqual([EMPTY.id, STALE.id]);
    expect(await ids('--department', '土地利用科')).toEqual([STALE.id, UNDATED.id]);
    expect(await ids('--department=网站整体（信息中心）')).toEqual([BROKEN.id]);
    expect(await ids('--rule', 'undated-item')).toEqual([UNDATED.id]);
    expect(await ids('--status', 'resolved')).toEqual([GONE.id]);

    const bad = await run(['list', '--portal', 'gtj', '--status', 'closed']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--status: .*outstanding/);
    const which = await run(['list']);
    expect(which.code).toBe(2);
    expect(which.stderr).toContain('--portal ID is needed: the config has 2 portals: gtj, other');
  });

  it('prints the API’s JSON and an RFC 4180 CSV with full ids', async () => {
    const json = await run(['list', '--portal', 'gtj', '--as-of', '2018-01-15', '--format', 'json']);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ portal: 'gtj', asOf: '2018-01-15', count: 4, overdue: 2, ignored: 0 });
    expect(doc.findings[0]).toMatchObject({
      id: EMPTY.id,
      status: 'open',
      version: 1,
      owner: { department: '办公室', officer: '王丽' },
      due: '2018-01-03',
      overdue: true,
      ageDays: 13,
    });

    const csv = await run(['list', '--portal', 'gtj', '--as-of', '2018-01-15', '--format', 'csv']);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'id,portal,status,severity,rule,problem,department,officer,opened,age_days,due,overdue,working_days_overdue,version,title,url,decided_by,reason,until',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${EMPTY.id},gtj,open,veto,empty-column,P\\d+,办公室,王丽,2018-01-02,13,2018-01-03,true,8,1,工作动态,`,
      ),
    );
    expect(lines[3]).toContain(`,"关于""土地,出让""的公告",${UNDATED.url},,,`);
    expect(lines).toHaveLength(6); // header, 4 rows, and the empty string after the last CRLF
  });

  it('acks, refuses a second ack (exit 2, nothing written), ignores with a reason and an end date, reopens, and keeps the history', async () => {
    const prefix = STALE.id.slice(0, 7);
    const ack = await run(['ack', prefix, '--by', '张明', '--note', '已联系科室']);
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout).toContain(`open → acknowledged 整改中  ${STALE.id}（版本 2）土地市场`);
    expect(ack.stdout).toContain(`张明 [${ME}] · 已联系科室`);

    const again = await run(['ack', prefix, '--by', '张明']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`finding ${STALE.id} is acknowledged; ack applies only to open findings`);
    expect(again.stderr).toContain('Nothing was written.');
    expect(await historyOf(STALE)).toHaveLength(2);

    const noReason = await run(['ignore', prefix, '--by', '张明', '--reason', 'boring']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason: must be one of false-positive, not-applicable, accepted');
    const past = await run(['ignore', prefix, '--by', '张明', '--reason', 'accepted', '--until', '2018-01-31']);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/until 2018-01-31 is in the past/);
    expect(await historyOf(STALE)).toHaveLength(2);

    const until = addDays(todayInShanghai(), 30);
    const ignore = await run(['ignore', STALE.id, '--by', '张明', '--reason', 'false-positive', '--until', until]);
    expect(ignore.code, ignore.stderr).toBe(0);
    expect(ignore.stdout).toContain(`张明 [${ME}] · 忽略：误报（false-positive，至 ${until}）`);

    const listed = await run(['list', '--portal', 'gtj', '--as-of', '2018-01-15']);
    expect(listed.stdout).not.toContain(STALE.id.slice(0, 10));
    expect(listed.stdout).toContain(
      `另有 1 项已忽略（不计入）: disclosure-watch findings list --config ${configFile} --portal gtj --status ignored --store aws --endpoint ${inject('dynamoEndpoint')}`,
    );

    // The footer counts the ignored work of the listed department only.
    const office = await run(['list', '--portal', 'gtj', '--department', '办公室']);
    expect(office.stdout).not.toContain('已忽略');
    const land = await run(['list', '--portal', 'gtj', '--department', '土地利用科', '--as-of', '2018-01-15']);
    expect(land.stdout).toContain('另有 1 项已忽略（不计入）: disclosure-watch findings list');
    expect(land.stdout).toContain('--status ignored --department 土地利用科 --store aws');

    const reopen = await run(['reopen', prefix, '--by', '王丽']);
    expect(reopen.code, reopen.stderr).toBe(0);
    const history = await run(['history', prefix, '--format', 'json']);
    expect(history.code, history.stderr).toBe(0);
    const doc = JSON.parse(history.stdout);
    expect(doc).toMatchObject({ portal: 'gtj', id: STALE.id, status: 'open', version: 4 });
    expect(doc.history.map((h: { from: string | null; to: string; by: string }) => [h.from, h.to, h.by])).toEqual([
      [null, 'open', 'scan s1'],
      ['open', 'acknowledged', '张明'],
      ['acknowledged', 'ignored', '张明'],
      ['ignored', 'open', '王丽'],
    ]);
    expect(doc.history[2]).toMatchObject({ identity: ME, reason: 'false-positive', until });
    const text = await run(['history', prefix]);
    expect(text.stdout).toMatch(
      /v3 +\S+ +acknowledged → ignored +张明 \[local:[^\]]+\] +忽略：误报（false-positive，至 /,
    );
  }, 120_000); // eleven CLI processes in a row

  it('finds the portal from the id, and refuses a short, an unknown or an ambiguous prefix', async () => {
    const [a, b] = twins;
    const short = await run(['history', a.id.slice(0, 5)]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least its first 6 characters');

    const ambiguous = await run(['ack', a.id.slice(0, 6), '--by', '王丽']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`finding id ${a.id.slice(0, 6)} is ambiguous: 2 findings start with it`);
    expect(ambiguous.stderr).toContain(`other  ${a.id}  open  broken-link`);
    expect(ambiguous.stderr).toContain(`other  ${b.id}  open  broken-link`);

    const unknown = await run(['history', 'abcdef0123', '--portal', 'gtj']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no finding abcdef0123 in portal gtj');

    const exact = await run(['ack', b.id, '--by', '王丽', '--format', 'json']);
    expect(exact.code, exact.stderr).toBe(0);
    expect(JSON.parse(exact.stdout)).toMatchObject({
      portal: 'other',
      id: b.id,
      status: 'acknowledged',
      change: { from: 'open', to: 'acknowledged', by: '王丽', identity: ME },
    });
    expect((await repo.getFinding('other', a.id))?.status).toBe('open');
  });
});
