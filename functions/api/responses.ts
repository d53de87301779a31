import type { z } from 'zod';
import { PORTAL_ID_REGEX } from '../common/portal-id.ts';
import type { Config, PortalConfig } from '../config/schema.ts';

// What every route takes and answers, and the refusals they share: JSON errors with a message a
// person can act on (and the zod issues as details).

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  body: string | null;
  /**
   * Who is calling, as the system knows them: the caller's IAM ARN in AWS (API Gateway checked the
   * signature), `local:serve` on a laptop. A person's decision records it; absent, a decision is refused.
   */
  identity?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export const error = (status: number, message: string, details?: string[]): ApiResponse => ({
  status,
  body: { error: message, ...(details ? { details } : {}) },
});

export const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);

/** The query string without absent parameters, for a zod schema. */
export const presentQuery = (req: ApiRequest) =>
  Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined));

export function portalOr404(id: string, config: Config): { portal: PortalConfig } | { response: ApiResponse } {
  if (!PORTAL_ID_REGEX.test(id))
    return { response: error(400, `"${id}" is not a portal id (lower-case letters, digits and dashes)`) };
  const portal = config.portals.find((p) => p.id === id);
  return portal
    ? { portal }
    : { response: error(404, `no portal "${id}"; configured: ${config.portals.map((p) => p.id).join(', ')}`) };
}

/**
 * The body as JSON checked against `schema`, or the 400 to answer: `example` shows a body that
 * parses, `what` names what a valid one is ("a check request").
 */
export function parseBody<T>(
  req: ApiRequest,
  schema: z.ZodType<T>,
  example: string,
  what: string,
): { data: T } | { response: ApiResponse } {
  let json: unknown;
  try {
    json = JSON.parse(req.body ?? '');
  } catch {
    return { response: error(400, `the body must be JSON: ${example}`) };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { data: parsed.data }
    : { response: error(400, `the body is not a valid ${what}`, issues(parsed.error)) };
}
