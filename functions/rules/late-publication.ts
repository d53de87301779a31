import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, pageTitle, publishedOf, workingDaysOrNull } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from './types.ts';

// 公开不及时: 条例 Art. 26 — proactive information is published within 20 working days of being
// formed. Working days are Chinese ones (调休 Saturdays count, 国庆/春节 weeks do not).
//
// - The publication date is the page's 发布日期, else the date its list shows.
// - A page published before it was formed counts 0 days: a data oddity, not a late page.
// - `static` columns are not judged (emptiness and broken links only).
// - Dates outside the years the calendar carries (e.g. a 2003 document, or a scan run before
//   chinese-days has the new year's schedule) are skipped rather than counted by weekdays.

export const latePublication: Rule = (snapshot, context) => {
  const limit = context.thresholds.latePublicationWorkingDays;
  const findings: Finding[] = [];
  for (const page of snapshot.pages.values()) {
    if (!page.fetch.ok || page.notFound || page.generatedDate === null) continue;
    const column = columnById(snapshot, page.columnId)?.column;
    if (column?.kind === 'static') continue;
    const publishedSource = page.publishedDate !== null ? 'page' : 'list';
    const published = publishedOf(snapshot, page);
    if (published === null) continue;
    // Published before it was formed (a negative count) is a data oddity, not a late page.
    const workingDays = workingDaysOrNull(context.calendar, page.generatedDate, published);
    if (workingDays === null || workingDays <= limit) continue;
    const title = pageTitle(page);
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'late-publication',
        severity: 'major',
        url: page.url,
        title,
        column,
        message: `${column ? columnLabel(column) : ''}《${title}》成文于 ${page.generatedDate}，${published} 才公开，相隔 ${workingDays} 个工作日（应在 ${limit} 个工作日内公开）。`,
        action: `请${officerOf(column)}今后在文件生成后 ${limit} 个工作日内报送公开，并核实本条发布日期是否准确。`,
        evidence: { generatedDate: page.generatedDate, publishedDate: published, publishedSource, workingDays, limit },
      }),
    );
  }
  return findings;
};
