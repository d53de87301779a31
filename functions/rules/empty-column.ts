import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { realItems } from './snapshot-queries.ts';
import type { Rule } from './types.ts';

// 空白栏目 (有栏目无内容): a column that opens but carries nothing, or only a placeholder
// (暂无信息, 正在建设中 …). Only columns fetched this scan count: a column that could not be
// opened is site-unreachable's or missing-column's, and must not double as an empty one.

export const emptyColumn: Rule = (snapshot) =>
  snapshot.columns
    .filter((c) => c.fetch.ok && realItems(c.items).length === 0)
    .map(({ column, items, placeholder, listPages }) => {
      // The placeholder the list showed, or the placeholder rows standing in for items.
      const shown = placeholder ?? items[0]?.title ?? null;
      return makeFinding(snapshot.portal.id, {
        rule: 'empty-column',
        severity: 'veto',
        url: column.url,
        title: column.name,
        column,
        message: shown
          ? `${columnLabel(column)}只有目录没有内容（页面显示“${shown}”），属于空白栏目。`
          : `${columnLabel(column)}没有任何信息，属于空白栏目。`,
        action: `请${officerOf(column)}在${columnLabel(column)}补充发布本栏目信息，或在公开目录中说明暂无此类信息。`,
        evidence: { kind: column.kind, items: items.length, placeholder: shown, listPages },
      });
    });
