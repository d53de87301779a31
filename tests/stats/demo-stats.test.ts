import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectStats, parseStatsArgs, renderStats } from '../../bin/cli/stats-command.ts';
import { UsageError } from '../../bin/cli/args.ts';
import { annualStats, type AnnualStats } from '../../functions/stats/count.ts';
import { formatStatsText } from '../../functions/stats/format.ts';
import { scannedDemoPortal, type DemoStore } from '../support/demo-store.ts';

// The bureau's 2017 report, recomputed from a crawl of the demo site (demo/portal/gtj.ts): the
// columns carry the report's counts (土地利用 29, 土地市场 23 …) plus the seeded problems.

/** 2017 items per column, read off demo/portal/gtj.ts. */
const EXPECTED_2017: Record<string, number> = {
  tdly: 29, // 1 hand-made + a series of 28
  tdlyjh: 2,
  tdsc: 23, // 1 hand-made + a series of 22
  tdzs: 13,
  czyjs: 5,
  jyjy: 2,
  zhtj: 1,
  kxpj: 3,
  dzzh: 9,
  xxgkzd: 0, // its one item is dated 2015-06-10
  gzdt: 103, // + 2 undated
  tzgg: 15, // 2017-12-29 (page date only) + 4 hand-made + 9; the three posted in January 2018 are 2018's
  zcwj: 6, // 3 hand-made (2 late) + 3
  zcjd: 4, // 1 hand-made + 3
  gkzn: 0, // 2016
  ndbg: 1, // the 2016 report, published 2017-01-20 (the 2015 one is dated 2016-01-25)
  hdjl: 0, // down
  rsxx: 0, // empty
  zfgs: 0, // 暂无信息
  spgs: 0, // posted in January 2018
  gfxwj: 0, // posted in January 2018
  bszn: 0, // 办事指南, dated 2016
  djyd: 0, // the wording pages, all of January 2018
};

describe('annual statistics of the demo portal mhk-gtj for 2017', () => {
  let demo: DemoStore;
  let stats: AnnualStats;

  beforeAll(async () => {
    demo = await scannedDemoPortal('stats');
    const [columns, pages] = await Promise.all([
      demo.repo.listColumns(demo.portal.id),
      demo.repo.listPages(demo.portal.id),
    ]);
    stats = annualStats({ portal: demo.portal, year: 2017, columns, pages });
  }, 120_000);
  afterAll(() => demo.close());

  it('counts every column as the report does', () => {
    expect(Object.fromEntries(stats.byColumn.map((c) => [c.columnId, c.count]))).toEqual(EXPECTED_2017);
    const total = Object.values(EXPECTED_2017).reduce((a, b) => a + b, 0);
    expect(total).toBe(216);
    expect(stats.total).toBe(total);
    expect(stats.byMonth.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('counts the 办事指南 listed now: 5 checked, 3 complete', () => {
    expect(stats.guides).toMatchObject({ checked: 5, complete: 3, share: 0.6 });
    expect(stats.guides.incomplete.map((g) => [g.title, g.missing])).toEqual([
      ['乙级测绘资质审批办事指南', ['设定依据']],
      ['临时用地审批办事指南', ['办理材料', '联系电话']],
    ]);
    expect(formatStatsText(stats)).toContain('办事指南5件：要素齐全3件（60.0%），要素缺失2件。');
  });

  it('keeps the two undated 工作动态 items out of the total', () => {
    expect(stats.undated).toBe(2);
    expect(stats.byColumn.find((c) => c.columnId === 'gzdt')?.undated).toBe(2);
  });

  it('sums the departments', () => {
    expect(stats.byDepartment).toEqual([
      { department: '办公室', count: 1 + 103 + 15 + 1 },
      { department: '土地利用科', count: 29 + 2 + 23 },
      { department: '地籍管理科', count: 13 },
      { department: '耕地保护科', count: 2 },
      { department: '地质环境科', count: 3 + 9 },
      { department: '财务科', count: 5 },
      { department: '法规科', count: 6 + 4 },
    ]);
  });

  it('finds the two late 政策文件 (one across the National Day week) and keeps the on-time one on time', () => {
    const zcwj = stats.byColumn.find((c) => c.columnId === 'zcwj')!;
    expect(zcwj.late).toBe(2);
    expect(stats.timeliness.late).toBe(2);
    expect(stats.timeliness.lateItems.map((l) => [l.title, l.workingDays]).sort()).toEqual([
      ['梅河口市国土资源局关于规范土地储备管理工作的实施意见', 25],
      ['梅河口市国土资源局关于进一步加强农村宅基地管理的通知', 21],
    ]);
    expect(stats.timeliness.unknown).toBe(0);
    expect(stats.timeliness.within20WorkingDays).toBe(stats.timeliness.withBothDates - 2);
    expect(stats.timeliness.share).toBeGreaterThan(0.9);
  });

  it('counts the policy documents with and without a 解读', () => {
    expect(stats.policy).toMatchObject({ documents: 6, withInterpretation: 4, withoutInterpretation: 2 });
    expect(stats.policy.without.map((d) => d.title).sort()).toEqual([
      '梅河口市国土资源局关于规范土地储备管理工作的实施意见',
      '梅河口市国土资源局关于进一步加强农村宅基地管理的通知',
    ]);
  });

  it('writes the report sentence', () => {
    expect(formatStatsText(stats)).toContain(
      '2017年网上公开信息216条：土地利用29条；土地利用计划2条；土地市场23条；土地征收13条；财务预算决算5条；节约集约利用2条；综合统计1条；科学普及3条；地质灾害防治9条；工作动态103条；',
    );
  });

  it('reads the same numbers through the stats command, as text, JSON and CSV', async () => {
    const [viaStore] = await collectStats(demo.config, {
      portal: 'mhk-gtj',
      store: 'aws',
      endpoint: inject('dynamoEndpoint'),
      dataDir: '.unused',
      year: 2017,
      tableName: demo.repo.tableName,
    });
    expect(viaStore).toEqual(stats);
    expect(JSON.parse(renderStats([viaStore!], 'json'))).toEqual(stats);
    const csv = renderStats([viaStore!], 'csv').split('\r\n');
    expect(csv).toContain('mhk-gtj,2017,total,,,216');
    expect(csv).toContain('mhk-gtj,2017,column,tdly,土地利用,29');
    expect(csv).toContain('mhk-gtj,2017,column-late,zcwj,政策文件,2');
    expect(renderStats([viaStore!], 'text')).toContain('2017年网上公开信息216条');
  });

  it('runs as `disclosure-watch stats` in a real process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-stats-'));
    const file = join(dir, 'portals.json');
    writeFileSync(file, JSON.stringify(demo.config));
    const bin = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(
      'node',
      [
        bin,
        'stats',
        '--config',
        file,
        '--portal',
        'mhk-gtj',
        '--year',
        '2017',
        '--format',
        'csv',
        '--store',
        'aws',
        '--endpoint',
        inject('dynamoEndpoint'),
      ],
      { timeout: 60_000, env: { ...process.env, DW_TABLE_NAME: demo.repo.tableName } },
    );
    expect(stdout.split('\r\n')).toContain('mhk-gtj,2017,total,,,216');
  });
});

describe('stats arguments', () => {
  it('takes --year and --format csv besides the common options', () => {
    expect(parseStatsArgs(['--config', 'c.json', '--year', '2017', '--format', 'csv'])).toMatchObject({
      config: 'c.json',
      year: 2017,
      format: 'csv',
      store: 'local',
    });
    expect(parseStatsArgs(['--year=2016', '--format=json'])).toMatchObject({ year: 2016, format: 'json' });
    expect(parseStatsArgs(['--year', '2017'])).toMatchObject({ format: 'text' });
  });

  it('rejects a missing or malformed year and an unknown format with the fix', () => {
    expect(() => parseStatsArgs(['--config', 'c.json'])).toThrow(/--year YYYY is required.*--year 2017/);
    expect(() => parseStatsArgs(['--year', '17'])).toThrow(UsageError);
    expect(() => parseStatsArgs(['--year', '2017-01-01'])).toThrow(/four-digit calendar year such as 2017/);
    expect(() => parseStatsArgs(['--year'])).toThrow(/needs a value/);
    expect(() => parseStatsArgs(['--year', '2017', '--format', 'xml'])).toThrow(/text, json or csv/);
    expect(() => parseStatsArgs(['--year', '2017', '--bogus'])).toThrow(UsageError);
  });
});
