import * as z from 'zod';
import data from './deductions.json' with { type: 'json' };
import { RULE_IDS, type Severity } from '../common/rule-ids.ts';
import { COLUMN_KINDS, type ColumnKind, type PortalConfig } from '../config/schema.ts';

// The deduction table of the inspection score estimate (检查评分估算), read from deductions.json
// and checked once when the module loads: a broken table fails at cold start, never mid-digest.
// docs/score.md shows the same table and its sources.

/** The deduction parts (部分) of the 2019 indicators, in their order. Their points sum to 100. */
import { SCORE_PARTS, type ScorePart } from '../model/score.ts';

export { SCORE_PARTS, type ScorePart };

const SCORED_RULE_IDS = RULE_IDS;
export type ScoredRuleId = (typeof SCORED_RULE_IDS)[number];

const source = z.string().trim().min(1, { message: 'every line names its source, or says "estimate: …"' });
// Points are kept to one decimal: the estimate adds them in tenths, so no float drift reaches a verdict.
const points = z.number().min(0).max(100);

const partSchema = z.strictObject({ part: z.enum(SCORE_PARTS), points, source });

const lineSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  part: z.enum(SCORE_PARTS),
  /** The inspection's own words for what is deducted. */
  indicator: z.string().min(1),
  rule: z.enum(SCORED_RULE_IDS),
  /** Only findings about columns of these kinds (stale-column is weighed by kind). */
  kinds: z.array(z.enum(COLUMN_KINDS)).min(1).optional(),
  /** Only findings of these severities (broken-link: major on the homepage, minor elsewhere). */
  severities: z
    .array(z.enum(['veto', 'major', 'minor']))
    .min(1)
    .optional(),
  /** Deducted per counted finding. */
  points,
  /** The most this line deducts, however many findings it counts. */
  maxPoints: points,
  source,
});
export type DeductionLine = z.infer<typeof lineSchema>;
export type PartCap = z.infer<typeof partSchema>;

const tableSchema = z
  .strictObject({ parts: z.array(partSchema), lines: z.array(lineSchema).min(1) })
  .superRefine((t, ctx) => {
    const parts = t.parts.map((p) => p.part).join(',');
    if (parts !== SCORE_PARTS.join(','))
      ctx.addIssue({ code: 'custom', message: `parts must be ${SCORE_PARTS.join(', ')} in that order, got ${parts}` });
    const total = t.parts.reduce((sum, p) => sum + p.points, 0);
    if (total !== 100) ctx.addIssue({ code: 'custom', message: `the parts' points sum to ${total}, not 100` });
    const ids = new Set<string>();
    for (const line of t.lines) {
      if (ids.has(line.id)) ctx.addIssue({ code: 'custom', message: `line id "${line.id}" is used twice` });
      ids.add(line.id);
    }
  });

function loadTable(raw: unknown) {
  const parsed = tableSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`functions/score/deductions.json is not a valid deduction table: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const TABLE = loadTable(data);
export const PART_CAPS: readonly PartCap[] = TABLE.parts;
export const DEDUCTION_LINES: readonly DeductionLine[] = TABLE.lines;

/** Whether a line counts a finding: same rule, and its column kind and severity pass the line's filters. */
export function lineMatches(
  line: DeductionLine,
  finding: { rule: string; severity: Severity },
  kind: ColumnKind | undefined,
): boolean {
  if (line.rule !== finding.rule) return false;
  if (line.kinds && (kind === undefined || !line.kinds.includes(kind))) return false;
  return !line.severities || line.severities.includes(finding.severity);
}

/** The table with the portal's `score.deductions` overrides applied (the config schema rejects unknown ids). */
export function deductionLinesFor(portal: PortalConfig): DeductionLine[] {
  const own = portal.score?.deductions ?? {};
  return DEDUCTION_LINES.map((line) => {
    const override = own[line.id];
    return override
      ? { ...line, points: override.points ?? line.points, maxPoints: override.maxPoints ?? line.maxPoints }
      : line;
  });
}
