import { columnLabel, makeFinding, officerOf, SITE_OFFICER } from './finding.ts';
import { columnById } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { LinkSnapshot } from '../model/snapshot.ts';
import type { Rule } from './types.ts';

// 链接失效: a link on a monitored page answers 404/410/5xx or refuses the connection, on two
// scans in a row (one failed check is often a server's bad minute). 401/403/429 and timeouts
// are "unverified" and never reach this rule. Major on the homepage, minor elsewhere.

const reason = (l: LinkSnapshot) => (l.status !== undefined ? `HTTP ${l.status}` : (l.error ?? '无法连接'));

export const brokenLink: Rule = (snapshot) => {
  const findings: Finding[] = [];
  // The homepage and the configured columns have rules of their own when they fail
  // (site-unreachable, missing-column): a link to them is not reported twice.
  const watched = new Set([snapshot.portal.homepage, ...snapshot.portal.columns.map((c) => c.url)]);
  for (const link of snapshot.links) {
    if (link.verdict !== 'broken' || link.brokenStreak < 2 || watched.has(link.url)) continue;
    const first = link.foundOn[0];
    const column = first?.columnId ? columnById(snapshot, first.columnId)?.column : undefined;
    const anchor = first?.text || link.url;
    const where = link.onHomepage ? '首页' : column ? columnLabel(column) : '网站页面';
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'broken-link',
        severity: link.onHomepage ? 'major' : 'minor',
        url: link.url,
        title: anchor,
        column: link.onHomepage ? undefined : column,
        message: `${where}中的链接“${anchor}”已失效（${reason(link)}），自 ${link.brokenSince ?? '上次检查'} 起连续检查均无法打开。`,
        action: `请${link.onHomepage || !column ? SITE_OFFICER : officerOf(column)}修正或删除该链接（所在页面：${link.foundOn.map((r) => r.page).join('、')}）。`,
        evidence: {
          status: link.status ?? null,
          error: link.error ?? null,
          brokenSince: link.brokenSince ?? null,
          offsite: link.offsite,
          foundOn: link.foundOn.map((r) => r.page),
          anchorTexts: link.foundOn.map((r) => r.text),
        },
      }),
    );
  }
  return findings;
};
