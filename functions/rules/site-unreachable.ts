import { columnLabel, makeFinding, officerOf, SITE_OFFICER } from './finding.ts';
import { isUnreachable } from './snapshot-queries.ts';
import type { ColumnConfig } from '../config/schema.ts';
import type { FetchOutcome } from '../model/snapshot.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule, RuleContext } from './types.ts';

// 站点无法访问: the homepage or a column could not be fetched (timeout, connection or TLS
// error, 5xx). One failed scan is often a blip, so a finding needs 2 failed scans in a row
// (`failureStreak`, counted by the store, this scan included). Exception: the homepage on the
// portal's first scan — there is no history to wait for, and with the front door shut nothing
// else about the portal can be judged, so the bureau hears at once; a blip resolves next scan.
//
// The homepage answering 404/410 also counts: unlike a column (missing-column's) nothing else
// reports a vanished front page. 401/403/429 prove nothing about the public and never count.
// A URL the store keeps no streak for has no recorded failed scan (e.g. "not crawled yet").
// The national line is about the week: when ≥ 5 % (configurable) of the week's attempts failed,
// the findings become veto-level (`context.availability`, summed by the store over 7 days).

function fires(url: string, fetch: FetchOutcome, context: RuleContext, homepage: boolean): boolean {
  const streak = context.failureStreak[url] ?? 0;
  if (streak < 1) return false;
  const down = isUnreachable(fetch) || (homepage && (fetch.status === 404 || fetch.status === 410));
  return down && (streak >= 2 || (homepage && context.firstScan));
}

const reason = (f: FetchOutcome) => f.error ?? (f.status !== undefined ? `HTTP ${f.status}` : '未知错误');

/** Share of the week's homepage and column fetches that failed, in percent. */
export function weeklyFailurePercent(context: RuleContext): number {
  const { attempts, failures } = context.availability;
  return attempts === 0 ? 0 : (100 * failures) / attempts;
}

export const siteUnreachable: Rule = (snapshot, context) => {
  const { portal, homepage } = snapshot;
  const findings: Finding[] = [];
  const percent = weeklyFailurePercent(context);
  const severity = percent >= context.thresholds.unreachableVetoPercent ? 'veto' : 'major';
  const evidence = (url: string, f: FetchOutcome) => ({
    status: f.status ?? null,
    error: f.error ?? null,
    failedScans: context.failureStreak[url] ?? 0,
    firstScan: context.firstScan,
    weekAttempts: context.availability.attempts,
    weekFailures: context.availability.failures,
    weekFailurePercent: Math.round(percent * 10) / 10,
  });

  if (fires(homepage.url, homepage.fetch, context, true)) {
    const streak = context.failureStreak[homepage.url] ?? 0;
    findings.push(
      makeFinding(portal.id, {
        rule: 'site-unreachable',
        severity,
        url: homepage.url,
        title: portal.name,
        message: `${portal.name}首页无法访问（${reason(homepage.fetch)}），已连续 ${streak} 次检查失败。`,
        action: `请${SITE_OFFICER}检查网站服务器和网络，尽快恢复首页访问。`,
        evidence: evidence(homepage.url, homepage.fetch),
      }),
    );
  }

  for (const { column, fetch } of snapshot.columns) {
    if (!fires(column.url, fetch, context, false)) continue;
    findings.push(
      columnFinding(
        portal.id,
        column,
        fetch,
        context.failureStreak[column.url] ?? 0,
        evidence(column.url, fetch),
        severity,
      ),
    );
  }
  return findings;
};

function columnFinding(
  portalId: string,
  column: ColumnConfig,
  fetch: FetchOutcome,
  streak: number,
  evidence: Finding['evidence'],
  severity: Finding['severity'],
): Finding {
  return makeFinding(portalId, {
    rule: 'site-unreachable',
    severity,
    url: column.url,
    title: column.name,
    column,
    message: `${columnLabel(column)}无法访问（${reason(fetch)}），已连续 ${streak} 次检查失败。`,
    action: `请${SITE_OFFICER}检查${columnLabel(column)}所在服务器，并告知${officerOf(column)}栏目恢复情况。`,
    evidence,
  });
}
