import type { PortalConfig } from '../config/schema.ts';
import type { ColumnRecord, PageRecord } from '../store/records.ts';

// 办事指南 completeness for the annual statistics: of the guides the portal lists now, how many
// carry every element they owe (guide-missing-elements reads them the same way, from the names the
// crawler kept). A guide stays in force until its 事项 changes, so guides are counted as listed
// on the day, not by the year of a date: an old guide still listed is still the one citizens use.
// Each URL counts once; pages that failed or answered 404 are not checked.

export interface GuideStats {
  /** Guide pages read (listed in a `service-guide` column, fetched, with their elements read). */
  checked: number;
  /** Of `checked`: guides missing no element. */
  complete: number;
  /** complete / checked, or null when no guide was checked. */
  share: number | null;
  incomplete: { columnId: string; url: string; title: string; missing: string[] }[];
}

export function guideStats(portal: PortalConfig, columns: ColumnRecord[], pages: Map<string, PageRecord>): GuideStats {
  const records = new Map(columns.map((c) => [c.columnId, c]));
  const seen = new Set<string>();
  let checked = 0;
  const incomplete: GuideStats['incomplete'] = [];
  for (const column of portal.columns) {
    if (column.kind !== 'service-guide') continue;
    for (const item of records.get(column.id)?.items ?? []) {
      const page = pages.get(item.url);
      if (seen.has(item.url) || !page?.guide || !page.fetch.ok || page.notFound) continue;
      seen.add(item.url);
      checked += 1;
      if (page.guide.missing.length > 0)
        incomplete.push({
          columnId: column.id,
          url: item.url,
          title: page.title ?? item.title,
          missing: page.guide.missing,
        });
    }
  }
  const complete = checked - incomplete.length;
  return { checked, complete, share: checked === 0 ? null : complete / checked, incomplete };
}
