import * as z from 'zod';
import { departmentOf } from '../common/department.ts';
import { RULE_IDS } from '../common/rule-ids.ts';
import type { PortalConfig } from '../config/schema.ts';
import { FINDING_STATUSES, isCounted } from '../model/finding.ts';
import { workOf } from '../rectification/work.ts';
import type { StoredFinding } from '../store/records.ts';

// GET /portals/{id}/findings: the filters and the cursor. A portal holds hundreds of findings,
// not millions, so they are read in one Query and filtered here; the cursor is the last id
// returned, which stays valid while findings come and go (ids are stable hashes).

export const findingsQuerySchema = z.strictObject({
  /** `outstanding` (the default): open or acknowledged, the work still to do. */
  status: z.enum([...FINDING_STATUSES, 'outstanding', 'all']).default('outstanding'),
  overdue: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  rule: z.enum(RULE_IDS, { message: `must be one of ${RULE_IDS.join(', ')}` }).optional(),
  department: z.string().min(1).max(64).optional(),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
    .optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, { message: 'must be the nextCursor of an earlier page' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

/** `since`: findings new, reopened, resolved or changed (beyond merely ageing a day) on or after that day. */
export function selectFindings(
  all: StoredFinding[],
  q: FindingsQuery,
  ctx: { portal: PortalConfig; asOf: string },
): { page: StoredFinding[]; nextCursor: string | null } {
  const matching = all
    .filter((f) => q.status === 'all' || (q.status === 'outstanding' ? isCounted(f) : f.status === q.status))
    .filter((f) => q.overdue === undefined || workOf(f, ctx.portal, ctx.asOf).overdue === q.overdue)
    .filter((f) => !q.rule || f.rule === q.rule)
    // By owner, as the summary counts them: site-wide findings are the webmaster's (SITE_DEPARTMENT).
    .filter((f) => !q.department || departmentOf(f) === q.department)
    .filter((f) => !q.since || (f.lastChangedAsOf ?? f.resolvedAsOf ?? f.firstSeenAsOf) >= q.since)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start = q.cursor ? matching.findIndex((f) => f.id > q.cursor!) : 0;
  const page = start < 0 ? [] : matching.slice(start, start + q.limit);
  const more = start >= 0 && start + q.limit < matching.length;
  return { page, nextCursor: more ? page.at(-1)!.id : null };
}
