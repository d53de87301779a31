import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAlerts, type AlertSink } from '../../functions/alerts/dispatch.ts';
import { fileSink } from '../../functions/alerts/sinks.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { Alert } from '../../functions/alerts/alert.ts';
import type { ProbeResult } from '../../functions/model/availability.ts';
import { recordProbes } from '../../functions/scan/probe-round.ts';
import type { Repository } from '../../functions/store/repository.ts';
import type { StoredFinding } from '../../functions/store/records.ts';
import { testRepository } from '../support/dynamo.ts';

// Alerts decided from what DynamoDB Local holds: probes recorded as a round would, findings as a
// scan would; delivered to files (the dry run) or to a sink that counts.

const HOME = 'http://gtj.example.gov.cn/index.html';
const portalWith = (id: string): PortalConfig =>
  parseConfig({
    portals: [
      {
        id,
        name: '梅河口市国土资源局',
        homepage: HOME,
        columns: [
          {
            id: 'tdsc',
            name: '土地市场',
            url: 'http://gtj.example.gov.cn/tdsc/',
            kind: 'notice',
            department: '土地利用科',
          },
        ],
        departments: [{ name: '土地利用科', officer: '张明' }],
        recipients: [
          { name: '局长', email: 'director@example.gov.cn', role: 'leader' },
          { name: '信息中心', email: 'webmaster@example.gov.cn', role: 'webmaster' },
          { name: '土地利用科', email: 'land@example.gov.cn', role: 'department', department: '土地利用科' },
        ],
        alerts: {
          channels: [
            { type: 'ses', from: 'dw@example.gov.cn' },
            { type: 'wecom', url: { env: 'DW_WECOM_URL' } },
          ],
        },
      },
    ],
  }).portals[0]!;

const probe = (at: string, ok: boolean): ProbeResult => ({
  url: HOME,
  at,
  ok,
  ms: ok ? 40 : 15000,
  source: 'probe',
  ...(ok ? {} : { reason: 'timeout' as const, error: 'timeout after 15000 ms' }),
});

/** Counts what it is handed; `fail` names targets that refuse. */
function countingSink(fail: Set<string> = new Set()) {
  const got: { alert: Alert; only?: ReadonlySet<string> }[] = [];
  const sink: AlertSink = {
    async deliver(alert, only) {
      got.push({ alert, only });
      const targets = ['ses#0:director@example.gov.cn', 'wecom#1'].filter((t) => !only || only.has(t));
      return {
        delivered: targets.filter((t) => !fail.has(t)),
        failed: targets.filter((t) => fail.has(t)).map((target) => ({ target, error: 'errcode 93000' })),
        unconfirmed: [],
      };
    },
  };
  return { sink, got };
}

describe('dispatching alerts', () => {
  let repo: Repository;
  beforeAll(async () => {
    repo = await testRepository('alerts');
  });
  afterAll(() => repo.destroy());

  it('announces a homepage down on 2 probes once, and its 已恢复 once, as files a person can open', async () => {
    const portal = portalWith('outage');
    const out = mkdtempSync(join(tmpdir(), 'dw-alerts-'));
    const run = async (at: string, ok: boolean) => {
      const window = await recordProbes(portal, [probe(at, ok)], new Date(at), repo);
      const sink = fileSink(portal, out);
      const report = await dispatchAlerts({ portal, now: new Date(at), window }, { repo, sink });
      return { report, files: sink.files };
    };
    expect((await run('2018-01-15T01:00:00.000Z', false)).files).toEqual([]);
    const opened = await run('2018-01-15T01:30:00.000Z', false);
    expect(opened.report.sent).toEqual([
      expect.objectContaining({ key: 'outage:homepage', kind: 'opened', level: 'veto' }),
    ]);
    // Leaders and the webmaster by mail (a site-wide problem has no department), plus the robot.
    expect(opened.files.map((f) => f.replace(/^.*-opened-[0-9a-f]{8}-/, ''))).toEqual([
      'director@example.gov.cn.eml',
      'webmaster@example.gov.cn.eml',
      'wecom-1.json',
    ]);
    const robot = JSON.parse(readFileSync(opened.files[2]!, 'utf8'));
    expect(robot.msgtype).toBe('markdown');
    expect(robot.markdown.content).toContain('首页连续 2 次探测无法访问');

    expect((await run('2018-01-15T02:00:00.000Z', false)).files).toEqual([]); // still down: nothing new
    const cleared = await run('2018-01-15T02:30:00.000Z', true);
    expect(cleared.report.sent).toEqual([expect.objectContaining({ key: 'outage:homepage', kind: 'cleared' })]);
    expect((await run('2018-01-15T03:00:00.000Z', true)).files).toEqual([]);
    expect(readdirSync(join(out, 'outage'))).toHaveLength(6);
  });

  it('sends once when two runs decide at the same moment', async () => {
    const portal = portalWith('race');
    await recordProbes(
      portal,
      [probe('2018-01-15T01:00:00.000Z', false), probe('2018-01-15T01:30:00.000Z', false)],
      new Date('2018-01-15T01:30:00.000Z'),
      repo,
    );
    const a = countingSink();
    const b = countingSink();
    const now = new Date('2018-01-15T01:31:00.000Z');
    await Promise.all([
      dispatchAlerts({ portal, now }, { repo, sink: a.sink }),
      dispatchAlerts({ portal, now }, { repo, sink: b.sink }),
    ]);
    expect(a.got.length + b.got.length).toBe(1);
  });

  it('alerts a privacy leak the scan found, and retries only the target that refused', async () => {
    const portal = portalWith('leak');
    const leak: StoredFinding = {
      id: 'leak-1',
      portalId: 'leak',
      rule: 'privacy-exposure',
      severity: 'veto',
      subject: 'http://gtj.example.gov.cn/tdsc/t1.html',
      url: 'http://gtj.example.gov.cn/tdsc/t1.html',
      title: '土地出让结果公示',
      columnId: 'tdsc',
      department: '土地利用科',
      message: '页面公开了 1 个身份证号码（220581********2317）。',
      action: '请立即删除或遮盖。',
      evidence: { masked: ['220581********2317'] },
      status: 'open',
      firstSeenScan: 's1',
      firstSeenAsOf: '2018-01-15',
      lastChangedScan: 's1',
      reopened: 0,
    };
    await repo.putFindings('leak', [leak]);
    const refusing = countingSink(new Set(['wecom#1']));
    const first = await dispatchAlerts(
      { portal, now: new Date('2018-01-15T03:00:00Z') },
      { repo, sink: refusing.sink },
    );
    expect(first.failed).toEqual([{ key: 'finding:leak-1', target: 'wecom#1', error: 'errcode 93000' }]);
    expect(refusing.got[0]!.alert).toMatchObject({ level: 'veto', owner: { department: '土地利用科' } });
    expect(refusing.got[0]!.alert.evidence.join(' ')).toContain('220581********2317');

    const healthy = countingSink();
    const second = await dispatchAlerts(
      { portal, now: new Date('2018-01-15T03:30:00Z') },
      { repo, sink: healthy.sink },
    );
    expect([...healthy.got[0]!.only!]).toEqual(['wecom#1']);
    expect(second.sent).toEqual([expect.objectContaining({ key: 'finding:leak-1', targets: ['wecom#1'] })]);
    expect(
      (await dispatchAlerts({ portal, now: new Date('2018-01-15T04:00:00Z') }, { repo, sink: healthy.sink })).sent,
    ).toEqual([]);
  });

  it('never alerts a leak a person ignored, and alerts one acknowledged (someone is on it, the line still counts)', async () => {
    const leakOf = (id: string, status: StoredFinding['status']): StoredFinding => ({
      id,
      portalId: 'decided',
      rule: 'privacy-exposure',
      severity: 'veto',
      subject: `http://gtj.example.gov.cn/tdsc/${id}.html`,
      url: `http://gtj.example.gov.cn/tdsc/${id}.html`,
      title: `公示 ${id}`,
      columnId: 'tdsc',
      department: '土地利用科',
      message: '页面公开了 1 个身份证号码（220581********2317）。',
      action: '请立即删除或遮盖。',
      evidence: { masked: ['220581********2317'] },
      status,
      firstSeenScan: 's1',
      firstSeenAsOf: '2018-01-15',
      lastChangedScan: 's1',
      reopened: 0,
    });
    await repo.putFindings('decided', [leakOf('ignored-1', 'ignored'), leakOf('acked-1', 'acknowledged')]);
    const sink = countingSink();
    const report = await dispatchAlerts(
      { portal: portalWith('decided'), now: new Date('2018-01-15T03:00:00Z') },
      { repo, sink: sink.sink },
    );
    expect(report.sent.map((s) => s.key)).toEqual(['finding:acked-1']);
  });
});
