import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alertDelivery, instantOf, runAlerts } from '../../bin/cli/alerts-command.ts';
import { alertsJson, alertsText } from '../../bin/cli/alerts-output.ts';
import { DIGEST_SENDER } from '../../bin/cli/digest-command.ts';
import { runProbeRound } from '../../bin/cli/probe-command.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import type { ProbeResult } from '../../functions/model/availability.ts';
import { recordProbes } from '../../functions/scan/probe-round.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { startRobotReceiver, WECOM_KEY, type RobotReceiver } from '../alerts/support/robot-receiver.ts';
import { startSesLocal } from '../alerts/support/ses-local.ts';
import { testRepository } from '../support/dynamo.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// `disclosure-watch alerts` after probe rounds, against DynamoDB Local: a flapping homepage is
// announced once per opening and cleared once per clearing, as files a person can open; a
// warning at night waits for the morning; a robot that refuses makes the run exit 1, naming the
// target and never its key.

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;

const portalConfig = (id: string, homepage: string, channels: unknown[]) => ({
  id,
  name: '梅河口市国土资源局',
  homepage,
  columns: [{ id: 'tdsc', name: '土地市场', url: `${new URL(homepage).origin}/tdsc/`, kind: 'notice' }],
  recipients: [
    { name: '局长', email: 'director@example.gov.cn', role: 'leader' },
    { name: '信息中心', email: 'webmaster@example.gov.cn', role: 'webmaster' },
  ],
  alerts: { channels },
});

describe('disclosure-watch alerts', () => {
  let server: TestServer;
  let repo: Repository;
  let down = false;

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': (_req, res) => {
        if (down) return void res.writeHead(502).end('bad gateway');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>首页</body></html>');
      },
    });
    repo = await testRepository('alerts-cli');
  });
  afterAll(async () => {
    await server.close();
    repo.destroy();
  });

  it('writes one alert per opening and one 已恢复 per clearing for a flapping homepage', async () => {
    const config: Config = parseConfig({
      portals: [
        portalConfig('flap', `${server.origin}/index.html`, [
          { type: 'ses', from: 'dw@example.gov.cn' },
          { type: 'wecom', url: { env: 'DW_TEST_WECOM_URL' } },
        ]),
      ],
    });
    const out = mkdtempSync(join(tmpdir(), 'dw-alerts-cli-'));
    const delivery = alertDelivery({ out, send: false });
    // Down on rounds 1–3 (opens at the 2nd), up, down once (not an outage), down twice (reopens), up.
    const pattern = [true, false, false, false, true, false, true, false, false, true, true];
    const sent: string[] = [];
    for (const [i, ok] of pattern.entries()) {
      down = !ok;
      const at = new Date(Date.parse('2018-01-15T09:00:00+08:00') + i * 1_800_000);
      const [round] = await runProbeRound(repo, config, { at });
      const runs = await runAlerts(repo, config.portals, {
        now: at,
        delivery,
        windows: new Map([['flap', round!.window]]),
      });
      for (const s of runs[0]!.report.sent) sent.push(`${i}:${s.kind}`);
      if (i === 2) {
        const text = alertsText(runs[0]!, at);
        expect(text).toContain('✉ 提醒（否决）梅河口市国土资源局首页连续 2 次探测无法访问  [outage:homepage]');
        expect(text).toMatch(new RegExp(`→ ${out}/flap/\\d{12}-opened-[0-9a-f]{8}-director@example.gov.cn.eml`));
        expect(alertsJson(runs, at).portals[0]!.sent[0]!.files).toHaveLength(3);
      }
    }
    expect(sent).toEqual(['2:opened', '4:cleared', '8:opened', '9:cleared']);
    const files = readdirSync(join(out, 'flap'));
    const count = (kind: string, target: string) => files.filter((f) => f.includes(`-${kind}-`) && f.endsWith(target));
    for (const target of ['director@example.gov.cn.eml', 'webmaster@example.gov.cn.eml', 'wecom-1.json']) {
      expect(count('opened', target), target).toHaveLength(2);
      expect(count('cleared', target), target).toHaveLength(2);
    }
    expect(files).toHaveLength(12);
    const cleared = files.find((f) => f.includes('-cleared-') && f.endsWith('wecom-1.json'))!;
    expect(JSON.parse(readFileSync(join(out, 'flap', cleared), 'utf8')).markdown.content).toContain('已恢复');
  });

  it('holds a warning found at night until quiet hours end, and says until when', async () => {
    const config = parseConfig({
      portals: [portalConfig('night', `${server.origin}/index.html`, [{ type: 'ses', from: 'dw@example.gov.cn' }])],
    });
    const portal = config.portals[0]!;
    // 100 probes, 4 failed (4 %): past the warning line, short of the veto.
    const at = new Date('2018-01-15T23:00:00+08:00');
    const probes: ProbeResult[] = Array.from({ length: 100 }, (_, i) => ({
      url: portal.homepage,
      at: new Date(at.getTime() - i * 1_800_000).toISOString(),
      ok: i % 25 !== 0,
      ms: 30,
      source: 'probe',
      ...(i % 25 !== 0 ? {} : { reason: 'timeout' as const, error: 'timeout after 15000 ms' }),
    }));
    await recordProbes(portal, probes, at, repo);
    const out = mkdtempSync(join(tmpdir(), 'dw-alerts-night-'));
    const [night] = await runAlerts(repo, [portal], { now: at, delivery: alertDelivery({ out, send: false }) });
    expect(night!.report.sent).toEqual([]);
    expect(alertsText(night!, at)).toContain('⏸ risk:site-unreachable：免打扰时段，2018-01-16 07:00 后发送');
    const morning = new Date('2018-01-16T07:00:00+08:00');
    const [day] = await runAlerts(repo, [portal], { now: morning, delivery: alertDelivery({ out, send: false }) });
    expect(day!.report.sent).toEqual([
      expect.objectContaining({ key: 'risk:site-unreachable', kind: 'opened', level: 'warning' }),
    ]);
  });

  it('sends through SES with --send (one message per recipient), and leaves a portal without channels due', async () => {
    const ses = await startSesLocal();
    const home = `${server.origin}/index.html`;
    const config = parseConfig({
      portals: [
        portalConfig('mail', home, [{ type: 'ses' }]),
        { ...portalConfig('bare', home, []), alerts: undefined },
      ],
    });
    const outage = (portal: (typeof config.portals)[number]) =>
      recordProbes(
        portal,
        ['2018-01-15T01:00:00.000Z', '2018-01-15T01:30:00.000Z'].map((at) => ({
          url: home,
          at,
          ok: false,
          ms: 5,
          source: 'probe' as const,
          reason: 'http' as const,
          status: 502,
        })),
        new Date('2018-01-15T01:30:00.000Z'),
        repo,
      );
    await Promise.all(config.portals.map(outage));
    const now = new Date('2018-01-15T09:31:00+08:00');
    const delivery = alertDelivery({ out: 'unused', send: true, sesEndpoint: ses.endpoint });
    try {
      const [mail, bare] = await runAlerts(repo, config.portals, { now, delivery });
      expect(mail!.report.sent).toEqual([
        expect.objectContaining({
          key: 'outage:homepage',
          targets: ['ses#0:director@example.gov.cn', 'ses#0:webmaster@example.gov.cn'],
        }),
      ]);
      const stored = await ses.stored();
      expect(stored.map((e) => e.destination.to)).toEqual([['director@example.gov.cn'], ['webmaster@example.gov.cn']]);
      // The sender is $DW_SENDER's, as for the digest (the channel names no "from").
      expect(stored[0]!.from).toContain(DIGEST_SENDER.email);
      expect(bare!.note).toContain('bare: the config has no "alerts.channels"');
      // Nothing was claimed for it: a dry run still finds its outage due.
      const out = mkdtempSync(join(tmpdir(), 'dw-alerts-bare-'));
      const [later] = await runAlerts(repo, [config.portals[1]!], {
        now,
        delivery: alertDelivery({ out, send: false }),
      });
      expect(later!.report.sent).toEqual([expect.objectContaining({ key: 'outage:homepage', kind: 'opened' })]);
    } finally {
      delivery.close();
      await ses.close();
    }
  });

  it('reads --as-of as 09:00 Beijing time that day, or now when the day is today', () => {
    expect(instantOf('2018-01-15').toISOString()).toBe('2018-01-15T01:00:00.000Z');
    const now = new Date('2018-01-15T15:00:00Z'); // 23:00 in Beijing, still the 15th there
    expect(instantOf('2018-01-15', now)).toBe(now);
  });

  describe('as a process with --send', () => {
    let robot: RobotReceiver;
    beforeAll(async () => {
      robot = await startRobotReceiver();
    });
    afterAll(() => robot.close());

    it('exits 1 when a robot refuses, naming the target and never the robot’s key', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dw-alerts-send-'));
      const configFile = join(dir, 'portals.json');
      const home = `${server.origin}/index.html`;
      writeFileSync(
        configFile,
        JSON.stringify({
          portals: [portalConfig('refused', home, [{ type: 'wecom', url: { env: 'DW_TEST_WECOM_URL' } }])],
        }),
      );
      const portal = parseConfig(JSON.parse(readFileSync(configFile, 'utf8'))).portals[0]!;
      const down = (at: string): ProbeResult => ({
        url: home,
        at,
        ok: false,
        ms: 5,
        source: 'probe',
        reason: 'http',
        status: 502,
      });
      await recordProbes(
        portal,
        [down('2018-01-15T01:00:00.000Z'), down('2018-01-15T01:30:00.000Z')],
        new Date('2018-01-15T01:30:00.000Z'),
        repo,
      );
      robot.mode = 'errcode';
      const args = ['alerts', '--config', configFile, '--send', '--at', '2018-01-15T09:31', '--store', 'aws'];
      const r = await promisify(execFile)('node', [BIN, ...args, '--endpoint', inject('dynamoEndpoint')], {
        env: { ...process.env, DW_TABLE_NAME: repo.tableName, DW_TEST_WECOM_URL: robot.wecomUrl },
      }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      robot.mode = 'answer';
      expect(r).toMatchObject({ code: 1 });
      const { stdout, stderr } = r as { stdout: string; stderr: string };
      expect(stdout).toMatch(/✗ outage:homepage → wecom#0：.+（下次运行重试）/);
      expect(stdout + stderr).not.toContain(WECOM_KEY);
    });
  });
});
