import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../support/serve-process.ts';
import { landNotices, portalPages, startCountingServer, type CountingServer } from '../net/counting-server.ts';

// A flood of on-demand checks at a real `serve --schedule` (whose first probe round starts as it
// comes up), against a bureau server that counts the requests it has in flight and holds each for
// a while, as a busy county server does. The portal allows 2 at once; nothing may put more on it.

const LIMIT = 2;
const CHECKS = 30;
const HOLD_MS = 50;

const items = landNotices(CHECKS);

describe('serve keeps a flood of checks within the host limit', () => {
  let bureau: CountingServer;
  let origin: string;
  let api: string;
  let child: ChildProcess;
  let stderr: () => string;

  beforeAll(async () => {
    bureau = await startCountingServer(portalPages(items), HOLD_MS);
    origin = bureau.origin;
    const dir = mkdtempSync(join(tmpdir(), 'dw-serve-polite-'));
    const config = join(dir, 'portals.json');
    const portal = {
      id: 'mini',
      name: '测试',
      homepage: `${origin}/index.html`,
      // More probes, so the round is still running while the checks arrive.
      probeUrls: [`${origin}/tdsc/index.html`, `${origin}/gkzn/index.html`],
      columns: [{ id: 'tdsc', name: '土地市场', url: `${origin}/tdsc/index.html`, kind: 'notice' }],
      crawl: { concurrency: LIMIT, minIntervalMs: 0 },
    };
    writeFileSync(config, JSON.stringify({ portals: [portal] }));
    const args = ['--schedule', '--config', config, '--port', '0', '--out', join(dir, 'out')];
    const serve = await startServe(args, `serve-polite-${process.pid}`);
    child = serve.child;
    api = serve.origin;
    stderr = serve.stderr;
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await bureau?.close();
  });

  type Answer = { status: number; body: { checkId: string; status: string } };
  let answers: Answer[] = [];
  let finals: { status: string }[] = [];

  it('never has more requests in flight on the host than its limit, checks and probes together', async () => {
    answers = await Promise.all(
      items.map(async (item): Promise<Answer> => {
        const r = await fetch(`${api}/checks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ portalId: 'mini', url: `${origin}${item.path}` }),
        });
        return { status: r.status, body: (await r.json()) as Answer['body'] };
      }),
    );
    finals = await Promise.all(answers.map((a) => pollUntilFinished(api, a.body.checkId)));
    expect(stderr()).toContain('"job":"probe"');
    expect(bureau.seen.requests).toBeGreaterThanOrEqual(CHECKS);
    expect(bureau.seen.peak).toBeLessThanOrEqual(LIMIT);
  }, 120_000);

  it('answers checks over the cap 202 at once, runs each when a slot frees, and loses none', () => {
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 202)).toEqual([]);
    const queued = answers.filter((a) => a.status === 202);
    expect(queued.length).toBeGreaterThan(0);
    for (const q of queued) expect(q.body.status).toBe('running');
    expect(finals).toHaveLength(CHECKS);
    expect(finals.filter((f) => f.status !== 'done')).toEqual([]);
  });
});

async function pollUntilFinished(api: string, checkId: string): Promise<{ status: string }> {
  for (;;) {
    const r = await fetch(`${api}/checks/${checkId}`);
    const body = (await r.json()) as { status: string };
    if (body.status !== 'running') return body;
    await new Promise((res) => setTimeout(res, 100));
  }
}
