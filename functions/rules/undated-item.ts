import { columnLabel, makeFinding, officerOf, uniqueById } from './finding.ts';
import { isGone, isPlaceholderTitle } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from './types.ts';

// 无发布日期: the 2015 inspection note counts an item without a publication date as not
// updated. An item is undated when its list shows no date AND its detail page (when fetched)
// shows no 发布日期 either. A 成文日期 alone does not count: it says when the document was
// formed, not when it was published.
//
// Not judged: `static` columns (机构职能, 公开指南 are checked for emptiness and broken links
// only), `service-guide` columns (a 办事指南 is judged on its elements: guide-missing-elements), placeholder rows (empty-column's), pages that answered 404 (broken-link's), and
// columns that are gone.

export const undatedItem: Rule = (snapshot) => {
  const findings: Finding[] = [];
  for (const c of snapshot.columns) {
    const { column } = c;
    if (column.kind === 'static' || column.kind === 'service-guide' || isGone(c.fetch)) continue;
    for (const item of c.items) {
      if (item.date !== null || isPlaceholderTitle(item.title)) continue;
      const page = snapshot.pages.get(item.url);
      const pageFetched = page !== undefined && page.fetch.ok;
      if (page?.notFound || (pageFetched && page.publishedDate !== null)) continue;
      findings.push(
        makeFinding(snapshot.portal.id, {
          rule: 'undated-item',
          severity: 'minor',
          url: item.url,
          title: item.title,
          column,
          message: `${columnLabel(column)}中的《${item.title}》没有标注发布日期（无日期的信息按未更新计）。`,
          action: `请${officerOf(column)}为《${item.title}》补充发布日期。`,
          evidence: { listDate: null, pageFetched, pagePublishedDate: null },
        }),
      );
    }
  }
  return uniqueById(findings);
};
