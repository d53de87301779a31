import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { availabilityLevel } from '../../functions/rules/availability.ts';
import { probePortals } from '../../functions/scan/probe-round.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// A week of probes replayed against a real server that fails on cue and DynamoDB Local: the
// level the store's days give is the inspection's arithmetic, and each round is one write.

const lines = { warningPercent: 3, vetoPercent: 5 };

describe('probe rounds over a week', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;
  let failNext = false;

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': (_req, res) => {
        if (failNext) return void res.writeHead(503).end('busy');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>首页</body></html>');
      },
      '/xxgk/index.html': { body: '<html><body>信息公开</body></html>' },
    });
    repo = await testRepository('probes');
    portal = parseConfig({
      portals: [
        {
          id: 'mhk-gtj',
          name: '梅河口市国土资源局',
          homepage: `${server.origin}/index.html`,
          probeUrls: [`${server.origin}/xxgk/index.html`],
          columns: [{ id: 'tdsc', name: '土地市场', url: `${server.origin}/tdsc/index.html`, kind: 'notice' }],
        },
      ],
    }).portals[0]!;
  });
  afterAll(async () => {
    await server.close();
    repo.destroy();
  });

  /** 48 rounds a day (every 30 min), failing the homepage in the rounds `fails` picks. */
  async function replayDay(day: string, fails: (round: number) => boolean) {
    let window;
    for (let i = 0; i < 48; i++) {
      failNext = fails(i);
      const at = new Date(new Date(`${day}T00:00:00+08:00`).getTime() + i * 30 * 60_000);
      const writesBefore = repo.writes;
      window = (await probePortals([portal], { repo, at }))[0]!.window;
      expect(repo.writes - writesBefore).toBe(1);
    }
    failNext = false;
    return window!;
  }

  it('moves ok → warning → veto as failures add up, at exactly the inspection’s lines', async () => {
    // Days 1–2: 96 probes, 3 failures — too few probes to judge at all.
    await replayDay('2018-01-09', (i) => i === 5 || i === 20);
    let w = await replayDay('2018-01-10', (i) => i === 7);
    expect(w).toMatchObject({ probes: 96, failures: 3 });
    expect(availabilityLevel(w, lines)).toBe('insufficient-data');
    // Day 3: 144 probes, 3 failures (2.1 %): ok.
    w = await replayDay('2018-01-11', () => false);
    expect(availabilityLevel(w, lines)).toBe('ok');
    // Day 4: 192 probes, 6 failures (3.1 %): warning.
    w = await replayDay('2018-01-12', (i) => i % 16 === 0);
    expect(w).toMatchObject({ probes: 192, failures: 6 });
    expect(availabilityLevel(w, lines)).toBe('warning');
    // Day 5: 8 failures in a row in the morning: 240 probes, 14 failures (5.8 %), veto.
    w = await replayDay('2018-01-13', (i) => i >= 16 && i < 24);
    expect(w).toMatchObject({ probes: 240, failures: 14 });
    expect(availabilityLevel(w, lines)).toBe('veto');
    expect(w.recentFailures[0]).toMatchObject({ reason: 'http', status: 503, error: 'HTTP 503', source: 'probe' });
  });

  it('keeps one item a day, the other probe URL counted apart, and a streak across rounds', async () => {
    const days = await repo.listProbeDays('mhk-gtj', '2018-01-09', '2018-01-13');
    expect(days.map((d) => [d.day, d.attempts, d.failures, d.otherAttempts, d.otherFailures])).toEqual([
      ['2018-01-09', 48, 2, 48, 0],
      ['2018-01-10', 48, 1, 48, 0],
      ['2018-01-11', 48, 0, 48, 0],
      ['2018-01-12', 48, 3, 48, 0],
      ['2018-01-13', 48, 8, 48, 0],
    ]);
    expect(days.every((d) => d.expiresAt > 0)).toBe(true);
    failNext = true;
    await probePortals([portal], { repo, at: new Date('2018-01-14T00:00:00+08:00') });
    const { window } = (await probePortals([portal], { repo, at: new Date('2018-01-14T00:30:00+08:00') }))[0]!;
    failNext = false;
    expect(window.streak).toBe(2);
    const after = (await probePortals([portal], { repo, at: new Date('2018-01-14T01:00:00+08:00') }))[0]!.window;
    expect(after.streak).toBe(0);
  });
});
