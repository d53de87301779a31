import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { handleApi } from '../api/router.ts';
import { coldStart, crawlQueue } from './runtime.ts';

// API Gateway (REST, IAM auth) → the routes of functions/api. API Gateway already checked the
// caller's signature and the body's shape; the routes validate everything again with zod.

const rt = coldStart('api', ['DW_CRAWL_QUEUE_URL']);
const queue = crawlQueue(rt);
const deps = {
  config: rt.config,
  repo: rt.repo,
  queue,
  checkBudgetMs: rt.env.DW_CHECK_BUDGET_MS ?? 20_000,
  allowPrivateAddresses: rt.env.DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES === '1',
  onInternalError: (e: Error, checkId: string) =>
    rt.logger.error('check failed', { checkId, error: e.message, stack: e.stack }),
};

/**
 * The signed caller as API Gateway's IAM auth saw it: the user's or assumed role's ARN; the
 * caller id or account when there is no ARN. A person's decision is recorded under it.
 */
function callerIdentity(event: Pick<APIGatewayProxyEvent, 'requestContext'>): string | undefined {
  const id = event.requestContext?.identity;
  return id?.userArn || id?.caller || id?.accountId || undefined;
}

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    const res = await handleApi(
      {
        method: event.httpMethod,
        path: event.path,
        query: event.queryStringParameters ?? {},
        body,
        identity: callerIdentity(event),
      },
      deps,
    );
    // Who called is in API Gateway's access log; this log keeps to what the function did.
    rt.logger.info('request', { method: event.httpMethod, path: event.path, status: res.status });
    return {
      statusCode: res.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(res.body),
    };
  } catch (e) {
    rt.logger.error('request failed', {
      method: event.httpMethod,
      path: event.path,
      error: (e as Error).message,
      stack: (e as Error).stack,
    });
    return {
      statusCode: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        error: 'internal error; the request id is in the function log',
        requestId: event.requestContext?.requestId,
      }),
    };
  }
};
