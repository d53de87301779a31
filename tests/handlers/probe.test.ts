import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { Config } from '../../functions/config/schema.ts';
import { METRICS } from '../../functions/handlers/observability.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { startRobotReceiver, WECOM_KEY, type RobotReceiver } from '../alerts/support/robot-receiver.ts';
import { startSesLocal, type SesLocal } from '../alerts/support/ses-local.ts';
import { testRepository } from '../support/dynamo.ts';
import { startDynamoFaultProxy, type DynamoFaultProxy } from '../support/dynamo-fault-proxy.ts';
import { buildLambdaBundles, type LambdaBundles } from '../support/lambda-bundles.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The bundled probe Lambda fired as EventBridge Scheduler fires it, every 30 minutes, against a
// real server on 127.0.0.1 whose homepages fail on cue, DynamoDB Local (behind a hop that can
// fail one portal's alert reads), aws-ses-v2-local and a robot receiver checking 企业微信's shape.

interface PortalSummary {
  portal: string;
  recorded: boolean;
  level: string;
  probes: number;
  failures: number;
  week: { probes: number; failures: number; percent: number; streak: number };
  alerts: { sent: number; held: number; failed: number } | null;
}
type Probe = { handler: (event: unknown) => Promise<{ at: string; portals: PortalSummary[] }> };

// 10:00 Beijing time, then every 30 minutes: what <aws.scheduler.scheduled-time> gives.
const T0 = Date.parse('2026-03-02T02:00:00Z');
const fire = (round: number) => ({ scheduledTime: new Date(T0 + round * 30 * 60_000).toISOString() });
const DAY = '2026-03-02';

describe('the bundled probe Lambda, fired by its schedule', () => {
  let server: TestServer;
  let robot: RobotReceiver;
  let ses: SesLocal;
  let repo: Repository;
  let faults: DynamoFaultProxy;
  let bundles: LambdaBundles;
  let config: Config;
  let env: Record<string, string>;
  let probe: Probe;
  let down = false;
  const endpoint = inject('dynamoEndpoint');

  beforeAll(async () => {
    const homepage = (name: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
      if (down) return void res.writeHead(503).end('Service Unavailable');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${name}首页</body></html>`);
    };
    [server, robot, ses, repo, faults] = await Promise.all([
      startTestServer({
        '/gtj/index.html': homepage('国土资源局'),
        '/gtj/xxgk/index.html': { body: '<html><body>信息公开</body></html>' },
        '/jyj/index.html': homepage('教育局'),
      }),
      startRobotReceiver(),
      startSesLocal(),
      testRepository('probe-lambda'),
      startDynamoFaultProxy(endpoint),
    ]);
    const column = (path: string) => [{ id: 'tzgg', name: '通知公告', url: `${server.origin}${path}`, kind: 'notice' }];
    config = parseConfig({
      portals: [
        {
          id: 'mhk-gtj',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/gtj/index.html`,
          probeUrls: [`${server.origin}/gtj/xxgk/index.html`],
          columns: column('/gtj/tzgg/'),
          recipients: [
            { name: '局长', email: 'director@gtj.example.gov.cn', role: 'leader' },
            { name: '信息中心', email: 'webmaster@gtj.example.gov.cn', role: 'webmaster' },
          ],
          alerts: { channels: [{ type: 'ses' }, { type: 'wecom', url: { env: 'DW_WECOM_URL' } }] },
        },
        {
          id: 'mhk-jyj',
          name: '梅河口市教育局',
          homepage: `${server.origin}/jyj/index.html`,
          columns: column('/jyj/tzgg/'),
          recipients: [{ name: '局长', email: 'director@jyj.example.gov.cn', role: 'leader' }],
          alerts: { channels: [{ type: 'ses' }] },
        },
      ],
    });
    bundles = await buildLambdaBundles(config);
    env = {
      DW_TABLE_NAME: repo.tableName,
      DW_DYNAMODB_ENDPOINT: faults.endpoint,
      DW_SES_FROM: 'disclosure-watch@example.gov.cn',
      DW_SES_ENDPOINT: ses.endpoint,
      DW_WECOM_URL: robot.wecomUrl,
      // The portals here are on 127.0.0.1, which the public-only connector refuses (last test).
      DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES: '1',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
    probe = await bundles.load<Probe>('probe', env);
  }, 120_000);

  afterAll(async () => {
    bundles?.remove();
    repo?.destroy();
    await Promise.all([server?.close(), robot?.close(), ses?.close(), faults?.close()]);
  });

  const byPortal = (out: { portals: PortalSummary[] }) => Object.fromEntries(out.portals.map((p) => [p.portal, p]));
  const mails = async () => (await ses.stored()).map((m) => ({ to: m.destination.to[0], subject: m.subject }));

  /** Runs the handler, returning what it answered and the metrics it published (EMF lines on stdout). */
  async function run(round: number) {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    // EMF lines are kept for the assertions and not echoed; anything else still reaches the terminal.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      if (!String(chunk).includes('"_aws"')) return write(chunk, ...rest);
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const out = await probe.handler(fire(round));
      const metrics: Record<string, number> = {};
      for (const line of lines.join('').split('\n')) {
        if (!line.includes('"_aws"')) continue;
        const emf = JSON.parse(line) as Record<string, unknown> & {
          _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
        };
        for (const group of emf._aws.CloudWatchMetrics) {
          expect(group.Namespace).toBe(METRICS.namespace);
          for (const m of group.Metrics)
            metrics[m.Name] = [emf[m.Name] as number | number[]].flat().reduce((a, b) => a + b, 0);
        }
      }
      return { out, portals: byPortal(out), metrics };
    } finally {
      process.stdout.write = write;
    }
  }

  it('records each portal’s round in its day and counts the round, the probes and the failures', async () => {
    const { out, portals, metrics } = await run(0);
    expect(out.at).toBe(fire(0).scheduledTime);
    expect(portals['mhk-gtj']).toMatchObject({
      recorded: true,
      level: 'insufficient-data', // 1 probe of the 100 a week needs
      probes: 2, // the homepage and the probe URL
      failures: 0,
      week: { probes: 1, failures: 0, streak: 0 },
      alerts: { sent: 0, held: 0, failed: 0 },
    });
    expect(portals['mhk-jyj']).toMatchObject({ recorded: true, probes: 1, failures: 0 });
    const [day] = await repo.listProbeDays('mhk-gtj', DAY, DAY);
    expect(day).toMatchObject({ day: DAY, attempts: 1, failures: 0, otherAttempts: 1, otherFailures: 0, streak: 0 });
    expect(metrics).toMatchObject({ ProbeRounds: 2, Probes: 3, ProbeFailures: 0, AlertsSent: 0, AlertsFailed: 0 });
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toEqual([]); // no robots wait
  });

  it('alerts the same round the homepage fails a second time in a row, by email and robot, and one portal’s failing alerts hold up no other', async () => {
    down = true;
    const second = await run(1);
    expect(second.portals['mhk-gtj']).toMatchObject({ failures: 1, week: { streak: 1 }, alerts: { sent: 0 } });
    expect(await mails()).toEqual([]);

    // The education bureau's alert states cannot be read this round (DynamoDB failing for them only).
    faults.failWhen = (body) => body.includes('P#mhk-jyj') && body.includes('AL#');
    const third = await run(2);
    faults.failWhen = null;
    expect(third.portals['mhk-gtj']).toMatchObject({
      recorded: true,
      level: 'insufficient-data',
      failures: 1,
      week: { probes: 3, failures: 2, streak: 2 },
      alerts: { sent: 1, held: 0, failed: 0 },
    });
    expect(third.portals['mhk-jyj']).toMatchObject({ recorded: true, week: { streak: 2 }, alerts: null });
    expect(third.metrics).toMatchObject({ ProbeRounds: 2, ProbeFailures: 2, AlertsSent: 1, AlertsFailed: 1 });

    const sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual(['director@gtj.example.gov.cn', 'webmaster@gtj.example.gov.cn']);
    for (const m of sent) expect(m.subject).toContain('梅河口市国土资源局首页连续 2 次探测无法访问');
    expect(robot.received).toHaveLength(1);
    expect(robot.received[0]).toMatchObject({ path: '/cgi-bin/webhook/send', json: { msgtype: 'markdown' } });
    expect(robot.received[0]!.query.get('key')).toBe(WECOM_KEY);
    const [day] = await repo.listProbeDays('mhk-jyj', DAY, DAY);
    expect(day).toMatchObject({ attempts: 3, failures: 2, streak: 2 });
  });

  it('never alerts twice for the same outage, and the portal whose alerts failed is alerted the next round', async () => {
    const fourth = await run(3);
    expect(fourth.portals['mhk-gtj']).toMatchObject({ week: { streak: 3 }, alerts: { sent: 0, failed: 0 } });
    expect(fourth.portals['mhk-jyj']).toMatchObject({ week: { streak: 3 }, alerts: { sent: 1, failed: 0 } });
    const sent = await mails();
    expect(sent).toHaveLength(3);
    expect(sent.filter((m) => m.to === 'director@jyj.example.gov.cn')).toHaveLength(1);
    expect(robot.received).toHaveLength(1);
  });

  it('sends one 已恢复 when the homepage answers again', async () => {
    down = false;
    const fifth = await run(4);
    expect(fifth.portals['mhk-gtj']).toMatchObject({ failures: 0, week: { streak: 0 }, alerts: { sent: 1 } });
    expect(fifth.portals['mhk-jyj']).toMatchObject({ alerts: { sent: 1 } });
    const recovered = (await mails()).slice(3);
    expect(recovered.map((m) => m.to).sort()).toEqual([
      'director@gtj.example.gov.cn',
      'director@jyj.example.gov.cn',
      'webmaster@gtj.example.gov.cn',
    ]);
    for (const m of recovered) expect(m.subject).toContain('已恢复');
    expect(robot.received).toHaveLength(2);

    const sixth = await run(5);
    expect(sixth.portals['mhk-gtj']).toMatchObject({ alerts: { sent: 0 } });
    expect(await mails()).toHaveLength(6);
  });

  it('reaches only public addresses without the test switch: 127.0.0.1 is refused before a connection', async () => {
    const other = await testRepository('probe-public');
    try {
      const guarded = await bundles.load<Probe>('probe', {
        ...env,
        DW_TABLE_NAME: other.tableName,
        DW_DYNAMODB_ENDPOINT: endpoint,
        DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES: undefined,
        POWERTOOLS_METRICS_DISABLED: 'true',
      });
      const requestsBefore = server.requests.length;
      const out = byPortal(await guarded.handler({ ...fire(6), portalId: 'mhk-gtj' }));
      expect(Object.keys(out)).toEqual(['mhk-gtj']);
      expect(out['mhk-gtj']).toMatchObject({ recorded: true, probes: 2, failures: 2 });
      expect(server.requests.length).toBe(requestsBefore);
      const [day] = await other.listProbeDays('mhk-gtj', DAY, DAY);
      expect(day!.failed.map((f) => f.reason)).toEqual(['not-public', 'not-public']);
    } finally {
      other.destroy();
    }
  });
});
