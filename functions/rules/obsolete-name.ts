import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, publishedOf } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from './types.ts';

// P4 “过时信息”: after an institution is renamed (e.g. 国土资源局 → 自然资源局, 2019 reform), a page
// published on or after the renaming that still uses the old name. Pages published before it
// used the right name at the time and are left alone. The name may be in the body, the title or
// the metadata table (发布机构 / 发文机关 / 发布单位 / 来源), which is not body text.

/** Whether `text` uses `old` outside any occurrence of `current` (the new name may contain the old). */
export function usesOldName(text: string, old: string, current: string): boolean {
  const rest = current ? text.split(current).join('\u0000') : text;
  return rest.includes(old);
}

export const obsoleteName: Rule = (snapshot) => {
  const renames = snapshot.portal.obsoleteNames ?? [];
  if (renames.length === 0) return [];
  const findings: Finding[] = [];
  for (const page of snapshot.pages.values()) {
    const published = publishedOf(snapshot, page);
    if (!published) continue; // undated-item reports it; without a date there is no “after”
    const title = page.title?.trim() ?? '';
    // Records stored before every issuer was kept have only the best-ranked one.
    const issuers = page.issuers ?? (page.publisher ? [page.publisher] : []);
    const placesOf = (r: (typeof renames)[number]) => [
      // The crawler already removed the new names from the body before looking for old ones.
      ...(page.textSignals?.obsoleteNames?.includes(r.old) ? ['正文'] : []),
      ...(usesOldName(title, r.old, r.new) ? ['标题'] : []),
      ...(issuers.some((i) => usesOldName(i, r.old, r.new)) ? ['发布机构'] : []),
    ];
    const hits = renames.filter((r) => published >= r.since && placesOf(r).length > 0);
    const first = hits[0];
    if (!first) continue;
    const places = [...new Set(hits.flatMap(placesOf))];
    const column = columnById(snapshot, page.columnId)?.column;
    const where = column ? columnLabel(column) : '所在栏目';
    const shown = title || page.url;
    const pairs = hits.map((r) => `“${r.old}”（${r.since} 起已更名为“${r.new}”）`).join('、');
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'obsolete-name',
        severity: 'minor',
        url: page.url,
        title: shown,
        column,
        message: `${where}中的《${shown}》发布于 ${published}，${places.join('、')}仍使用旧机构名称${pairs}。`,
        action: `请${officerOf(column)}将《${shown}》中的旧机构名称更正为现名称，并检查同期发布的其他信息。`,
        evidence: {
          old: first.old,
          new: first.new,
          since: first.since,
          publishedDate: published,
          places,
          ...(hits.length > 1 ? { alsoOld: hits.slice(1).map((r) => r.old) } : {}),
        },
      }),
    );
  }
  return findings;
};
