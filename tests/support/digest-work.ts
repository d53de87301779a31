import type { PortalConfig } from '../../functions/config/schema.ts';
import type { DigestScore } from '../../functions/digest/score.ts';
import type { FindingDecision, IgnoreReason } from '../../functions/model/finding.ts';
import { DEFAULT_THRESHOLDS } from '../../functions/rules/thresholds.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import type { ScanRecord, StoredFinding } from '../../functions/store/records.ts';
import { columnConfig, HOST, portalConfig } from './builders.ts';

// One portal's findings as 整改 work on Wednesday 2018-01-17, with due dates and lateness worked
// out by hand on the State Council's calendar (元旦 2018-01-01 is a holiday; allowances veto 1,
// major 5, minor 10 working days). "WD late" is working days past due as of 2018-01-17:
//
//   id              dept      severity first seen  due         WD late  2× allowance  督办
//   major-jan2      土地利用科 major    2018-01-02  2018-01-09  6        10            no
//   veto-at-2x      办公室     veto     2018-01-12  2018-01-15  2        2             no (exactly 2×)
//   veto-past-2x    办公室     veto     2018-01-11  2018-01-12  3        2             yes
//   minor-past-2x   土地利用科 minor    2017-12-01  2017-12-15  22       20            yes
//   minor-at-2x     法规科     minor    2017-12-05  2017-12-19  20       20            no (exactly 2×)
//   fresh           土地利用科 major    2018-01-16  2018-01-23  —        —             no
//   site-wide       (webmaster) minor   2018-01-15  2018-01-29  —        —             no
//
// veto-at-2x and minor-past-2x are acknowledged (still counted, still late); three findings are
// ignored (two false positives, one accepted risk) and one resolved this week.

export const AS_OF = '2018-01-17';

export const workPortal: PortalConfig = portalConfig(
  [
    columnConfig({ id: 'tdsc', name: '土地市场', kind: 'notice', department: '土地利用科' }),
    columnConfig({ id: 'gzdt', name: '工作动态', kind: 'news', department: '办公室' }),
    columnConfig({ id: 'fgwj', name: '法规文件', kind: 'policy', department: '法规科' }),
  ],
  {
    departments: [
      { name: '办公室', officer: '王丽' },
      { name: '土地利用科', officer: '张明' },
      { name: '法规科', officer: '李强' },
      { name: '档案室', officer: '赵敏' },
    ],
    recipients: [
      { name: '局长', email: 'director@example.gov.cn', role: 'leader' },
      { name: '法规科科长', email: 'law@example.gov.cn', role: 'department', department: '法规科' },
      { name: '刘伟', email: 'webmaster@example.gov.cn', role: 'webmaster' },
    ],
  },
);

/** The `count` lines after the line `heading` of a text digest; fails when the heading is not there. */
export function linesAfter(text: string, heading: string, count: number): string[] {
  const lines = text.split('\n');
  const at = lines.indexOf(heading);
  if (at < 0) throw new Error(`no line "${heading}" in the digest`);
  return lines.slice(at + 1, at + 1 + count);
}

const COLUMN_OF: Record<string, string> = { 土地利用科: 'tdsc', 办公室: 'gzdt', 法规科: 'fgwj' };

export function workFinding(id: string, over: Partial<StoredFinding>): StoredFinding {
  const department = 'department' in over ? over.department : '办公室';
  return {
    id,
    portalId: 'mhk-gtj',
    rule: 'late-publication',
    severity: 'major',
    subject: `${HOST}/${id}.html`,
    url: `${HOST}/${id}.html`,
    title: `《${id}》`,
    message: `${id} 的问题`,
    action: `${id} 的整改`,
    evidence: {},
    status: 'open',
    version: 1,
    firstSeenScan: 's',
    firstSeenAsOf: AS_OF,
    lastChangedScan: 's',
    reopened: 0,
    ...(department ? { department, columnId: COLUMN_OF[department] } : {}),
    ...over,
  };
}

const decided = (action: 'ack' | 'ignore', by: string, reason?: IgnoreReason): FindingDecision => ({
  action,
  by,
  identity: `local:${by}`,
  at: '2018-01-16T02:00:00.000Z',
  ...(reason ? { reason } : {}),
  note: action === 'ack' ? '已安排整改' : '人工复核',
  substance: 'x',
});

export const workFindings: StoredFinding[] = [
  workFinding('major-jan2', { firstSeenAsOf: '2018-01-02', department: '土地利用科' }),
  workFinding('veto-at-2x', {
    rule: 'empty-column',
    severity: 'veto',
    firstSeenAsOf: '2018-01-12',
    status: 'acknowledged',
    decision: decided('ack', '李四'),
  }),
  workFinding('veto-past-2x', { rule: 'privacy-exposure', severity: 'veto', firstSeenAsOf: '2018-01-11' }),
  workFinding('minor-past-2x', {
    rule: 'undated-item',
    severity: 'minor',
    firstSeenAsOf: '2017-12-01',
    department: '土地利用科',
    status: 'acknowledged',
    decision: decided('ack', '张明'),
  }),
  workFinding('minor-at-2x', {
    rule: 'broken-link',
    severity: 'minor',
    firstSeenAsOf: '2017-12-05',
    department: '法规科',
  }),
  workFinding('fresh', { rule: 'expired-content', firstSeenAsOf: '2018-01-16', department: '土地利用科' }),
  workFinding('site-wide', {
    rule: 'obsolete-name',
    severity: 'minor',
    firstSeenAsOf: '2018-01-15',
    department: undefined,
  }),
  // Would be escalated, and counted this week, were they not ignored.
  workFinding('ignored-fp-old', {
    rule: 'privacy-exposure',
    severity: 'veto',
    firstSeenAsOf: '2017-12-01',
    department: '土地利用科',
    status: 'ignored',
    decision: decided('ignore', '王丽', 'false-positive'),
  }),
  workFinding('ignored-fp-new', {
    firstSeenAsOf: '2018-01-15',
    status: 'ignored',
    decision: decided('ignore', '王丽', 'false-positive'),
  }),
  workFinding('ignored-accepted', {
    rule: 'broken-link',
    severity: 'minor',
    firstSeenAsOf: '2017-12-10',
    department: '法规科',
    status: 'ignored',
    decision: decided('ignore', '李强', 'accepted'),
  }),
  workFinding('resolved-in-week', {
    rule: 'stale-column',
    severity: 'veto',
    firstSeenAsOf: '2017-12-20',
    status: 'resolved',
    resolvedAsOf: '2018-01-16',
  }),
];

/** The latest scan, whose veto items the first screen leads with (counted findings only). */
export const workScan: ScanRecord = {
  scanId: '20180117T000000Z',
  portalId: 'mhk-gtj',
  asOf: AS_OF,
  startedAt: '2018-01-17T00:00:00.000Z',
  finishedAt: '2018-01-17T00:05:00.000Z',
  columns: 3,
  pages: 0,
  findings: { open: 7, new: 2, resolved: 1, ignored: 3, byRule: {} },
  counters: { requests: 0, bytes: 0, notModified: 0, pagesParsed: 0, writes: 0, failures: 0 },
  vetoRisks: vetoRisks(
    workFindings.filter((f) => f.status === 'open' || f.status === 'acknowledged'),
    DEFAULT_THRESHOLDS,
    3,
    { probes: 336, failures: 0 },
  ),
  warnings: [],
};

export const workScore: DigestScore = {
  verdict: '合格',
  score: 72,
  reasons: [],
  trend: [null, null, 65, 66, 66, 70, 71, 72],
  byPart: [
    { part: '发布解读', deducted: 18, points: 45 },
    { part: '办事服务', deducted: 0, points: 25 },
    { part: '互动交流', deducted: 10, points: 15 },
    { part: '功能设计', deducted: 0, points: 15 },
  ],
  byDepartment: [
    { department: '办公室', deducted: 20 },
    { department: '法规科', deducted: 8 },
  ],
  topFixes: [
    { what: '法规文件栏目 6 个月未更新', points: 5 },
    { what: '留言答复 2 个月未更新', points: 3 },
    { what: '政策解读缺失', points: 2 },
    { what: '链接失效', points: 1 },
  ],
};
