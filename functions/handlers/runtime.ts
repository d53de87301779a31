import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { todayInShanghai } from '../calendar/dates.ts';
import { portalIdSchema } from '../common/portal-id.ts';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientOptions } from '../common/aws-client.ts';
import { loadConfig, parseConfig } from '../config/load-config.ts';
import { parseEnvironment, type Environment } from '../config/environment.ts';
import type { Config } from '../config/schema.ts';
import { SqsTaskQueue } from '../queue/sqs-task-queue.ts';
import { Repository } from '../store/repository.ts';
import { METRICS } from './observability.ts';

// What every Lambda sets up once per cold start: the environment and the portal config, both
// validated (a bad deploy fails at init with a sentence in the log, not on every event), the
// repository, the logger and the metrics.
//
// The config is bundled: lib/ validates the JSON at synth and esbuild inlines it as
// DW_BUNDLED_CONFIG. A config change is then a reviewed deploy, there is no SSM call on a cold
// start and no parameter to drift from what was tested. Unbundled (tests, a laptop) the file
// named by DW_CONFIG_FILE is read instead.

declare const DW_BUNDLED_CONFIG: string | undefined;

export interface Runtime {
  env: Environment;
  config: Config;
  repo: Repository;
  logger: Logger;
  metrics: Metrics;
}

export function coldStart(fn: string, required: (keyof Environment)[] = []): Runtime {
  const logger = new Logger({ serviceName: METRICS.service, persistentKeys: { fn } });
  try {
    const env = parseEnvironment(process.env, ['DW_TABLE_NAME', ...required]);
    const config = readConfig(env);
    const repo = new Repository({ tableName: env.DW_TABLE_NAME, endpoint: env.DW_DYNAMODB_ENDPOINT });
    const metrics = new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.service });
    logger.info('cold start', { portals: config.portals.map((p) => p.id) });
    return { env, config, repo, logger, metrics };
  } catch (e) {
    logger.error('cannot start: fix the deploy', { reason: (e as Error).message });
    throw e;
  }
}

function readConfig(env: Environment): Config {
  if (typeof DW_BUNDLED_CONFIG === 'string') return parseConfig(JSON.parse(DW_BUNDLED_CONFIG), 'bundled config');
  if (env.DW_CONFIG_FILE) return loadConfig(env.DW_CONFIG_FILE);
  throw new Error('no portal config: bundle one (cdk synth -c config=FILE) or set DW_CONFIG_FILE');
}

export function crawlQueue(rt: Runtime): SqsTaskQueue {
  const client = new SQSClient(awsClientOptions({ endpoint: rt.env.DW_SQS_ENDPOINT }));
  return new SqsTaskQueue(rt.env.DW_CRAWL_QUEUE_URL!, rt.config, client);
}

/**
 * What EventBridge Scheduler sends (the stack's input: {"scheduledTime": "<aws.scheduler.scheduled-time>"}),
 * or an operator's manual invoke with a portal and an as-of day.
 */
export const scheduledInput = z.strictObject({
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  portalId: portalIdSchema.optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export function parseScheduled(rt: Runtime, event: unknown) {
  const e = scheduledInput.parse(event ?? {});
  const firedAt = e.scheduledTime ? new Date(e.scheduledTime) : new Date();
  const portals = e.portalId ? rt.config.portals.filter((p) => p.id === e.portalId) : rt.config.portals;
  if (portals.length === 0) throw new Error(`no portal "${e.portalId}" in the config`);
  // The bureau's day (Asia/Shanghai), whatever the region's clock says.
  return { firedAt, scheduled: Boolean(e.scheduledTime), asOf: e.asOf ?? todayInShanghai(firedAt), portals };
}

/** Publishes what the invocation counted; an invocation that counted nothing publishes (and warns) nothing. */
export function flushMetrics(rt: Runtime): void {
  if (rt.metrics.hasStoredMetrics()) rt.metrics.publishStoredMetrics();
}
