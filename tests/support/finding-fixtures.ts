import type { ColumnConfig, Config } from '../../functions/config/schema.ts';
import type { Finding } from '../../functions/model/finding.ts';
import { findingId, makeFinding } from '../../functions/rules/finding.ts';
import { reconcileAndSave } from '../../functions/scan/save-findings.ts';
import type { Repository } from '../../functions/store/repository.ts';

// Findings of the 整改 workflow as two real scans leave them in the store (ids from the rules'
// own hash, history from reconcile): two portals, so an id is looked up across them, and two
// findings of the second portal whose ids share their first 6 characters.

const HOST = 'http://gtj.example.gov.cn';
const column = (id: string, name: string, department: string): ColumnConfig => ({
  id,
  name,
  url: `${HOST}/${id}/index.html`,
  kind: 'notice',
  department,
});
const GZDT = column('gzdt', '工作动态', '办公室');
const TDSC = column('tdsc', '土地市场', '土地利用科');

export const fixtureConfig = (): Config => ({
  portals: [
    {
      id: 'gtj',
      name: '梅河口市国土资源局',
      homepage: `${HOST}/index.html`,
      columns: [GZDT, TDSC],
      departments: [
        { name: '办公室', officer: '王丽' },
        { name: '土地利用科', officer: '张明' },
      ],
      recipients: [{ name: '信息中心 刘工', email: 'web@gtj.example.gov.cn', role: 'webmaster' }],
    },
    {
      id: 'other',
      name: '另一个局',
      homepage: 'http://other.example.gov.cn/index.html',
      columns: [{ id: 'tzgg', name: '通知公告', url: 'http://other.example.gov.cn/tzgg/', kind: 'notice' }],
    },
  ],
});

const finding = (portal: string, over: Parameters<typeof makeFinding>[1]): Finding => makeFinding(portal, over);

/** First seen 2018-01-02: a veto item (due 01-03) and a major one (due 01-09) are overdue on 01-15; a minor one (due 01-16) is not. */
export const EMPTY = finding('gtj', {
  rule: 'empty-column',
  severity: 'veto',
  subject: 'column:gzdt',
  url: GZDT.url,
  title: '工作动态',
  column: GZDT,
  message: '栏目为空',
  action: '补充内容',
  evidence: { items: 0 },
});
export const STALE = finding('gtj', {
  rule: 'stale-column',
  severity: 'major',
  subject: 'column:tdsc',
  url: TDSC.url,
  title: '土地市场',
  column: TDSC,
  message: '栏目长期未更新',
  action: '更新栏目',
  evidence: { newest: '2017-03-02' },
});
/** A title a CSV must quote: a comma and double quotes. */
export const UNDATED = finding('gtj', {
  rule: 'undated-item',
  severity: 'minor',
  url: `${HOST}/tdsc/1.html`,
  title: '关于"土地,出让"的公告',
  column: TDSC,
  message: '未标注日期',
  action: '补充日期',
  evidence: {},
});
/** Site-wide (no column), first seen 2018-01-10: the webmaster's. */
export const BROKEN = finding('gtj', {
  rule: 'broken-link',
  severity: 'minor',
  url: `${HOST}/zt/index.html`,
  title: '专题链接',
  message: '链接失效',
  action: '修复链接',
  evidence: { status: 404 },
});
/** Seen on 2018-01-02 only: resolved by the second scan. */
export const GONE = finding('gtj', {
  rule: 'empty-page',
  severity: 'major',
  url: `${HOST}/gzdt/2.html`,
  title: '已修复的空白页',
  column: GZDT,
  message: '正文为空',
  action: '补充正文',
  evidence: {},
});

/** A site-wide finding of any portal, for tests that need one stored without scanning. */
export const missingColumn = (portalId: string, homepage: string): Finding =>
  finding(portalId, {
    rule: 'missing-column',
    severity: 'major',
    subject: 'expected:依申请公开',
    url: homepage,
    title: '依申请公开',
    message: '缺少栏目',
    action: '增设栏目',
    evidence: {},
  });

/** Two findings of `other` whose ids share their first 6 hex characters (found by trying subjects). */
export function twinFindings(): [Finding, Finding] {
  const seen = new Map<string, string>();
  for (let i = 0; ; i++) {
    const url = `http://other.example.gov.cn/p/${i}.html`;
    const prefix = findingId('other', 'broken-link', url).slice(0, 6);
    const twin = seen.get(prefix);
    if (twin) {
      const make = (u: string) =>
        finding('other', {
          rule: 'broken-link',
          severity: 'minor',
          url: u,
          title: `链接 ${u}`,
          message: '链接失效',
          action: '修复链接',
          evidence: {},
        });
      return [make(twin), make(url)];
    }
    seen.set(prefix, url);
  }
}

/** The two scans: 2018-01-02 (EMPTY, STALE, UNDATED, GONE) and 2018-01-10 (GONE gone, BROKEN new). */
export async function seedFindings(repo: Repository): Promise<{ twins: [Finding, Finding] }> {
  const scan = async (portal: string, scanId: string, asOf: string, current: Finding[]) =>
    reconcileAndSave(repo, portal, await repo.listFindings(portal), current, { scanId, asOf });
  await scan('gtj', 's1', '2018-01-02', [EMPTY, STALE, UNDATED, GONE]);
  await scan('gtj', 's2', '2018-01-10', [EMPTY, STALE, UNDATED, BROKEN]);
  const twins = twinFindings();
  await scan('other', 's1', '2018-01-10', twins);
  return { twins };
}
