import { daysBetween } from '../calendar/dates.ts';
import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, pageTitle } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { PageSnapshot, TextSignals } from '../model/snapshot.ts';
import type { Rule } from './types.ts';

// P4 “对过期和过时信息删除或更新不够及时”: a page still listed as current (only listed pages are in
// the snapshot) whose stated validity or notice period ended more than 30 days ago, or whose
// 有效性 field says 失效/废止. A page that also states a period still running (e.g. a licence
// renewed “延续至2025年”) is not expired, so the latest period decides.

const GRACE_DAYS = 30;

type Period = NonNullable<TextSignals['periods']>[number];

function latestPeriod(page: PageSnapshot): Period | null {
  let best: Period | null = null;
  for (const p of page.textSignals?.periods ?? []) if (!best || p.ends > best.ends) best = p;
  return best;
}

export const expiredContent: Rule = (snapshot, context) => {
  const findings: Finding[] = [];
  for (const page of snapshot.pages.values()) {
    const validity = page.validity && /失效|废止/.test(page.validity) ? page.validity.trim() : null;
    const period = latestPeriod(page);
    const since = period ? daysBetween(period.ends, context.asOf) : null;
    const expired = period && since !== null && since > GRACE_DAYS ? { period, since } : null;
    if (!validity && !expired) continue;

    const column = columnById(snapshot, page.columnId)?.column;
    const where = column ? columnLabel(column) : '所在栏目';
    const title = pageTitle(page);
    const why = [
      ...(validity ? [`有效性标注为“${validity}”`] : []),
      ...(expired ? [`所述期限（${expired.period.text}）已于 ${expired.period.ends} 结束 ${expired.since} 天`] : []),
    ].join('，且');
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'expired-content',
        severity: 'minor',
        url: page.url,
        title,
        column,
        message: `${where}中的《${title}》仍作为现行信息展示，但${why}。`,
        action: `请${officerOf(column)}将已过期的《${title}》移入历史信息栏目或标注“已过期”，并核实是否需要更新。`,
        evidence: {
          ...(validity ? { validity } : {}),
          ...(expired ? { period: expired.period.text, ends: expired.period.ends, daysSinceEnd: expired.since } : {}),
        },
      }),
    );
  }
  return findings;
};
