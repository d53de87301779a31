import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, pageTitle, publishedOf, workingDaysOrNull } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from './types.ts';

// 伪造发稿日期?: an item the service first saw well after the publication date it shows — put
// up late and dated back. Only items that appeared after the portal's first scan can be judged
// (what was there on day one has no "first seen" worth the name), so this never fires on a
// first scan. A suspicion, not proof: the finding asks the 信息员 to check the date.

export const backdatedPublication: Rule = (snapshot, context) => {
  const limit = context.thresholds.backdatedWorkingDays;
  const findings: Finding[] = [];
  if (context.firstScan) return findings;
  for (const page of snapshot.pages.values()) {
    if (!page.fetch.ok || page.notFound || page.firstSeen <= context.firstScanAsOf) continue;
    const published = publishedOf(snapshot, page);
    if (published === null || published > page.firstSeen) continue;
    const workingDays = workingDaysOrNull(context.calendar, published, page.firstSeen);
    if (workingDays === null || workingDays <= limit) continue;
    const column = columnById(snapshot, page.columnId)?.column;
    const title = pageTitle(page);
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'backdated-publication',
        severity: 'major',
        url: page.url,
        title,
        column,
        message: `${column ? columnLabel(column) : '网站'}中的《${title}》标注发布日期 ${published}，但 ${page.firstSeen} 才首次出现在网站上，相隔 ${workingDays} 个工作日（疑似补发后倒填发稿日期）。`,
        action: `请${officerOf(column)}核实《${title}》的实际发布日期；如为补发，应如实标注发布日期，不得倒填。`,
        evidence: { publishedDate: published, firstSeen: page.firstSeen, workingDays, maxWorkingDays: limit },
      }),
    );
  }
  return findings;
};
