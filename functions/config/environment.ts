import * as z from 'zod';

// The Lambdas' environment, validated at cold start: a missing table name must stop the
// function at init with a sentence, not fail every event later with an SDK error.

const url = z.url({ message: 'must be a URL' });

export const environmentSchema = z.object({
  DW_TABLE_NAME: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name' }),
  /** The crawl queue (plan-scan and the API put work there). */
  DW_CRAWL_QUEUE_URL: url.optional(),
  /** The digest's sender: an address of the SES identity the stack grants. */
  DW_SES_FROM: z.email().optional(),
  /** Local engines (tests, a laptop): DynamoDB Local and aws-ses-v2-local. Never set in AWS. */
  DW_DYNAMODB_ENDPOINT: url.optional(),
  DW_SES_ENDPOINT: url.optional(),
  DW_SQS_ENDPOINT: url.optional(),
  /** The portal config as a file, where it was not bundled into the function (tests, a laptop). */
  DW_CONFIG_FILE: z.string().min(1).optional(),
  /** Lets on-demand checks reach private addresses: for tests against 127.0.0.1 only. */
  DW_UNSAFE_ALLOW_PRIVATE_ADDRESSES: z.enum(['0', '1']).optional(),
  /** How long POST /checks waits for a check before answering 202 (API Gateway stops at 29 s). */
  // Under the API function's 30 s timeout (and API Gateway's 29 s) with room to store and answer.
  DW_CHECK_BUDGET_MS: z.coerce.number().int().positive().max(25_000).optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export class EnvironmentError extends Error {}

export function parseEnvironment(env: NodeJS.ProcessEnv, required: (keyof Environment)[] = []): Environment {
  const parsed = environmentSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (parsed.success)
    for (const key of required)
      if (!parsed.data[key]) problems.push(`${key}: required by this function; the stack sets it`);
  if (problems.length > 0 || !parsed.success)
    throw new EnvironmentError(`the function's environment is not valid:\n  - ${problems.join('\n  - ')}`);
  return parsed.data;
}
