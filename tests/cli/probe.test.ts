import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDateTime } from '../../bin/cli/args.ts';
import { runProbeRound } from '../../bin/cli/probe-command.ts';
import { probeJson, probeText, type ProbeReport } from '../../bin/cli/probe-output.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// `disclosure-watch probe` replayed with --at: a week of rounds through the command's own function
// (336 processes would take minutes) against a real server on 127.0.0.1 that fails on cue and
// DynamoDB Local. The level it reports is the inspection's arithmetic, boundaries included.

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;

describe('disclosure-watch probe', () => {
  let server: TestServer;
  let repo: Repository;
  let config: Config;
  /** Homepage paths that answer 503 in the current round. */
  const failing = new Set<string>();
  const portal = (id: string) => ({
    id,
    name: `测试局 ${id}`,
    homepage: `${server.origin}/${id}/index.html`,
    columns: [{ id: 'a', name: '通知公告', url: `${server.origin}/${id}/a/`, kind: 'notice' }],
  });

  beforeAll(async () => {
    server = await startTestServer();
    for (const id of ['week', 'veto7', 'warn6', 'few5'])
      server.routes.set(`/${id}/index.html`, (req, res) => {
        if (failing.has(req.url!)) return void res.writeHead(503).end('busy');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>首页</body></html>');
      });
    config = parseConfig({ portals: ['week', 'veto7', 'warn6', 'few5'].map(portal) });
    repo = await testRepository('probe-cli');
  });
  afterAll(async () => {
    await server.close();
    repo.destroy();
  });

  /** One round at `at` of the portal `only` names, its homepage failing when `fail`. */
  async function round(at: Date, only: string, fail: boolean) {
    failing.clear();
    if (fail) failing.add(`/${only}/index.html`);
    return (await runProbeRound(repo, config, { portal: only, at }))[0]!;
  }
  const halfHour = (day: string, i: number) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + i * 1_800_000);
  /** 48 rounds of the `week` portal on `day`, failing the rounds `fails` picks; the last round's report. */
  async function replayDay(day: string, fails: (i: number) => boolean): Promise<ProbeReport> {
    let last: ProbeReport | undefined;
    for (let i = 0; i < 48; i++) last = await round(halfHour(day, i), 'week', fails(i));
    return last!;
  }

  it('moves ok → warning → veto over a replayed week: 48 a day, 3 failures, then 8', async () => {
    await replayDay('2018-01-09', (i) => i === 5 || i === 20);
    let r = await replayDay('2018-01-10', (i) => i === 7);
    expect(r).toMatchObject({ level: 'insufficient-data', window: { probes: 96, failures: 3 } });
    expect(probeText(r)).toContain('数据不足：96 次探测，需至少 100 次');

    r = await replayDay('2018-01-11', () => false);
    expect(r).toMatchObject({ level: 'ok', window: { probes: 144, failures: 3 } });
    expect(probeText(r)).toContain('首页探测 144 次，失败 3 次（2.1 %）· ✓ 正常');

    r = await replayDay('2018-01-12', (i) => i % 16 === 0);
    expect(r).toMatchObject({ level: 'warning', window: { probes: 192, failures: 6 } });
    expect(probeText(r)).toContain('失败 6 次（3.1 %）· ⚠ 预警（预警线 3 %，否决线 5 %）');

    // 8 failures in a row in the morning of day 5, then the homepage answers again.
    r = await replayDay('2018-01-13', (i) => i >= 16 && i < 24);
    expect(r).toMatchObject({ level: 'veto', window: { probes: 240, failures: 14, streak: 0 } });
    const text = probeText(r);
    expect(text).toContain('2018-01-13 23:30（北京时间）');
    expect(text).toContain('失败 14 次（5.8 %）· ✖ 达到否决线');
    expect(text).toContain(`✓ HTTP 200 · `);
    // The last failures, newest first, with their reason and when (Beijing time).
    expect(text).toMatch(/最近失败[^\n]*\n {4}2018-01-13 11:30 {2}HTTP 503 · \d+ ms\n {4}2018-01-13 11:00 {2}HTTP 503/);

    const doc = probeJson([r], halfHour('2018-01-13', 47));
    expect(doc).toMatchObject({
      at: '2018-01-13T15:30:00.000Z',
      portals: [
        {
          portal: 'week',
          level: 'veto',
          week: { from: '2018-01-07', to: '2018-01-13', probes: 240, failures: 14, percent: 5.8 },
          lines: { warningPercent: 3, vetoPercent: 5, minProbes: 100 },
          round: [{ url: `${server.origin}/week/index.html`, ok: true, status: 200 }],
        },
      ],
    });
    expect(doc.portals[0]!.recentFailures).toHaveLength(10);
    expect(doc.portals[0]!.recentFailures[0]).toMatchObject({ reason: 'http', status: 503, error: 'HTTP 503' });
  });

  it('gives the inspection’s level at its boundaries: 7 of 140 veto, 6 of 140 warning, 5 of 99 too few', async () => {
    const reports = new Map<string, ProbeReport>();
    // Each portal's homepage fails in its first rounds: 7, 6 and 5 of them.
    for (const [id, fails, rounds] of [
      ['veto7', 7, 140],
      ['warn6', 6, 140],
      ['few5', 5, 99],
    ] as const) {
      for (let i = 0; i < rounds; i++) {
        // 10 minutes apart from 2018-01-30 00:00: all inside one 7-day window.
        const at = new Date(Date.parse('2018-01-30T00:00:00+08:00') + i * 600_000);
        reports.set(id, await round(at, id, i < fails));
      }
    }
    expect(reports.get('few5')).toMatchObject({ level: 'insufficient-data', window: { probes: 99, failures: 5 } });
    expect(reports.get('veto7')).toMatchObject({ level: 'veto', window: { probes: 140, failures: 7 } });
    expect(reports.get('warn6')).toMatchObject({ level: 'warning', window: { probes: 140, failures: 6 } });
    expect(probeText(reports.get('few5')!)).toContain('数据不足：99 次探测，需至少 100 次');
    expect(probeText(reports.get('veto7')!)).toContain('失败 7 次（5 %）· ✖ 达到否决线');
  });

  it('takes --at as Beijing time unless it says otherwise, and refuses what is not a date-time', async () => {
    expect(parseIsoDateTime('2018-01-15T10:30', '--at').toISOString()).toBe('2018-01-15T02:30:00.000Z');
    expect(parseIsoDateTime('2018-01-15 10:30:15', '--at').toISOString()).toBe('2018-01-15T02:30:15.000Z');
    expect(parseIsoDateTime('2018-01-15T02:30:00.250Z', '--at').toISOString()).toBe('2018-01-15T02:30:00.250Z');
    expect(parseIsoDateTime('2018-01-15T10:30-05:00', '--at').toISOString()).toBe('2018-01-15T15:30:00.000Z');
    for (const bad of ['2018-02-30T10:00', '2018-01-15T24:00', '2018-01-15', 'yesterday', '2018-01-15T10:30+15:00'])
      expect(() => parseIsoDateTime(bad, '--at'), bad).toThrow(/--at must be an ISO date-time such as/);

    const r = await promisify(execFile)('node', [BIN, 'probe', '--config', 'x.json', '--at', '2018-13-01T00:00']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(r).toMatchObject({ code: 2 });
    expect((r as { stderr: string }).stderr).toContain('disclosure-watch probe: --at must be an ISO date-time');
  });
});
