import { columnLabel, makeFinding, officerOf, SITE_OFFICER } from './finding.ts';
import { isUnreachable } from './snapshot-queries.ts';
import type { ColumnConfig } from '../config/schema.ts';
import type { FetchOutcome } from '../model/snapshot.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule, RuleContext } from './types.ts';
import type { ProbeFailure } from '../model/availability.ts';
import { availabilityLevel, failurePercent } from './availability.ts';

// 站点无法访问: the homepage or a column could not be fetched (timeout, connection or TLS
// error, 5xx). One failed scan is often a blip, so a finding needs 2 failed scans in a row
// (`failureStreak`, counted by the store, this scan included). Exception: the homepage on the
// portal's first scan — there is no history to wait for, and with the front door shut nothing
// else about the portal can be judged, so the bureau hears at once; a blip resolves next scan.
//
// The homepage answering 404/410 also counts: unlike a column (missing-column's) nothing else
// reports a vanished front page. 401/403/429 prove nothing about the public and never count.
// A URL the store keeps no streak for has no recorded failed scan (e.g. "not crawled yet").
// Availability as the inspection measures it is the homepage's probes over the week, not the
// scan's fetches (rules/availability.ts): the homepage finding turns veto only when that share is
// at the veto line with enough probes, and it opens on that share alone too, since a homepage
// that answers the daily scan may still fail one probe in twenty. A column's failures are work
// for the webmaster (major), never part of the share.

/**
 * A list page that answered (2xx) but is not a web page, or could not be parsed in budget
 * (scan/web-page.ts): the column cannot be read. Reported at once, since waiting a scan changes
 * nothing about a JSON feed, and it is never an empty column.
 */
export const isUnreadable = (fetch: FetchOutcome) =>
  !fetch.ok && fetch.status !== undefined && fetch.status >= 200 && fetch.status < 300;

function fires(url: string, fetch: FetchOutcome, context: RuleContext, homepage: boolean): boolean {
  const streak = context.failureStreak[url] ?? 0;
  if (streak < 1) return false;
  const down = isUnreachable(fetch) || (homepage && (fetch.status === 404 || fetch.status === 410));
  return down && (streak >= 2 || (homepage && context.firstScan));
}

const reason = (f: FetchOutcome) => f.error ?? (f.status !== undefined ? `HTTP ${f.status}` : '未知错误');

/** The availability level of the week's probes against the portal's lines. */
export function weeklyAvailability(context: RuleContext) {
  const w = context.availability;
  const t = context.thresholds;
  return {
    level: availabilityLevel(w, { warningPercent: t.unreachableWarningPercent, vetoPercent: t.unreachableVetoPercent }),
    percent: failurePercent(w),
  };
}

const probeLine = (f: ProbeFailure) => `${f.at} ${f.error ?? f.reason ?? '失败'}（${f.ms} ms）`;

export const siteUnreachable: Rule = (snapshot, context) => {
  const { portal, homepage } = snapshot;
  const findings: Finding[] = [];
  const week = context.availability;
  const { level, percent } = weeklyAvailability(context);
  const scanEvidence = (url: string, f: FetchOutcome) => ({
    status: f.status ?? null,
    error: f.error ?? null,
    failedScans: context.failureStreak[url] ?? 0,
    firstScan: context.firstScan,
  });

  const homepageDown = fires(homepage.url, homepage.fetch, context, true);
  if (homepageDown || level === 'veto') {
    const streak = context.failureStreak[homepage.url] ?? 0;
    const weekText = `近 7 天（${week.from} 至 ${week.to}）首页探测 ${week.probes} 次，失败 ${week.failures} 次（${percent} %）`;
    const message = homepageDown
      ? `${portal.name}首页无法访问（${reason(homepage.fetch)}），已连续 ${streak} 次检查失败。${level === 'veto' ? `${weekText}，已达站点无法访问否决线。` : ''}`
      : `${portal.name}首页时常无法打开：${weekText}，已达站点无法访问否决线（${context.thresholds.unreachableVetoPercent} %）。`;
    findings.push(
      makeFinding(portal.id, {
        rule: 'site-unreachable',
        severity: level === 'veto' ? 'veto' : 'major',
        url: homepage.url,
        title: portal.name,
        message,
        action: `请${SITE_OFFICER}检查网站服务器、网络和域名解析，尽快恢复首页访问，并查明探测失败的原因。`,
        evidence: {
          ...(homepageDown ? scanEvidence(homepage.url, homepage.fetch) : {}),
          probes: week.probes,
          probeFailures: week.failures,
          probeFailurePercent: percent,
          availability: level,
          recentProbeFailures: week.recentFailures.slice(0, 5).map(probeLine),
        },
      }),
    );
  }

  for (const { column, fetch } of snapshot.columns) {
    if (isUnreadable(fetch)) {
      const evidence = { status: fetch.status ?? null, error: fetch.error ?? null, unreadable: true };
      findings.push(columnFinding(portal.id, column, fetch, null, evidence));
      continue;
    }
    if (!fires(column.url, fetch, context, false)) continue;
    findings.push(
      columnFinding(portal.id, column, fetch, context.failureStreak[column.url] ?? 0, scanEvidence(column.url, fetch)),
    );
  }
  return findings;
};

/** A column's finding: down for `streak` scans, or (streak null) answering but unreadable. */
function columnFinding(
  portalId: string,
  column: ColumnConfig,
  fetch: FetchOutcome,
  streak: number | null,
  evidence: Finding['evidence'],
): Finding {
  const label = columnLabel(column);
  return makeFinding(portalId, {
    rule: 'site-unreachable',
    severity: 'major',
    url: column.url,
    title: column.name,
    column,
    message:
      streak === null
        ? `${label}无法读取（${reason(fetch)}）：栏目是否有内容、是否按时更新都无法检查。`
        : `${label}无法访问（${reason(fetch)}），已连续 ${streak} 次检查失败。`,
    action:
      streak === null
        ? `请${SITE_OFFICER}确认配置中的栏目地址是浏览器里看到的栏目列表网页，而不是数据接口（JSON）或文件；若它确是网页，请检查服务器返回的内容类型和页面内容，并告知${officerOf(column)}。`
        : `请${SITE_OFFICER}检查${label}所在服务器，并告知${officerOf(column)}栏目恢复情况。`,
    evidence,
  });
}
