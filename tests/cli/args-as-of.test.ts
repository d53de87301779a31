import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAsOf, UsageError } from '../../bin/cli/args.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// --as-of is "today" for every date rule: a day no portal has seen (year 0) or years ahead would
// crawl everything first and then judge nonsense, so it is refused before anything starts.

describe('--as-of bounds', () => {
  it.each(['0000-01-01', '1999-12-31', '2027-12-02'])('refuses %s', (day) => {
    expect(() => checkAsOf(day, '2026-12-01')).toThrow(UsageError);
    expect(() => checkAsOf(day, '2026-12-01')).toThrow(/between 2000-01-01 and 2027-12-01/);
  });
  it.each(['2000-01-01', '2018-01-15', '2027-12-01'])('takes %s', (day) => {
    expect(checkAsOf(day, '2026-12-01')).toBe(day);
  });

  describe('the CLI', () => {
    let server: TestServer;
    let configFile: string;
    beforeAll(async () => {
      server = await startTestServer({});
      const dir = mkdtempSync(join(tmpdir(), 'dw-as-of-'));
      configFile = join(dir, 'portals.json');
      const columns = [{ id: 'tdsc', name: '土地市场', url: `${server.origin}/tdsc/index.html`, kind: 'notice' }];
      writeFileSync(
        configFile,
        JSON.stringify({ portals: [{ id: 'p', name: '测试', homepage: `${server.origin}/`, columns }] }),
      );
    });
    afterAll(() => server.close());

    it('exits 2 on --as-of 0000-01-01 before anything is crawled', async () => {
      const bin = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;
      const dataDir = mkdtempSync(join(tmpdir(), 'dw-as-of-data-'));
      const r = await promisify(execFile)(
        'node',
        [bin, 'scan', '--config', configFile, '--as-of', '0000-01-01', '--data-dir', dataDir],
        { timeout: 60_000 },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--as-of must lie between 2000-01-01 and');
      expect(server.requests).toEqual([]);
    });
  });
});
