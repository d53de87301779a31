import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById } from './snapshot-queries.ts';
import type { Rule } from './types.ts';

// 只有目录没有内容 at page level: a catalog entry whose page has a title but no real body
// (only the title, the metadata table or a placeholder) and nothing attached. A page that
// failed or answered 404 is not "empty" — it is a broken link, which broken-link reports.

export const emptyPage: Rule = (snapshot, context) => {
  const min = context.thresholds.emptyPageMinChars;
  const findings = [];
  for (const page of snapshot.pages.values()) {
    const title = page.title?.trim();
    if (!title || !page.fetch.ok || page.notFound || page.attachments > 0) continue;
    if (page.hasBody && page.bodyChars >= min) continue;
    const column = columnById(snapshot, page.columnId)?.column;
    const where = column ? columnLabel(column) : '所在栏目';
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'empty-page',
        severity: 'major',
        url: page.url,
        title,
        column,
        message: `${where}中的《${title}》只有标题没有正文（正文 ${page.bodyChars} 字，无附件）。`,
        action: `请${officerOf(column)}补充《${title}》的正文或附件；确属不予公开的，请撤下该条目或注明不公开理由。`,
        evidence: { bodyChars: page.bodyChars, hasBody: page.hasBody, attachments: 0, minChars: min },
      }),
    );
  }
  return findings;
};
