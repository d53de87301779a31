import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../functions/config/load-config.ts';

const valid = () => ({
  portals: [
    {
      id: 'mhk-gtj',
      name: '梅河口市国土资源局',
      homepage: 'http://127.0.0.1:8080/index.html',
      columns: [
        {
          id: 'tdsc',
          name: '土地市场',
          url: 'http://127.0.0.1:8080/tdsc/index.html',
          kind: 'notice',
          department: '土地利用科',
        },
        { id: 'gzdt', name: '工作动态', url: 'http://127.0.0.1:8080/gzdt/index.html', kind: 'news' },
      ],
      departments: [{ name: '土地利用科', officer: '张明', email: 'zhangming@example.gov.cn' }],
    },
  ],
});

function problemsOf(data: unknown): string[] {
  try {
    parseConfig(data, 'portals.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('portal config', () => {
  it('accepts the docs/config.md shape with optional blocks left out', () => {
    expect(parseConfig(valid()).portals[0]!.columns).toHaveLength(2);
  });

  it('rejects an unknown field with its JSON path, so a typo never silently disables a rule', () => {
    const c = valid();
    (c.portals[0]!.columns[0] as Record<string, unknown>).maxAgeDay = 30;
    expect(problemsOf(c)).toEqual([
      expect.stringMatching(/^portals\[0\]\.columns\[0\]: unknown field "maxAgeDay"\. Fix: remove or rename it/),
    ]);
  });

  it('rejects a relative or non-http URL and says what a good one looks like', () => {
    const c = valid();
    c.portals[0]!.columns[1]!.url = '/gzdt/index.html';
    c.portals[0]!.homepage = 'ftp://example.gov.cn/';
    const problems = problemsOf(c);
    expect(problems).toContainEqual(
      expect.stringMatching(/^portals\[0\]\.homepage: must be an absolute http:\/\/ or https:\/\/ URL/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^portals\[0\]\.columns\[1\]\.url: must be an absolute/));
  });

  it('rejects a column of a department the portal does not declare, naming the known ones', () => {
    const c = valid();
    c.portals[0]!.columns[1]!.department = '土地科';
    expect(problemsOf(c)).toEqual([
      'portals[0].columns[1].department: "土地科" is not one of the portal\'s departments (土地利用科). Fix: add it to portals[0].departments or correct the name.',
    ]);
  });

  it('rejects duplicate portal and column ids', () => {
    const c = valid();
    c.portals[0]!.columns[1]!.id = 'tdsc';
    c.portals.push({ ...valid().portals[0]! });
    const problems = problemsOf(c);
    expect(problems).toContainEqual(
      expect.stringMatching(/^portals\[1\]\.id: "mhk-gtj" is already used by portals\[0\]/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^portals\[0\]\.columns\[1\]\.id: "tdsc" is already used by portals\[0\]\.columns\[0\]/),
    );
  });

  it('rejects an unknown column kind listing the allowed kinds', () => {
    const c = valid();
    (c.portals[0]!.columns[0] as Record<string, unknown>).kind = 'notices';
    expect(problemsOf(c)[0]).toMatch(/^portals\[0\]\.columns\[0\]\.kind: must be one of news, notice, policy/);
  });

  it('reports a missing required field as missing', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    delete c.portals[0]!.homepage;
    expect(problemsOf(c)).toEqual([expect.stringMatching(/^portals\[0\]\.homepage: required field is missing/)]);
  });

  it('keeps availability probes on the portal’s own hosts', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    c.portals[0]!.probeUrls = ['http://127.0.0.1:8080/xxgk/index.html', 'http://elsewhere.example.com/'];
    expect(problemsOf(c)).toEqual([
      'portals[0].probeUrls[1]: elsewhere.example.com is not one of the portal’s hosts (127.0.0.1:8080). Fix: probe a page of the portal itself.'.replace(
        '’',
        "'",
      ),
    ]);
  });

  it('takes a webmaster recipient and an alerts block whose secrets are references', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    c.portals[0]!.recipients = [{ name: '信息中心', email: 'webmaster@example.gov.cn', role: 'webmaster' }];
    c.portals[0]!.alerts = { channels: [{ type: 'wecom', url: { env: 'DW_WECOM_URL' } }] };
    expect(parseConfig(c).portals[0]!.alerts?.channels).toHaveLength(1);
    c.portals[0]!.alerts = {
      channels: [{ type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }],
    };
    expect(problemsOf(c)[0]).toMatch(/^portals\[0\]\.alerts\.channels\[0\]\.url: must be a secret reference/);
  });

  it('takes 整改 deadlines per severity and per rule, and names an unknown rule id', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    c.portals[0]!.deadlines = { major: 3, rules: { 'late-publication': 8 } };
    expect(parseConfig(c).portals[0]!.deadlines).toEqual({ major: 3, rules: { 'late-publication': 8 } });
    c.portals[0]!.deadlines = { rules: { 'late-publications': 8 } };
    expect(problemsOf(c)[0]).toMatch(/^portals\[0\]\.deadlines\.rules/);
  });

  // The `score` block reweighs lines of the deduction table (docs/score.md). Every id is checked: a
  // misspelt one would otherwise leave the default weight in place without a word.
  it('takes per-line score weights', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    const score = {
      deductions: { 'annual-report-missing': { points: 10, maxPoints: 10 }, 'empty-page': { points: 0 } },
    };
    c.portals[0]!.score = score;
    expect(parseConfig(c).portals[0]!.score).toEqual(score);
  });

  it('rejects an unknown score line id, naming its path and the valid ids', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    c.portals[0]!.score = { deductions: { 'stale-polcy-column': { points: 3 } } };
    const [problem, ...rest] = problemsOf(c);
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^portals\[0\]\.score\.deductions\.stale-polcy-column: "stale-polcy-column" is not a deduction line id/,
    );
    expect(problem).toContain('stale-policy-column');
    expect(problem).toContain('broken-link-page');
  });

  it('rejects unknown score fields and negative points', () => {
    const c = valid() as { portals: Record<string, unknown>[] };
    c.portals[0]!.score = { deduction: {} };
    expect(problemsOf(c)[0]).toMatch(/^portals\[0\]\.score: unknown field "deduction"/);
    c.portals[0]!.score = { deductions: { 'empty-page': { point: 1 } } };
    expect(problemsOf(c)[0]).toMatch(/^portals\[0\]\.score\.deductions\.empty-page: unknown field "point"/);
    c.portals[0]!.score = { deductions: { 'empty-page': { points: -1 } } };
    expect(problemsOf(c)[0]).toMatch(/^portals\[0\]\.score\.deductions\.empty-page\.points: must be 0 or more/);
  });
});
