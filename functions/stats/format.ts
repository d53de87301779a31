import { departmentOf } from '../common/department.ts';
import type { AnnualStats } from './count.ts';

// How the annual statistics are shown: the report's Chinese sentence and tables for a terminal,
// the JSON document, and one long CSV table a spreadsheet can pivot.

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Display width: CJK (full-width) characters take two columns of a terminal. */
const displayWidth = (s: string) => [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** Rows under their headers in columns aligned by display width, each line indented two spaces. */
export function textTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells
    .map(
      (r) =>
        '  ' +
        r
          .map((c, i) => pad(c, widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** The report's sentence and tables, in Chinese. */
export function formatStatsText(stats: AnnualStats): string {
  const y = stats.year;
  const counted = stats.byColumn.filter((c) => c.count > 0);
  const sentence =
    `${y}年网上公开信息${stats.total}条` +
    (counted.length > 0 ? `：${counted.map((c) => `${c.name}${c.count}条`).join('；')}。` : '。');
  const t = stats.timeliness;
  const p = stats.policy;
  const lines = [
    `${stats.portalName}（${stats.portalId}）${y}年政府信息公开统计`,
    '',
    sentence,
    ...(stats.undated > 0 ? [`另有${stats.undated}条信息列表和页面均未标注日期，未计入任何年度。`] : []),
    '',
    '按栏目：',
    textTable(
      ['栏目', '科室', '条数', '超期', '未标日期'],
      stats.byColumn.map((c) => [c.name, departmentOf(c), c.count, c.late, c.undated]),
    ),
    '',
    '按科室：',
    textTable(
      ['科室', '条数'],
      stats.byDepartment.map((d) => [d.department, d.count]),
    ),
    '',
    '按月份：',
    textTable(
      ['月份', '条数'],
      stats.byMonth.map((n, i) => [`${i + 1}月`, n]),
    ),
    '',
    `公开及时性：成文日期与发布日期齐全的${t.withBothDates}条中，${t.within20WorkingDays}条在${t.limitWorkingDays}个工作日内公开（${percent(t.share)}），${t.late}条超过${t.limitWorkingDays}个工作日` +
      (t.unknown > 0 ? `；另有${t.unknown}条日期超出工作日历覆盖范围，无法判断。` : '。'),
    ...t.lateItems.map(
      (l) => `  · 《${l.title}》成文${l.generatedDate}，发布${l.publishedDate}，相隔${l.workingDays}个工作日`,
    ),
    '',
    `政策文件${p.documents}件：有解读${p.withInterpretation}件，无解读${p.withoutInterpretation}件。`,
    ...p.without.map((d) => `  · 无解读：《${d.title}》`),
    ...guideLines(stats),
  ];
  return lines.join('\n');
}

/** 办事指南 completeness; left out for a portal that lists no guide. */
function guideLines(stats: AnnualStats): string[] {
  const g = stats.guides;
  if (g.checked === 0) return [];
  return [
    '',
    `办事指南${g.checked}件：要素齐全${g.complete}件（${percent(g.share)}），要素缺失${g.checked - g.complete}件。`,
    ...g.incomplete.map((i) => `  · 《${i.title}》缺少${i.missing.join('、')}`),
  ];
}

/** The JSON document of `stats --format json` (one portal). */
export function statsDocument(stats: AnnualStats): AnnualStats {
  return stats;
}

export function statsJson(stats: AnnualStats): string {
  return JSON.stringify(statsDocument(stats), null, 2);
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes. */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['portal', 'year', 'section', 'key', 'name', 'value'] as const;

/**
 * One long ("tidy") table, CRLF line ends, header `portal,year,section,key,name,value`:
 *   total,,,N · undated,,,N
 *   column,<columnId>,<name>,N · column-late,<columnId>,<name>,N · column-undated,<columnId>,<name>,N
 *   department,<department>,<department>,N · month,01..12,1月..12月,N
 *   timeliness,withBothDates|within20WorkingDays|late|unknown|share,,N (share 0..1, empty if null)
 *   late,<url>,<title>,<working days>
 *   policy,documents|withInterpretation|withoutInterpretation,,N · policy-without,<url>,<title>,
 *   guides,checked|complete|share,,N (share 0..1, empty if null) · guide-incomplete,<url>,<title>,<missing、…>
 * Several portals share one header (pass them all).
 */
export function statsCsv(stats: AnnualStats | AnnualStats[]): string {
  const all = Array.isArray(stats) ? stats : [stats];
  const rows: (string | number | null)[][] = [[...CSV_HEADER]];
  for (const s of all) {
    const row = (section: string, key: string, name: string, value: string | number | null) =>
      rows.push([s.portalId, s.year, section, key, name, value]);
    row('total', '', '', s.total);
    row('undated', '', '', s.undated);
    for (const c of s.byColumn) row('column', c.columnId, c.name, c.count);
    for (const c of s.byColumn) row('column-late', c.columnId, c.name, c.late);
    for (const c of s.byColumn) row('column-undated', c.columnId, c.name, c.undated);
    for (const d of s.byDepartment) row('department', d.department, d.department, d.count);
    s.byMonth.forEach((n, i) => row('month', String(i + 1).padStart(2, '0'), `${i + 1}月`, n));
    const t = s.timeliness;
    row('timeliness', 'withBothDates', '', t.withBothDates);
    row('timeliness', 'within20WorkingDays', '', t.within20WorkingDays);
    row('timeliness', 'late', '', t.late);
    row('timeliness', 'unknown', '', t.unknown);
    row('timeliness', 'share', '', t.share);
    for (const l of t.lateItems) row('late', l.url, l.title, l.workingDays);
    row('policy', 'documents', '', s.policy.documents);
    row('policy', 'withInterpretation', '', s.policy.withInterpretation);
    row('policy', 'withoutInterpretation', '', s.policy.withoutInterpretation);
    for (const d of s.policy.without) row('policy-without', d.url, d.title, null);
    row('guides', 'checked', '', s.guides.checked);
    row('guides', 'complete', '', s.guides.complete);
    row('guides', 'share', '', s.guides.share);
    for (const g of s.guides.incomplete) row('guide-incomplete', g.url, g.title, g.missing.join('、'));
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
