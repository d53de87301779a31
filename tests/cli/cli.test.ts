import { DEMO_WORKFLOW } from '../../demo/portal/expected.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_NODE_WARNING_OPT_OUT } from '../../bin/cli/node-version-notice.ts';
import { columnRoutes, homepage, html, listPage, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The CLI as a user runs it: a real process, real exit codes, stdout and stderr apart.

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;
const run = async (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { timeout: 90_000, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

const items: MiniItem[] = [
  { path: '/tdsc/201712/t20171220_1.html', title: '土地出让结果公示', date: '2017-12-20', generated: '2017-12-18' },
  {
    path: '/tdsc/201712/t20171201_2.html',
    title: '土地出让公告',
    date: '2017-12-01',
    generated: '2017-10-09',
    body: '见附件',
  },
];

describe('disclosure-watch CLI', () => {
  let server: TestServer;
  let dir: string;
  let configFile: string;

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': html(homepage(items)),
      ...columnRoutes('/tdsc/index.html', '土地市场', items),
    });
    dir = mkdtempSync(join(tmpdir(), 'dw-cli-'));
    configFile = join(dir, 'portals.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        portals: [
          {
            id: 'cli',
            name: '梅河口市国土资源局',
            homepage: `${server.origin}/index.html`,
            columns: [
              {
                id: 'tdsc',
                name: '土地市场',
                url: `${server.origin}/tdsc/index.html`,
                kind: 'notice',
                department: '土地利用科',
              },
            ],
            departments: [{ name: '土地利用科', officer: '张明' }],
            crawl: { minIntervalMs: 0, robots: false },
          },
        ],
      }),
    );
  });
  afterAll(() => server.close());

  it('exits 2 with the JSON path and the fix for an invalid config, and scans nothing', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        portals: [
          {
            id: 'x',
            name: 'x',
            homepage: `${server.origin}/`,
            columns: [{ id: 'a', name: 'a', url: `${server.origin}/a/`, kind: 'news', department: '无此科' }],
          },
        ],
      }),
    );
    const before = server.requests.length;
    const r = await run(['scan', '--config', bad, '--data-dir', join(dir, 'd0')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('portals[0].columns[0].department: "无此科" is not one of the portal\'s departments');
    expect(r.stderr).toContain('Nothing was scanned.');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(server.requests.length).toBe(before);
  });

  it('exits 2 for a missing config file, a bad date and an unknown command', async () => {
    expect((await run(['scan', '--config', join(dir, 'nope.json')])).stderr).toContain('file not found');
    const date = await run(['scan', '--config', configFile, '--as-of', '2018-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--as-of must be a real date as YYYY-MM-DD');
    expect((await run(['scna'])).code).toBe(2);
  });

  it('scans to one JSON document on stdout with progress on stderr', async () => {
    const r = await run([
      'scan',
      '--config',
      configFile,
      '--as-of',
      '2018-01-15',
      '--format',
      'json',
      '--data-dir',
      join(dir, 'd1'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ portal: 'cli', asOf: '2018-01-15', summary: { columns: 1, pages: 2 } });
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'empty-page', status: 'open', column: 'tdsc', department: '土地利用科' }),
    );
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'late-publication', url: `${server.origin}/tdsc/201712/t20171201_2.html` }),
    );
    expect(r.stderr).toMatch(/\[cli\] 2\/2 首页及栏目/);
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
  });

  it('checks one page: shows what was extracted and refuses hosts outside the config', async () => {
    const url = `${server.origin}${items[0]!.path}`;
    const r = await run([
      'check',
      url,
      '--config',
      configFile,
      '--as-of',
      '2018-01-15',
      '--format',
      'json',
      '--data-dir',
      join(dir, 'd2'),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      url,
      kind: 'detail',
      page: {
        title: '土地出让结果公示',
        generatedDate: '2017-12-18',
        publishedDate: '2017-12-20',
        publisher: '梅河口市国土资源局',
      },
      findings: [],
    });
    const off = await run(['check', 'http://example.com/x.html', '--config', configFile]);
    expect(off.code).toBe(2);
    expect(off.stderr).toContain("example.com is not a configured portal's host");
  });
});

describe('disclosure-watch on Node < 22', () => {
  it('says once, in its own words, that the AWS SDK will need Node 22, instead of the SDK saying it per copy', async () => {
    const server = await startTestServer({
      '/index.html': html(homepage(items)),
      '/tdsc/index.html': html(listPage('土地市场', items)),
    });
    const dir = mkdtempSync(join(tmpdir(), 'dw-node-'));
    const config = join(dir, 'portals.json');
    writeFileSync(
      config,
      JSON.stringify({
        portals: [
          {
            id: 'node',
            name: '测试',
            homepage: `${server.origin}/index.html`,
            columns: [{ id: 'tdsc', name: '土地市场', url: `${server.origin}/tdsc/index.html`, kind: 'notice' }],
            crawl: { robots: false },
          },
        ],
      }),
    );
    // As a user runs it: without the switch the test setup sets to keep test logs quiet.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== SDK_NODE_WARNING_OPT_OUT));
    // `check` opens the DynamoDB store, so the SDK's clients are created and would warn.
    const r = await run(['check', `${server.origin}/tdsc/index.html`, '--config', config, '--data-dir', dir], env);
    await server.close();
    expect(r.code, r.stderr).toBe(0);
    const notices = r.stderr
      .split('\n')
      .filter((l) => l.includes('AWS SDK releases after early January 2027 need Node 22'));
    const major = Number(process.versions.node.split('.')[0]);
    expect(notices).toEqual(
      major < 22
        ? [
            `disclosure-watch: Node ${major} works today; AWS SDK releases after early January 2027 need Node 22 — upgrade to Node 22 or 24.`,
          ]
        : [],
    );
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
  });
});

describe('disclosure-watch on Ctrl-C', () => {
  it('stops DynamoDB Local and exits 130 when interrupted mid-scan', async () => {
    const { spawn, execFileSync } = await import('node:child_process');
    // A column that never answers keeps the scan busy until the signal arrives.
    const server = await startTestServer({ '/index.html': html(homepage([])), '/stall/index.html': () => {} });
    const dir = mkdtempSync(join(tmpdir(), 'dw-sigint-'));
    const config = join(dir, 'portals.json');
    writeFileSync(
      config,
      JSON.stringify({
        portals: [
          {
            id: 'slow',
            name: '测试',
            homepage: `${server.origin}/index.html`,
            columns: [{ id: 's', name: '慢栏目', url: `${server.origin}/stall/index.html`, kind: 'notice' }],
            crawl: { robots: false },
          },
        ],
      }),
    );
    const child = spawn('node', [BIN, 'scan', '--config', config, '--data-dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until the JVM is up (its data folder appears in the process list), then interrupt.
    const jvmRunning = () =>
      execFileSync('ps', ['-eo', 'args'])
        .toString()
        .split('\n')
        .some((l) => l.includes('DynamoDBLocal') && l.includes(dir));
    for (let i = 0; i < 200 && !jvmRunning(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(jvmRunning()).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('SIGINT: stopping');
    expect(jvmRunning()).toBe(false);
    await server.close();
  });
});

describe('npm run demo', () => {
  it('replays a week of probes, scans the demo portals, prints the findings, writes its alerts and every recipient’s digest', async () => {
    const { existsSync, readdirSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'dw-demo-'));
    const r = await run(['demo', '--data-dir', join(dir, 'data'), '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('梅河口市国土资源局 (mhk-gtj) · 检查日期 2018-01-15');
    // The 整改 week: the score, the ignored false positive, and the departments with late work.
    expect(r.stdout).toMatch(/检查评分估算 \d+(\.\d)? 分（不合格）/);
    expect(r.stdout).toContain('另有 1 项已忽略');
    const late = Object.values(DEMO_WORKFLOW.overdue).reduce((a, b) => a + b, 0);
    expect(r.stdout).toContain(`逾期未整改：${late} 项`);
    expect(r.stdout).toContain(`办公室（信息员 王丽）${DEMO_WORKFLOW.overdue['办公室']} 项`);
    expect(r.stdout).toContain('[否决][待人工确认] wording-error');
    expect(r.stdout).toMatch(/\[已确认 办公室 王丽\]/);
    expect(r.stderr).toMatch(/weekly digest written for 16 recipients/);
    expect(r.stderr).toMatch(/mhk-gtj +339 probes, 13 failed \(3\.8 %\): warning/);
    expect(r.stderr).toMatch(/mhk-tdcb +339 probes, 339 failed \(100 %\): veto/);
    expect(r.stderr).toContain('【已恢复】梅河口市国土资源局首页连续 2 次探测无法访问');
    expect(readdirSync(join(dir, 'out', 'alerts', 'mhk-gtj')).filter((f) => f.includes('-cleared-'))).toHaveLength(5);
    const week = join(dir, 'out', 'mhk-gtj', '2018-W03');
    expect(readdirSync(week).sort()).toEqual(
      ['deputy', 'director', 'head-0', 'webmaster'].flatMap((w) =>
        ['eml', 'html', 'txt'].map((ext) => `${w}@mhk-gtj.example.gov.cn.${ext}`),
      ),
    );
    expect(existsSync(join(dir, 'out', 'mhk-bdc', '2018-W03', 'director@mhk-bdc.example.gov.cn.html'))).toBe(true);
  }, 120_000);
});
