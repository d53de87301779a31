import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../demo/portal/config.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { reconcileAndSave } from '../../functions/scan/save-findings.ts';
import { missingColumn } from '../support/finding-fixtures.ts';
import { Repository } from '../../functions/store/repository.ts';
import { startServe } from '../support/serve-process.ts';

// `disclosure-watch serve` as a user runs it: a real process on 127.0.0.1 answering the API's
// routes from the same code as the Lambda.

describe('disclosure-watch serve', () => {
  let demo: DemoServer;
  let child: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    demo = await startDemoServer({ asOf: DEMO_AS_OF });
    const dir = mkdtempSync(join(tmpdir(), 'dw-serve-'));
    const config = join(dir, 'portals.json');
    writeFileSync(
      config,
      JSON.stringify({ portals: demoConfig(demo.origin).portals.filter((p) => p.id === 'mhk-kcz') }),
    );
    const serve = await startServe(['--config', config, '--port', '0'], `serve-${process.pid}`);
    child = serve.child;
    origin = serve.origin;
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await demo?.close();
  });

  it('answers the summary of a portal not scanned yet, and 404 for one that is not configured', async () => {
    const r = await fetch(`${origin}/portals/mhk-kcz/summary`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ portal: 'mhk-kcz', latestScan: null, open: { total: 0 } });
    const missing = await fetch(`${origin}/portals/mhk-gtj/summary`);
    expect(missing.status).toBe(404);
  });

  it('checks a page of the portal on a private address (allowed locally) and refuses other hosts', async () => {
    const url = demoConfig(demo.origin).portals.find((p) => p.id === 'mhk-kcz')!.columns[0]!.url;
    const json = { 'content-type': 'application/json' };
    const ok = await fetch(`${origin}/checks`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ portalId: 'mhk-kcz', url }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'done', result: { kind: 'list', url } });
    const refused = await fetch(`${origin}/checks`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ portalId: 'mhk-kcz', url: 'http://169.254.169.254/latest/meta-data/' }),
    });
    expect(refused.status).toBe(403);
    const huge = await fetch(`${origin}/checks`, { method: 'POST', headers: json, body: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
  });

  it('refuses what a web page in the browser could send it: a foreign Host (DNS rebinding) or a non-JSON POST', async () => {
    const rebound = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${origin}/portals/mhk-kcz/summary`,
        { headers: { host: `attacker.example:${new URL(origin).port}` } },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toMatch(/Host attacker\.example:\d+ is not this server/);
    const form = await fetch(`${origin}/checks`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ portalId: 'mhk-kcz', url: demo.origin }),
    });
    expect(form.status).toBe(415);
    expect(
      await fetch(`${origin.replace('127.0.0.1', 'localhost')}/portals/mhk-kcz/summary`).then((r) => r.status),
    ).toBe(200);
  });

  it('records a decision made through it as local:serve, the name given beside it', async () => {
    const repo = new Repository({ tableName: `serve-${process.pid}`, endpoint: inject('dynamoEndpoint') });
    const homepage = demoConfig(demo.origin).portals.find((p) => p.id === 'mhk-kcz')!.homepage;
    const missing = missingColumn('mhk-kcz', homepage);
    try {
      await reconcileAndSave(repo, 'mhk-kcz', [], [missing], { scanId: 's1', asOf: DEMO_AS_OF });
      const r = await fetch(`${origin}/portals/mhk-kcz/findings/${missing.id}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'ignore', reason: 'not-applicable', by: '勘察站 赵工' }),
      });
      expect(r.status).toBe(200);
      expect((await repo.findingHistory('mhk-kcz', missing.id)).at(-1)).toMatchObject({
        to: 'ignored',
        by: '勘察站 赵工',
        identity: 'local:serve',
      });
    } finally {
      repo.destroy();
    }
  });

  it('stops on Ctrl-C with the conventional exit code', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
  });
});
