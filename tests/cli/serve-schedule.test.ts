import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alertDelivery } from '../../bin/cli/alerts-command.ts';
import { scheduledJobs } from '../../bin/cli/serve-schedule.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import { columnRoutes, homepage, html, type MiniItem } from '../support/mini-portal.ts';
import { testRepository } from '../support/dynamo.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// `serve --schedule`: its jobs run in process against a real portal and DynamoDB Local (the scan
// at 02:00 alerts what it found, the Monday digest is written); then the command as a bureau runs
// it, a real process with one portal hanging. The start-up probe round is bounded by the probe's
// 15 s budget, the API answers meanwhile, and SIGTERM stops it cleanly (exit 0) once it has ended.

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;

describe('disclosure-watch serve --schedule', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      '/ok/index.html': { body: '<html><body>首页</body></html>' },
      '/hang/index.html': () => {}, // accepts the request and never answers
    });
  });
  afterAll(() => server.close());

  it('logs each run as a JSON line, survives a portal that hangs and exits 0 on SIGTERM within a bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-schedule-'));
    const config = join(dir, 'portals.json');
    const portal = (id: string) => ({
      id,
      name: `测试局 ${id}`,
      homepage: `${server.origin}/${id}/index.html`,
      columns: [{ id: 'a', name: '通知公告', url: `${server.origin}/${id}/a/`, kind: 'notice' }],
    });
    writeFileSync(config, JSON.stringify({ portals: [portal('ok'), portal('hang')] }));
    const args = ['serve', '--schedule', '--probe-every', '30', '--config', config, '--port', '0'];
    const child = spawn(
      'node',
      [BIN, ...args, '--out', join(dir, 'out'), '--store', 'aws', '--endpoint', inject('dynamoEndpoint')],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DW_TABLE_NAME: `schedule-${process.pid}` } },
    );
    let stderr = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          stderr += String(d);
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
          if (m && stderr.includes('"event":"schedule"')) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const jsonLines = () =>
        stderr
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(jsonLines()[0]).toMatchObject({
        event: 'schedule',
        next: [
          { job: 'probe', timing: 'every 30 min (Beijing time, from 00:00)' },
          { job: 'scan', timing: 'daily 02:00 (Beijing time)' },
          { job: 'digest', timing: 'Monday 08:00 (Beijing time)' },
        ],
      });

      // The start-up round waits on the hanging homepage; the API is not held up by it.
      expect((await fetch(`${origin}/portals/ok/summary`)).status).toBe(200);
      const stopAsked = performance.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const stopMs = performance.now() - stopAsked;
      // The running round ends within its 15 s budget; the stop waits for it and no longer.
      expect(stopMs).toBeLessThan(20_000);

      const probe = jsonLines().find((l) => l.job === 'probe');
      expect(probe).toMatchObject({
        event: 'done',
        portals: [
          { portal: 'ok', probes: 1, failures: 0, failedNow: [] },
          { portal: 'hang', probes: 1, failures: 1, failedNow: [{ reason: 'timeout' }] },
        ],
        // Stopping: the round is recorded, its alerts go out with the next run.
        alerts: 'left for the next run (stopping)',
      });
      expect((probe!.portals as { failedNow: { ms: number }[] }[])[1]!.failedNow[0]!.ms).toBeGreaterThanOrEqual(14_900);
      expect(jsonLines().at(-1)).toMatchObject({ event: 'stopped', abandoned: [] });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});

describe('the scheduled jobs', () => {
  it('scans every portal at 02:00 and alerts what it found, probes and alerts, and writes Monday’s digest', async () => {
    // The homepage's newest item is 26 days old on 2018-01-15: 首页不更新 at the veto line.
    const items: MiniItem[] = [{ path: '/tzgg/t20171220_1.html', title: '土地出让结果公示', date: '2017-12-20' }];
    const server = await startTestServer({
      '/index.html': html(homepage(items)),
      ...columnRoutes('/tzgg/index.html', '通知公告', items),
    });
    const repo = await testRepository('schedule-jobs');
    const out = mkdtempSync(join(tmpdir(), 'dw-jobs-'));
    try {
      const config = parseConfig({
        portals: [
          {
            id: 'jobs',
            name: '测试局',
            homepage: `${server.origin}/index.html`,
            columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }],
            recipients: [{ name: '局长', email: 'director@example.gov.cn', role: 'leader' }],
            crawl: { minIntervalMs: 0, robots: false, checkLinks: false },
          },
        ],
      });
      const now = new Date('2018-01-15T02:00:00+08:00');
      const settings = { probeEveryMinutes: 30, out, send: false };
      const jobs = scheduledJobs(
        config,
        repo,
        settings,
        alertDelivery({ out: join(out, 'alerts'), send: false }),
        () => now,
      );
      const job = (name: string) => jobs.find((j) => j.name === name)!;
      const signal = new AbortController().signal;

      const scan = await job('scan').run({ at: now, signal });
      expect(scan).toMatchObject({
        asOf: '2018-01-15',
        portals: [
          {
            portal: 'jobs',
            columns: 1,
            alerts: {
              // Its stale homepage, and no consultation channel configured (互动回应差).
              sent: [
                expect.objectContaining({ key: 'risk:homepage-not-updated', kind: 'opened', level: 'veto' }),
                expect.objectContaining({ key: 'risk:poor-interaction', kind: 'opened', level: 'veto' }),
              ],
            },
          },
        ],
      });
      expect(readdirSync(join(out, 'alerts', 'jobs')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);

      // A probe round at 02:30 records the homepage, and the alert already sent is not sent again.
      const probe = await job('probe').run({ at: new Date('2018-01-15T02:30:00+08:00'), signal });
      expect(probe).toMatchObject({
        portals: [{ portal: 'jobs', level: 'insufficient-data', probes: 2, failures: 0 }],
        alerts: { sent: [], held: [], failed: [] },
      });

      const digest = await job('digest').run({ at: new Date('2018-01-15T08:00:00+08:00'), signal });
      expect(digest).toMatchObject({ asOf: '2018-01-15', written: 1, notes: [] });
      expect(existsSync(join(out, 'jobs', '2018-W03', 'director@example.gov.cn.eml'))).toBe(true);
    } finally {
      await server.close();
      repo.destroy();
    }
  });
});
