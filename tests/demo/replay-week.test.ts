import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, DEMO_SCAN_DAYS } from '../../demo/portal/config.ts';
import { DEMO_AVAILABILITY, demoAlertExpectations } from '../../demo/portal/expected-alerts.ts';
import { beijing, faultAt, GTJ_OUTAGE, replayRounds } from '../../demo/portal/outages.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { replayProbeWeek, type ReplayReport } from '../../demo/replay-week.ts';
import { alertId } from '../../functions/alerts/alert.ts';
import { formatShanghai } from '../../functions/alerts/shanghai-clock.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import { availabilityLevel } from '../../functions/rules/availability.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';

// The demo's week of probes, replayed as `npm run demo` does it (its three daily scans at 02:00
// included) against the demo server failing on cue and DynamoDB Local: mhk-gtj ends at the
// warning line, mhk-tdcb at the veto, and every alert goes out once — the mid-week outage as
// one alert and one 已恢复 per target.

const LINES = { warningPercent: 3, vetoPercent: 5 };

describe('the schedule of failures the demo server follows', () => {
  it('keeps mhk-gtj between the warning and the veto line from the 100th probe to the last, with one outage', () => {
    const scanTimes = new Set(DEMO_SCAN_DAYS.map((d) => beijing(`${d}T02:00`).getTime()));
    let probes = 0;
    let failures = 0;
    let streak = 0;
    const levels = new Set<string>();
    const streaks: string[] = [];
    for (const at of replayRounds()) {
      // The scan's homepage fetch at 02:00 counts as one probe, and must find the site up.
      if (scanTimes.has(at.getTime())) {
        expect(faultAt('/mhk-gtj/index.html', at), at.toISOString()).toBeNull();
        probes += 1;
        streak = 0;
      }
      const failed = faultAt('/mhk-gtj/index.html', at) !== null;
      probes += 1;
      failures += failed ? 1 : 0;
      streak = failed ? streak + 1 : 0;
      if (streak === 2) streaks.push(formatShanghai(at.toISOString()));
      if (probes >= 100) levels.add(availabilityLevel({ probes, failures }, LINES));
    }
    expect(levels).toEqual(new Set(['warning']));
    const { probes: wantProbes, failures: wantFailures } = DEMO_AVAILABILITY['mhk-gtj'];
    expect({ probes, failures }).toEqual({ probes: wantProbes, failures: wantFailures });
    expect(streaks).toEqual([GTJ_OUTAGE.failed[1].replace('T', ' ')]);
    expect(faultAt('/mhk-gtj/index.html', beijing(GTJ_OUTAGE.recovered))).toBeNull();
    // No moment set: the tests that scan the demo see no failure but those of every day.
    expect(faultAt('/mhk-gtj/index.html', beijing('2018-01-15T02:00'))).toBeNull();
  });
});

describe('the demo’s replayed week of probes and alerts', () => {
  let server: DemoServer;
  let repo: Repository;
  let replay: ReplayReport;
  const out = mkdtempSync(join(tmpdir(), 'dw-demo-alerts-'));

  beforeAll(async () => {
    server = await startDemoServer();
    repo = await testRepository('demo-week');
    const portals = parseConfig(demoConfig(server.origin, { alerts: true })).portals;
    replay = await replayProbeWeek({
      portals,
      server,
      repo,
      out,
      scans: {
        days: DEMO_SCAN_DAYS,
        run: async (day) => {
          server.setAsOf(day);
          for (const portal of portals) await runLocalScan({ portal, asOf: day, repo });
        },
      },
    });
  }, 240_000);
  afterAll(async () => {
    repo?.destroy();
    await server?.close();
  });

  it('ends the week with mhk-gtj at the warning line and mhk-tdcb at the veto line', () => {
    expect(replay.rounds).toBe(336);
    const got = Object.fromEntries(
      replay.portals.map((p) => [
        p.portal.id,
        { probes: p.window.probes, failures: p.window.failures, level: p.level },
      ]),
    );
    const want = Object.fromEntries(
      Object.entries(DEMO_AVAILABILITY).map(([id, a]) => [
        id,
        { probes: a.probes, failures: a.failures, level: a.level },
      ]),
    );
    expect(got).toEqual(want);
    const gtj = replay.portals.find((p) => p.portal.id === 'mhk-gtj')!;
    expect(gtj.window.recentFailures[0]).toMatchObject({ reason: 'http', status: 504 });
  });

  it('announces exactly the expected alerts, each once, and leaves nothing held or failed', () => {
    const got = replay.sent.map((s) => ({
      at: formatShanghai(s.at),
      portal: s.portalId,
      kind: s.kind,
      level: s.level,
      what: s.key.startsWith('finding:') ? `finding:${s.title.split('：')[0]}` : s.key,
    }));
    expect(got).toEqual(demoAlertExpectations().map(({ why: _why, ...a }) => a));
    for (const p of replay.portals) expect([p.portal.id, p.held, p.failed]).toEqual([p.portal.id, [], []]);
  });

  it('writes the mid-week outage as one alert and one 已恢复 per target: three mails and the two robots', () => {
    const since = beijing(GTJ_OUTAGE.failed[1]).toISOString();
    const stem = (kind: 'opened' | 'cleared') =>
      `-${kind}-${alertId({ portalId: 'mhk-gtj', key: 'outage:homepage', since, kind }).slice(0, 8)}-`;
    const files = readdirSync(join(out, 'mhk-gtj'));
    const targets = (kind: 'opened' | 'cleared') =>
      files.filter((f) => f.includes(stem(kind))).map((f) => f.slice(f.indexOf(stem(kind)) + stem(kind).length));
    const expected = [
      'deputy@mhk-gtj.example.gov.cn.eml',
      'dingtalk-2.json',
      'director@mhk-gtj.example.gov.cn.eml',
      'webmaster@mhk-gtj.example.gov.cn.eml',
      'wecom-1.json',
    ];
    expect(targets('opened').sort()).toEqual(expected);
    expect(targets('cleared').sort()).toEqual(expected);

    const read = (kind: 'opened' | 'cleared', target: string) =>
      readFileSync(
        join(
          out,
          'mhk-gtj',
          files.find((f) => f.includes(stem(kind)) && f.endsWith(target))!,
        ),
        'utf8',
      );
    const opened = JSON.parse(read('opened', 'wecom-1.json'));
    expect(opened.markdown.content).toContain('梅河口市国土资源局首页连续 2 次探测无法访问');
    expect(opened.markdown.content).toContain('HTTP 503');
    const cleared = JSON.parse(read('cleared', 'dingtalk-2.json'));
    expect(cleared.markdown.title).toBe('【已恢复】梅河口市国土资源局');
    expect(cleared.markdown.text).toContain('已于 2018-01-12 16:00 消除（持续 30 分钟）');
    // The warning goes to the wecom robot and the mails only: the 钉钉 robot takes vetoes.
    const warningFiles = files.filter((f) => f.startsWith('201801110700-opened-'));
    expect(warningFiles.some((f) => f.endsWith('dingtalk-2.json'))).toBe(false);
    expect(warningFiles).toHaveLength(4);
  });
});
