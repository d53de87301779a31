import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPage } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// `check` refuses a URL carrying user:password@, as the API does: a password typed into a check
// must not be printed, stored, or sent to the site.

describe('disclosure-watch check with credentials in the URL', () => {
  let server: TestServer;
  let configFile: string;
  beforeAll(async () => {
    server = await startTestServer({ '/rsxx/index.html': { body: listPage('人事信息', [], { placeholder: true }) } });
    const dir = mkdtempSync(join(tmpdir(), 'dw-check-cred-'));
    configFile = join(dir, 'portals.json');
    const columns = [{ id: 'rsxx', name: '人事信息', url: `${server.origin}/rsxx/index.html`, kind: 'personnel' }];
    writeFileSync(
      configFile,
      JSON.stringify({ portals: [{ id: 'p', name: '测试', homepage: `${server.origin}/`, columns }] }),
    );
  });
  afterAll(() => server.close());

  it('exits 2 with a clear message, prints no password and stores nothing', async () => {
    const bin = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dw-check-cred-data-')), 'store');
    const url = `http://admin:s3cret@${server.origin.slice('http://'.length)}/rsxx/`;
    const r = await promisify(execFile)('node', [bin, 'check', url, '--config', configFile, '--data-dir', dataDir], {
      timeout: 60_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must not carry credentials (user:password@)');
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect(existsSync(dataDir)).toBe(false);
    expect(server.requests).toEqual([]);
  });
});
