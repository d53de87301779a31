import { makeFinding, officerOf, SITE_OFFICER } from './finding.ts';
import { isGone } from './snapshot-queries.ts';
import type { Rule } from './types.ts';

// 缺少栏目: a column the catalog expects (config `expectedColumns`) that the portal does not
// show, or a configured column whose list URL is gone (404/410).

/** Comparable form of a column name: full-width folded, no spaces, no trailing 栏目/专栏. */
export function normalizeColumnName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(?:栏目|专栏)$/, '')
    .toLowerCase();
}

/**
 * A navigation text or column name offers an expected column when it CONTAINS the expected
 * name (“政府信息公开指南（2019年版）” offers “政府信息公开指南”). Never the other way round:
 * ubiquitous short links such as “信息公开” would otherwise satisfy every expected name.
 */
const offers = (candidate: string, expected: string) => normalizeColumnName(candidate).includes(expected);

export const missingColumn: Rule = (snapshot) => {
  const { portal, homepage, columns } = snapshot;
  const findings = [];

  for (const c of columns) {
    if (!isGone(c.fetch)) continue;
    findings.push(
      makeFinding(portal.id, {
        rule: 'missing-column',
        severity: 'major',
        url: c.column.url,
        title: c.column.name,
        column: c.column,
        message: `「${c.column.name}」栏目的地址已无法打开（HTTP ${c.fetch.status}），网站上缺少该栏目。`,
        action: `请${officerOf(c.column)}恢复「${c.column.name}」栏目；栏目已迁移的，请告知网站维护人员更新监测配置中的栏目地址。`,
        evidence: { status: c.fetch.status ?? null, error: c.fetch.error ?? null },
      }),
    );
  }

  for (const name of portal.expectedColumns ?? []) {
    const expected = normalizeColumnName(name);
    if (homepage.navLinks.some((l) => offers(l.text, expected))) continue;
    const configured = columns.filter((c) => offers(c.column.name, expected));
    // A configured column of that name that opened is present; one that is gone is reported
    // above by URL; one that failed otherwise is unknown (site-unreachable's business).
    if (configured.length > 0) continue;
    // Without the homepage there is no navigation to look in: silence, not a guess.
    if (!homepage.fetch.ok) continue;
    findings.push(
      makeFinding(portal.id, {
        rule: 'missing-column',
        severity: 'major',
        subject: `expected:${name}`,
        url: homepage.url,
        title: name,
        message: `公开目录要求的「${name}」栏目在网站导航和已配置栏目中均未找到。`,
        action: `请${SITE_OFFICER}会同相关科室开设「${name}」栏目并发布相应信息；若该栏目以其他名称存在，请在监测配置 expectedColumns 中改用网站上的名称。`,
        evidence: { expected: name, navLinks: homepage.navLinks.length, configuredColumns: columns.length },
      }),
    );
  }
  return findings;
};
