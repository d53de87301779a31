import { daysBetween, latestDate } from '../calendar/dates.ts';
import { columnLabel, KIND_LABEL, makeFinding, officerOf } from './finding.ts';
import { datesUpTo, isGone } from './snapshot-queries.ts';
import { maxAgeFor } from './thresholds.ts';
import type { Rule } from './types.ts';

// 栏目不更新: the newest dated item of a column is older than its kind allows. The national
// inspection counts 动态/通知公告/政策文件 columns toward a single veto, hence their severity.
//
// - A column with no dated item is not judged here: empty-column and undated-item cover it.
// - A column that timed out this scan is judged on the items the last scan kept (the crawler
//   keeps them so an outage does not flip findings); a column that is gone (404) is not.

const UPDATE_SENSITIVE = new Set(['news', 'notice', 'policy']);

export const staleColumn: Rule = (snapshot, context) => {
  const findings = [];
  for (const c of snapshot.columns) {
    const { column } = c;
    const maxAge = maxAgeFor(column, context.thresholds);
    if (maxAge === null || isGone(c.fetch)) continue;
    const newest = latestDate(datesUpTo(c.items, context.asOf));
    if (newest === null) continue;
    const ageDays = daysBetween(newest, context.asOf);
    if (ageDays <= maxAge) continue;
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'stale-column',
        severity: UPDATE_SENSITIVE.has(column.kind) ? 'veto' : 'major',
        url: column.url,
        title: column.name,
        column,
        message: `${columnLabel(column)}最新信息发布于 ${newest}，已 ${ageDays} 天未更新（${KIND_LABEL[column.kind]}栏目应在 ${maxAge} 天内更新）。`,
        action: `请${officerOf(column)}及时在${columnLabel(column)}发布最新信息；确无新信息的，请在栏目中说明。`,
        evidence: { kind: column.kind, newest, ageDays, maxAgeDays: maxAge, items: c.items.length },
      }),
    );
  }
  return findings;
};
