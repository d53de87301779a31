import * as z from 'zod';
import { todayInShanghai } from '../calendar/dates.ts';
import { departmentOf } from '../common/department.ts';
import { portalIdSchema } from '../common/portal-id.ts';
import type { Config } from '../config/schema.ts';
import { isCounted } from '../model/finding.ts';
import { workOf } from '../rectification/work.ts';
import { problemOf } from '../rules/problems.ts';
import { atLine, riskCode } from '../rules/veto-risk.ts';
import { portalHosts } from '../scan/portal-hosts.ts';
import { CREDENTIALS_REFUSAL, hasCredentials } from '../common/url.ts';
import { portalOfCheckId, startCheck, type CheckDeps } from './checks.ts';
import { getDecisionsRoute, getFindingRoute, postFindingAction } from './finding-actions.ts';
import { findingsQuerySchema, selectFindings } from './findings.ts';
import { findingJson, scoreJson } from './json.ts';
import { scoreReport, TREND_SCANS } from '../score/report.ts';
import { refusePrivateHost } from '../net/public-only.ts';
import { error, issues, parseBody, portalOr404, presentQuery, type ApiRequest, type ApiResponse } from './responses.ts';

// The on-demand API's routes, the same for the `api` Lambda and `disclosure-watch serve`.
// Every input goes through zod; every error is JSON with a message a person can act on; a
// refused request writes nothing.

export type { ApiRequest, ApiResponse };

export interface ApiDeps extends CheckDeps {
  config: Config;
  /** How long POST /checks waits before answering 202. */
  checkBudgetMs: number;
  /** False in AWS: a check may only reach public addresses (SSRF). */
  allowPrivateAddresses: boolean;
}

const checkBody = z.strictObject({
  portalId: portalIdSchema,
  url: z.string().max(2048),
});

type Handler = (req: ApiRequest, params: string[], deps: ApiDeps) => Promise<ApiResponse>;
const ROUTES: { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: 'POST', pattern: /^\/checks$/, handler: postCheck },
  { method: 'GET', pattern: /^\/checks\/([^/]+)$/, handler: getCheck },
  { method: 'GET', pattern: /^\/portals\/([^/]+)\/findings$/, handler: getFindings },
  { method: 'GET', pattern: /^\/portals\/([^/]+)\/findings\/([^/]+)$/, handler: getFindingRoute },
  { method: 'POST', pattern: /^\/portals\/([^/]+)\/findings\/([^/]+)\/actions$/, handler: postFindingAction },
  { method: 'GET', pattern: /^\/portals\/([^/]+)\/decisions$/, handler: getDecisionsRoute },
  { method: 'GET', pattern: /^\/portals\/([^/]+)\/summary$/, handler: getSummary },
];

/** The routes as the 404 answer and `serve` list them. */
export const ROUTE_LIST = [
  'POST /checks',
  'GET /checks/{id}',
  'GET /portals/{id}/findings',
  'GET /portals/{id}/findings/{findingId}',
  'POST /portals/{id}/findings/{findingId}/actions',
  'GET /portals/{id}/decisions',
  'GET /portals/{id}/summary',
] as const;

export async function handleApi(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const path = req.path.replace(/\/+$/, '') || '/';
  const matches = ROUTES.filter((r) => r.pattern.test(path));
  if (matches.length === 0) return error(404, `no route ${path}; the API has ${ROUTE_LIST.join(', ')}`);
  const route = matches.find((r) => r.method === req.method.toUpperCase());
  if (!route)
    return error(405, `${req.method} is not allowed on ${path}; use ${matches.map((r) => r.method).join(' or ')}`);
  let params: string[];
  try {
    params = route.pattern
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
  } catch {
    return error(400, `${path} is not a validly percent-encoded path`);
  }
  return route.handler(req, params, deps);
}

async function postCheck(req: ApiRequest, _params: string[], deps: ApiDeps): Promise<ApiResponse> {
  const parsed = parseBody(req, checkBody, '{"portalId": "…", "url": "http://…"}', 'check request');
  if ('response' in parsed) return parsed.response;
  const portal = deps.config.portals.find((p) => p.id === parsed.data.portalId);
  if (!portal)
    return error(
      404,
      `no portal "${parsed.data.portalId}"; configured: ${deps.config.portals.map((p) => p.id).join(', ')}`,
    );
  let url: URL;
  try {
    url = new URL(parsed.data.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    return error(400, `"${parsed.data.url}" is not an absolute http(s) URL`);
  }
  if (hasCredentials(url)) return error(400, CREDENTIALS_REFUSAL);
  const hosts = portalHosts(portal);
  if (!hosts.has(url.host))
    return error(
      403,
      `${url.host} is not a host of portal ${portal.id} (${[...hosts].join(', ')}); only configured portals are checked`,
    );
  if (!deps.allowPrivateAddresses) {
    const refused = await refusePrivateHost(url.hostname, deps.resolve);
    if (refused) return error(403, refused);
  }
  const started = await startCheck(
    { portal, url: url.toString(), asOf: todayInShanghai(deps.now?.()) },
    deps.checkBudgetMs,
    deps,
  );
  return checkResponse(started.record, started.finished ? 200 : 202);
}

async function getCheck(_req: ApiRequest, [checkId]: string[], deps: ApiDeps): Promise<ApiResponse> {
  const owner = portalOfCheckId(checkId!);
  if (!owner) return error(400, `"${checkId}" is not a check id (they look like mhk-gtj.lq3x9k2a1b2c3d4)`);
  const record = await deps.repo.getCheck(owner, checkId!);
  if (!record) return error(404, `no check ${checkId} (checks are kept for 7 days)`);
  return checkResponse(record, 200);
}

function checkResponse(record: Awaited<ReturnType<ApiDeps['repo']['getCheck']>> & object, status: number): ApiResponse {
  const {
    checkId,
    portalId: portal,
    url,
    asOf,
    status: state,
    requestedAt,
    finishedAt,
    result,
    error: failure,
  } = record;
  return {
    status,
    body: {
      checkId,
      portal,
      url,
      asOf,
      status: state,
      requestedAt,
      ...(finishedAt ? { finishedAt } : {}),
      ...(state === 'running' ? { poll: `/checks/${checkId}` } : {}),
      ...(result ? { result } : {}),
      ...(failure ? { error: failure } : {}),
    },
  };
}

async function getFindings(req: ApiRequest, [id]: string[], deps: ApiDeps): Promise<ApiResponse> {
  const found = portalOr404(id!, deps.config);
  if ('response' in found) return found.response;
  const query = findingsQuerySchema.safeParse(presentQuery(req));
  if (!query.success) return error(400, 'the query is not valid', issues(query.error));
  const asOf = todayInShanghai(deps.now?.());
  const { page, nextCursor } = selectFindings(await deps.repo.listFindings(found.portal.id), query.data, {
    portal: found.portal,
    asOf,
  });
  return {
    status: 200,
    body: {
      portal: found.portal.id,
      count: page.length,
      nextCursor,
      findings: page.map((f) => findingJson(f, { portal: found.portal, asOf })),
    },
  };
}

async function getSummary(_req: ApiRequest, [id]: string[], deps: ApiDeps): Promise<ApiResponse> {
  const found = portalOr404(id!, deps.config);
  if ('response' in found) return found.response;
  const portal = found.portal;
  const [scans, findings] = await Promise.all([
    deps.repo.listScans(portal.id, TREND_SCANS),
    deps.repo.listFindings(portal.id),
  ]);
  const latest = scans.find((s) => !s.scanId.startsWith('check-')) ?? null;
  const open = findings.filter(isCounted);
  const today = todayInShanghai(deps.now?.());
  const count = (key: (f: (typeof open)[number]) => string) =>
    open.reduce<Record<string, number>>((acc, f) => ((acc[key(f)] = (acc[key(f)] ?? 0) + 1), acc), {});
  const risks = latest?.vetoRisks ?? [];
  return {
    status: 200,
    body: {
      portal: portal.id,
      name: portal.name,
      latestScan: latest && {
        scanId: latest.scanId,
        asOf: latest.asOf,
        finishedAt: latest.finishedAt,
        columns: latest.columns,
        pages: latest.pages,
        findings: latest.findings,
        counters: latest.counters,
      },
      vetoRisks: risks.filter(atLine).map(riskCode),
      failsInspection: risks.some((r) => r.level === 'veto'),
      risks,
      // As of the latest scan: a decision taken since counts from the next one.
      score: latest?.score ? scoreJson(scoreReport(latest.score, scans, latest.asOf)) : null,
      open: {
        total: open.length,
        byRule: count((f) => f.rule),
        byProblem: count((f) => problemOf(f.rule).id),
        byDepartment: count(departmentOf),
        overdue: open.filter((f) => workOf(f, portal, today).overdue).length,
      },
      ignored: findings.filter((f) => f.status === 'ignored').length,
    },
  };
}
