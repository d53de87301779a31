import { availabilityLevel, failurePercent, MIN_PROBES } from './availability.ts';
import { awaitsConfirmation, type Finding } from '../model/finding.ts';
import type { ResolvedThresholds } from './types.ts';

// The national single-veto items (单项否决, 国办秘函〔2019〕19号) measured against the open
// findings, with an earlier warning line so a bureau hears before it fails an inspection.

/** `insufficient-data`: too few probes for the inspection's arithmetic (availability only); never a veto. */
export type RiskLevel = 'ok' | 'warning' | 'veto' | 'insufficient-data';

export interface VetoRisk {
  /** Named after the rule it counts, so the JSON reads "empty-column: 2/5". */
  item:
    | 'empty-column'
    | 'stale-column'
    | 'stale-column-long'
    | 'homepage-not-updated'
    | 'site-unreachable'
    | 'backdated-publication'
    | 'privacy-exposure'
    | 'guide-missing-elements'
    | 'poor-interaction'
    | 'wording-error';
  /** The inspection's own words. */
  label: string;
  count: number;
  warningAt: number;
  vetoAt: number;
  level: RiskLevel;
  /** The probes the availability share rests on (站点无法访问 only). */
  probes?: number;
  /** Matches still awaiting a person's confirmation (严重表述错误 only): a warning, never the veto. */
  pending?: number;
}

const UPDATE_SENSITIVE = new Set(['news', 'notice', 'policy']);

function level(count: number, warningAt: number, vetoAt: number): RiskLevel {
  return count >= vetoAt ? 'veto' : count >= warningAt ? 'warning' : 'ok';
}

/**
 * `homepageAgeDays`: days since the homepage's newest item (null: nothing dated at all);
 * `availability`: the week's homepage probes and how many failed.
 */
export function vetoRisks(
  open: Finding[],
  t: ResolvedThresholds,
  homepageAgeDays: number | null,
  availability: { probes: number; failures: number },
): VetoRisk[] {
  const count = (pred: (f: Finding) => boolean) => open.filter(pred).length;
  const empty = count((f) => f.rule === 'empty-column');
  const stale = count((f) => f.rule === 'stale-column' && UPDATE_SENSITIVE.has(String(f.evidence.kind)));
  const longStale = count((f) => f.rule === 'stale-column');
  // With nothing dated anywhere the homepage counts as never updated: at the veto line.
  const homepageAge = homepageAgeDays ?? t.homepageMaxAgeDays;
  const item = (i: VetoRisk['item'], label: string, n: number, w: number, v: number): VetoRisk => ({
    item: i,
    label,
    count: n,
    warningAt: w,
    vetoAt: v,
    level: level(n, w, v),
  });
  return [
    item('empty-column', '空白栏目', empty, t.emptyColumnWarning, t.emptyColumnVeto),
    item('stale-column', '栏目不更新（动态、通知公告、政策文件）', stale, t.staleColumnWarning, t.staleColumnVeto),
    item('stale-column-long', '应更新而长期未更新的栏目', longStale, t.staleColumnLongWarning, t.staleColumnLongVeto),
    item('homepage-not-updated', '首页不更新（天）', homepageAge, t.homepageWarningDays, t.homepageMaxAgeDays),
    {
      item: 'site-unreachable',
      label: '站点无法访问（一周首页探测失败率 %）',
      count: failurePercent(availability),
      warningAt: t.unreachableWarningPercent,
      vetoAt: t.unreachableVetoPercent,
      level: availabilityLevel(availability, {
        warningPercent: t.unreachableWarningPercent,
        vetoPercent: t.unreachableVetoPercent,
      }),
      probes: availability.probes,
    },
    // One confirmed case fails an inspection: a suspicion is already a warning, one case the veto line.
    item(
      'backdated-publication',
      '伪造发稿日期（疑似）',
      count((f) => f.rule === 'backdated-publication'),
      1,
      1,
    ),
    item(
      'privacy-exposure',
      '泄露个人隐私',
      count((f) => f.rule === 'privacy-exposure'),
      1,
      1,
    ),
    serviceRisk(open),
    // 互动回应差: no consultation channel, or a message unanswered past 3 months (a late answer, major, is not).
    item(
      'poor-interaction',
      '互动回应差',
      count((f) => f.rule === 'no-consultation-channel' || (f.rule === 'unanswered-message' && f.severity === 'veto')),
      1,
      1,
    ),
    wordingRisk(open),
  ];
}

/**
 * 服务不实用: no 办事服务, or 办事指南 missing key elements. The count is the guides found
 * incomplete, out of the guides read (the line): one incomplete guide is a warning, and the
 * veto comes when no usable guide is left, every guide incomplete or none readable at all (the
 * rule's `noGuides` finding, 0/0). Why not veto at the first incomplete guide, as the sheet
 * would: which elements a page lacks is read by a heuristic over free layouts, so a person looks
 * at the page before the summary says the portal fails, while a portal without one complete
 * guide fails whatever the reading of any single page.
 */
function serviceRisk(open: Finding[]): VetoRisk {
  const mine = open.filter((f) => f.rule === 'guide-missing-elements');
  const incomplete = mine.filter((f) => f.evidence.noGuides !== true).length;
  const checked = Math.max(0, ...mine.map((f) => Number(f.evidence.guidesChecked ?? 0)));
  // Nothing open: no guide is known to be incomplete; the line stays at one so the item reads 0/1.
  const vetoAt = mine.length === 0 ? 1 : Math.max(checked, incomplete);
  return {
    item: 'guide-missing-elements',
    label: '服务不实用（要素缺失的办事指南/已检查的办事指南）',
    count: incomplete,
    warningAt: 1,
    vetoAt,
    level: level(incomplete, 1, vetoAt),
  };
}

/** 严重表述错误: one confirmed error is the veto; matches awaiting confirmation are a warning only. */
function wordingRisk(open: Finding[]): VetoRisk {
  const serious = open.filter((f) => f.rule === 'wording-error' && f.severity === 'veto');
  const pending = serious.filter(awaitsConfirmation).length;
  const confirmed = serious.length - pending;
  return {
    item: 'wording-error',
    label: '严重表述错误（已确认）',
    count: confirmed,
    warningAt: 1,
    vetoAt: 1,
    level: confirmed >= 1 ? 'veto' : pending > 0 ? 'warning' : 'ok',
    ...(pending > 0 ? { pending } : {}),
  };
}

/** At the warning or the veto line: what summaries list and alerts announce. */
export const atLine = (r: VetoRisk): r is VetoRisk & { level: 'warning' | 'veto' } =>
  r.level === 'warning' || r.level === 'veto';

/** "empty-column: 2/5" — the short form of the JSON summary. */
export const riskCode = (r: VetoRisk) =>
  r.level === 'insufficient-data'
    ? `${r.item}: insufficient data (${r.probes ?? 0} probes)`
    : `${r.item}: ${r.count}/${r.vetoAt}`;

/** "空白栏目 2/5" — the short form for people (text output, subject lines). */
export const riskText = (r: VetoRisk) =>
  r.level === 'insufficient-data'
    ? `${r.label} 数据不足（${r.probes ?? 0} 次探测，需 ${MIN_PROBES} 次）`
    : `${r.label} ${r.count}/${r.vetoAt}${r.pending ? `（待人工确认 ${r.pending}）` : ''}`;
