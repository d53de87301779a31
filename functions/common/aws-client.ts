// The options every AWS SDK client of the project is built with (DynamoDB, SQS, SES). In AWS the
// SDK finds region and credentials itself; with an endpoint it talks to a local stand-in
// (DynamoDB Local, a test server) and needs both spelled out.

export interface AwsClientOptions {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
}

/** A region the SDK insists on; a local stand-in ignores it. */
const LOCAL_REGION = 'cn-north-1';

/** A local stand-in accepts any credentials; never let a laptop's real ones leak into it. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function awsClientOptions(
  opts: { endpoint?: string; region?: string; maxAttempts?: number } = {},
): AwsClientOptions {
  const where = opts.endpoint
    ? {
        endpoint: opts.endpoint,
        region: opts.region ?? process.env.AWS_REGION ?? LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }
    : opts.region
      ? { region: opts.region }
      : {};
  return { ...where, ...(opts.maxAttempts !== undefined ? { maxAttempts: opts.maxAttempts } : {}) };
}
