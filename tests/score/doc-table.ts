import { DEDUCTION_LINES, PART_CAPS, type DeductionLine } from '../../functions/score/table.ts';

// The tables of docs/score.md, rendered from deductions.json. docs.test.ts fails when the doc's
// copy differs and prints this rendering to paste between the markers.

export const START = '<!-- deduction-table:start (generated from functions/score/deductions.json) -->';
export const END = '<!-- deduction-table:end -->';

const counts = (line: DeductionLine) =>
  [
    `\`${line.rule}\``,
    line.kinds ? `kind ${line.kinds.join(', ')}` : '',
    line.severities ? `severity ${line.severities.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');

export function renderTables(): string {
  return [
    '| part | points | source |',
    '|---|---|---|',
    ...PART_CAPS.map((p) => `| ${p.part} | ${p.points} | ${p.source} |`),
    '',
    '| line id | part | indicator | counts findings of | points each | at most | source |',
    '|---|---|---|---|---|---|---|',
    ...DEDUCTION_LINES.map(
      (l) => `| \`${l.id}\` | ${l.part} | ${l.indicator} | ${counts(l)} | ${l.points} | ${l.maxPoints} | ${l.source} |`,
    ),
  ].join('\n');
}
