import { RULE_IDS } from '../common/rule-ids.ts';
import { normalizeUrl } from '../common/url.ts';
import { DEFAULT_THRESHOLDS } from '../rules/thresholds.ts';
import type { ResolvedThresholds } from '../rules/types.ts';
import { MAX_LIST_LENGTH, type Config, type PortalConfig } from './schema.ts';
import { pathOf } from './issue-text.ts';

// Mistakes a schema cannot see: sizes far past any real file (checked before the schema, so a
// 50 MB name costs one pass, not a crawl), rule ids that do not exist, lines in the wrong order,
// one column listed twice, a column on someone else's site.

/** The config file itself: a real one, hundreds of portals included, is well under 1 MB. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;
/** Any text in the file: the longest real ones (a lexicon entry's source, a URL) are far shorter. */
export const MAX_TEXT_LENGTH = 2048;

/** Every string and list past its ceiling, by path; empty when none is. */
export function lengthProblems(data: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (problems.length >= 20) return; // enough to find them; the file is absurd anyway
    if (typeof node === 'string' && node.length > MAX_TEXT_LENGTH)
      problems.push(
        `${pathOf(path)}: is ${node.length} characters long; at most ${MAX_TEXT_LENGTH} are allowed. Fix: shorten it.`,
      );
    else if (Array.isArray(node)) {
      if (node.length > MAX_LIST_LENGTH)
        problems.push(
          `${pathOf(path)}: has ${node.length} entries; at most ${MAX_LIST_LENGTH} are allowed. Fix: split the file or shorten the list.`,
        );
      else node.forEach((v, i) => walk(v, [...path, i]));
    } else if (node !== null && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(data, []);
  return problems;
}

/** Edit distance, for "did you mean": rule ids are short, so the quadratic table is cheap. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

export function nearest(word: string, candidates: readonly string[]): string {
  return candidates.reduce((best, c) => (distance(word, c) < distance(word, best) ? c : best));
}

/** Each warning line and the veto line it must stay at or below (docs/rules.md). */
const LINE_PAIRS: [keyof ResolvedThresholds, keyof ResolvedThresholds][] = [
  ['homepageWarningDays', 'homepageMaxAgeDays'],
  ['emptyColumnWarning', 'emptyColumnVeto'],
  ['staleColumnWarning', 'staleColumnVeto'],
  ['staleColumnLongWarning', 'staleColumnLongVeto'],
  ['unreachableWarningPercent', 'unreachableVetoPercent'],
];

function thresholdProblems(portal: PortalConfig, at: string): string[] {
  const own = (portal.thresholds ?? {}) as Partial<Record<keyof ResolvedThresholds, number>>;
  const problems: string[] = [];
  for (const [warning, veto] of LINE_PAIRS) {
    const w = own[warning] ?? (DEFAULT_THRESHOLDS[warning] as number);
    const v = own[veto] ?? (DEFAULT_THRESHOLDS[veto] as number);
    if (w <= v) continue;
    // Point at the line the file sets: with both set, the warning is the one that moved.
    const field = own[warning] !== undefined ? warning : veto;
    const whose = (name: string, n: number) =>
      `${name} ${n}${own[name as keyof ResolvedThresholds] ? '' : ' (default)'}`;
    problems.push(
      `${at}.thresholds.${field}: the warning line ${whose(warning, w)} is above its veto line ${whose(veto, v)}, so the warning could never come first. Fix: keep ${warning} at or below ${veto}.`,
    );
  }
  return problems;
}

/** Errors that need the validated document: rule ids, line order, duplicate column URLs, score weights. */
export function documentProblems(config: Config): string[] {
  const problems: string[] = [];
  config.portals.forEach((portal, pi) => {
    const at = `portals[${pi}]`;
    problems.push(...thresholdProblems(portal, at));
    const byUrl = new Map<string, number>();
    portal.columns.forEach((column, ci) => {
      const cat = `${at}.columns[${ci}]`;
      (column.disabledRules ?? []).forEach((rule, ri) => {
        if ((RULE_IDS as readonly string[]).includes(rule)) return;
        problems.push(
          `${cat}.disabledRules[${ri}]: "${rule}" is not a rule id; did you mean "${nearest(rule, RULE_IDS)}"? Fix: use one of ${RULE_IDS.join(', ')}.`,
        );
      });
      // The same page under two ids would be crawled twice and counted as two columns.
      const key = normalizeUrl(column.url)!;
      const first = byUrl.get(key);
      if (first !== undefined)
        problems.push(
          `${cat}.url: ${column.url} is the same page as ${at}.columns[${first}].url (${portal.columns[first]!.url}). Fix: list each column once.`,
        );
      else byUrl.set(key, ci);
    });
    for (const [line, w] of Object.entries(portal.score?.deductions ?? {}))
      if (w.points !== undefined && w.maxPoints !== undefined && w.points > w.maxPoints)
        problems.push(
          `${at}.score.deductions.${line}.points: ${w.points} per finding is above the line's maxPoints ${w.maxPoints}. Fix: keep points at or below maxPoints.`,
        );
  });
  return problems;
}

/** The site a host belongs to, for "same site": www.mhk.gov.cn and xxgk.mhk.gov.cn are one bureau's. */
const siteOf = (host: string) => host.replace(/^www\./, '').replace(/:\d+$/, '');
// gov.cn or com.cn is a suffix every bureau shares, not a site: under a two-letter country
// domain a site has at least three labels (no public-suffix list: a warning may err on the safe side).
const isSite = (site: string) => site.split('.').length >= (/\.[a-z]{2}$/.test(site) ? 3 : 2);
const within = (sub: string, site: string) => isSite(site) && sub.endsWith(`.${site}`);

/**
 * Warnings: legitimate in some configs, mistakes in most. A column on another site (a province's
 * shared 互动 platform, say) is crawled and judged as the portal's own: its outages count as the
 * portal's.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  config.portals.forEach((portal, pi) => {
    const home = new URL(portal.homepage).host;
    const site = siteOf(home);
    portal.columns.forEach((column, ci) => {
      const host = new URL(column.url).host;
      const other = siteOf(host);
      // Either may be the sub-domain: xxgk.mhk.gov.cn's columns on www.mhk.gov.cn are one site too.
      if (other === site || within(other, site) || within(site, other)) return;
      warnings.push(
        `portals[${pi}].columns[${ci}].url: ${host} is not the homepage's site (${home}); this column's failures will count as ${portal.id}'s own outage and its host is crawled as the portal's. Fix: correct the host if it is a typo; keep it only if the column really lives there (e.g. a shared platform).`,
      );
    });
  });
  return warnings;
}
