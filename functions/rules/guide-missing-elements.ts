import { columnLabel, makeFinding, officerOf, SITE_OFFICER, uniqueById } from './finding.ts';
import { isGone, pageTitle } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from './types.ts';

// 服务不实用 (国办秘函〔2019〕19号): 办事指南 missing key elements (事项名称、设定依据、申请条件、
// 办理材料、办理地点、办理时间、联系电话、办理流程; 收费标准 and 办理时限 where the guide charges
// or promises a time). The crawler reads each page of a `service-guide` column for its elements
// (functions/extract/service-guide.ts) and keeps only their names; this rule names what is missing.
//
// - One finding per guide page, naming every missing element; a label printed without a value
//   (or with 无 where none is impossible) is missing too, and said so.
// - Pages that failed, answered 404 or are no longer listed are not judged (broken-link's).
// - No 办事服务 at all: the portal configures service-guide columns, yet none of them is
//   reachable with a guide page read. That is one portal-wide finding (`evidence.noGuides`),
//   the veto case of 服务不实用 (veto-risk.ts). A portal with no service-guide column configured
//   is not judged: the service cannot tell "no services" from "services elsewhere".

export const guideMissingElements: Rule = (snapshot) => {
  const findings: Finding[] = [];
  const guideColumns = snapshot.columns.filter((c) => c.column.kind === 'service-guide');
  // Listed pages that opened. One stored before guides were read has no `guide` yet: it is read
  // on its next fetch (detail-page.ts asks it unconditionally), and until then it is neither
  // judged nor taken for a missing guide.
  const opened = guideColumns.flatMap((c) =>
    isGone(c.fetch)
      ? []
      : c.items.flatMap((item) => {
          const page = snapshot.pages.get(item.url);
          return page && page.fetch.ok && !page.notFound ? [{ column: c.column, item, page }] : [];
        }),
  );
  const guides = opened.flatMap((g) => (g.page.guide ? [{ ...g, guide: g.page.guide }] : []));
  // Every finding carries how many guides were read, so the veto summary can tell "some guides
  // incomplete" from "no usable guide at all".
  const guidesChecked = new Set(guides.map((g) => g.page.url)).size;
  for (const { column, item, page, guide } of guides) {
    const { missing, found } = guide;
    if (missing.length === 0) continue;
    const empty = new Set(guide.empty ?? []);
    const title = page.title?.trim() || item.title || pageTitle(page);
    const named = missing.map((e) => (empty.has(e) ? `${e}（有标题无内容）` : e)).join('、');
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'guide-missing-elements',
        severity: 'major',
        url: page.url,
        title,
        column,
        message: `${columnLabel(column)}的办事指南《${title}》缺少要素：${named}。`,
        action: `请${officerOf(column)}补全《${title}》的${missing.join('、')}，确保群众按指南一次办成。`,
        evidence: { missing, empty: [...empty], found, guidesChecked },
      }),
    );
  }
  if (guideColumns.length > 0 && opened.length === 0) {
    const first = guideColumns[0]!.column;
    const names = guideColumns.map((c) => columnLabel(c.column)).join('、');
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'guide-missing-elements',
        severity: 'major',
        subject: `${snapshot.portal.id}:service-guides`,
        url: first.url,
        title: '办事指南',
        message: `办事指南栏目（${names}）无法访问或没有可读的办事指南，门户网站无可用的办事服务。`,
        action: `请${SITE_OFFICER}恢复办事指南栏目并发布完整的办事指南，或链接到政务服务网对应事项。`,
        evidence: { noGuides: true, columns: guideColumns.map((c) => c.column.id), guidesChecked: 0 },
      }),
    );
  }
  return uniqueById(findings);
};
