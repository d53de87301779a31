import * as z from 'zod';
import { isIsoDate, todayInShanghai } from '../calendar/dates.ts';
import type { Config, PortalConfig } from '../config/schema.ts';
import { IGNORE_REASONS, type HistoryEntry } from '../model/finding.ts';
import { decideFinding, DecisionRefused, type FindingAction } from '../rectification/decide.ts';
import { FINDING_ID_REGEX } from '../rules/finding.ts';
import type { StoredFinding } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { DISPLAY_NAME_MAX, FINDING_ACTIONS, NOTE_MAX } from './action-limits.ts';
import { findingJson, historyJson } from './json.ts';
import { error, issues, parseBody, portalOr404, presentQuery, type ApiRequest, type ApiResponse } from './responses.ts';

// 整改 through the API: one finding with its history, a person's decision on it (ack, ignore,
// reopen), and the portal's recent decisions. The decision is recorded under the caller's IAM
// identity; the `by` a caller sends is only the name shown beside it. Every refusal (a malformed
// body, an unknown finding, a conflict) is answered before or instead of the one conditional
// write, so nothing is written.

const isoDay = z.string().refine(isIsoDate, { message: 'must be a real date as YYYY-MM-DD, e.g. 2018-03-31' });

/** The body of POST /portals/{id}/findings/{findingId}/actions; the CLI's flags go through it too. */
export const findingActionBody = z
  .strictObject({
    action: z.enum(FINDING_ACTIONS, { message: `must be one of ${FINDING_ACTIONS.join(', ')}` }),
    by: z.string().trim().min(1).max(DISPLAY_NAME_MAX).optional(),
    reason: z.enum(IGNORE_REASONS, { message: `must be one of ${IGNORE_REASONS.join(', ')}` }).optional(),
    note: z.string().trim().min(1).max(NOTE_MAX).optional(),
    until: isoDay.optional(),
    expectedVersion: z.number().int().min(0).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.action === 'ignore' && b.reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `ignore needs a reason: ${IGNORE_REASONS.join(', ')}`,
      });
    for (const key of ['reason', 'until'] as const)
      if (b.action !== 'ignore' && b[key] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `only ignore takes ${key === 'until' ? 'an end date' : 'a reason'}`,
        });
  });

export type FindingActionBody = z.infer<typeof findingActionBody>;

/** The body as the decision the rectification core applies (the schema has made it consistent). */
export function actionOf(b: FindingActionBody): FindingAction {
  if (b.action === 'ignore') return { action: 'ignore', reason: b.reason!, note: b.note, until: b.until };
  return { action: b.action, note: b.note };
}

/** The name shown for an identity when the caller gives none: the ARN's last segment (user or session name). */
export const displayNameOf = (identity: string) => identity.split(/[/:]/).filter(Boolean).at(-1) ?? identity;

/** A finding with its whole history, oldest first: GET /portals/{id}/findings/{findingId}, `findings history --format json`. */
export function findingWithHistoryJson(
  f: StoredFinding,
  history: HistoryEntry[],
  ctx: { portal: PortalConfig; asOf: string },
) {
  return { portal: ctx.portal.id, ...findingJson(f, ctx), history: history.map(historyJson) };
}

/** A finding just decided, with the change the decision made: the answer to an action. */
export function decidedJson(f: StoredFinding, entry: HistoryEntry, ctx: { portal: PortalConfig; asOf: string }) {
  return { portal: ctx.portal.id, ...findingJson(f, ctx), change: historyJson(entry) };
}

export interface FindingRouteDeps {
  config: Config;
  repo: Repository;
  now?: () => Date;
}

function findingIdOr400(id: string): ApiResponse | null {
  return FINDING_ID_REGEX.test(id)
    ? null
    : error(400, `"${id}" is not a finding id: 20 hex characters, the \`id\` of GET /portals/{id}/findings`);
}

export async function getFindingRoute(
  _req: ApiRequest,
  [portalId, findingId]: string[],
  deps: FindingRouteDeps,
): Promise<ApiResponse> {
  const found = portalOr404(portalId!, deps.config);
  if ('response' in found) return found.response;
  const bad = findingIdOr400(findingId!);
  if (bad) return bad;
  const [finding, history] = await Promise.all([
    deps.repo.getFinding(found.portal.id, findingId!),
    deps.repo.findingHistory(found.portal.id, findingId!),
  ]);
  // Ids are per portal: another portal's finding is simply not here.
  if (!finding) return error(404, `no finding ${findingId} in portal ${found.portal.id}`);
  const asOf = todayInShanghai(deps.now?.());
  return { status: 200, body: findingWithHistoryJson(finding, history, { portal: found.portal, asOf }) };
}

export async function postFindingAction(
  req: ApiRequest,
  [portalId, findingId]: string[],
  deps: FindingRouteDeps,
): Promise<ApiResponse> {
  if (!req.identity)
    return error(
      403,
      'the caller is unknown: a decision is recorded under its IAM identity, so sign the request (SigV4)',
    );
  const found = portalOr404(portalId!, deps.config);
  if ('response' in found) return found.response;
  const bad = findingIdOr400(findingId!);
  if (bad) return bad;
  const parsed = parseBody(
    req,
    findingActionBody,
    '{"action": "ack|ignore|reopen|confirm", "reason": "…", "note": "…"}',
    'finding action',
  );
  if ('response' in parsed) return parsed.response;
  const now = deps.now?.() ?? new Date();
  const actor = { by: parsed.data.by ?? displayNameOf(req.identity), identity: req.identity };
  try {
    const { finding, entry } = await decideFinding(
      deps.repo,
      found.portal.id,
      findingId!,
      actionOf(parsed.data),
      actor,
      { now, expectedVersion: parsed.data.expectedVersion },
    );
    return { status: 200, body: decidedJson(finding, entry, { portal: found.portal, asOf: todayInShanghai(now) }) };
  } catch (e) {
    if (e instanceof DecisionRefused) return error(e.status, e.message);
    throw e;
  }
}

const decisionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export async function getDecisionsRoute(
  req: ApiRequest,
  [portalId]: string[],
  deps: FindingRouteDeps,
): Promise<ApiResponse> {
  const found = portalOr404(portalId!, deps.config);
  if ('response' in found) return found.response;
  const query = decisionsQuery.safeParse(presentQuery(req));
  if (!query.success) return error(400, 'the query is not valid', issues(query.error));
  const decisions = await deps.repo.recentDecisions(found.portal.id, query.data.limit);
  return {
    status: 200,
    body: {
      portal: found.portal.id,
      count: decisions.length,
      decisions: decisions.map((d) => ({ findingId: d.findingId, ...historyJson(d) })),
    },
  };
}
