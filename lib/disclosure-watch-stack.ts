import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Config } from '../functions/config/schema.ts';
import { REPOSITORY_TABLE_ACTIONS } from '../functions/store/iam-actions.ts';
import { METRICS } from '../functions/handlers/observability.ts';
import { alertReferences, grantAlertAccess, sendEmailStatement } from './alert-access.ts';
import { Alarms } from './alarms.ts';
import { DisclosureApi } from './api.ts';
import { HandlerFunctions } from './functions.ts';
import { alertEnvironment, probeEveryMinutes } from './context.ts';
import { addNagSuppressions } from './nag-suppressions.ts';
import { Schedules } from './schedules.ts';

export const DEFAULT_SENDER_EMAIL = 'disclosure-watch@example.gov.cn';

export interface DisclosureWatchStackProps extends StackProps {
  /** The validated portal config (JSON.stringify of loadConfig's result). */
  readonly configJson: string;
  /** The digest's and the alerts' From address. */
  readonly senderEmail?: string;
  /** The SES identity the digest and alerts are sent through: default, the sender's domain. */
  readonly sesIdentity?: string;
}

/** Queues are private plumbing: encrypted and reachable over TLS only. */
const queueDefaults = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;

/**
 * The whole service. Besides its props it reads two context values (lib/context.ts):
 * `probeEveryMinutes` (default 30, at most 72) and `alertEnv`, the values of the config's
 * `{ "env": … }` alert references.
 */
export class DisclosureWatchStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly crawlQueue: sqs.Queue;
  readonly functions: HandlerFunctions;

  constructor(scope: Construct, id: string, props: DisclosureWatchStackProps) {
    super(scope, id, props);
    const senderEmail = props.senderEmail ?? DEFAULT_SENDER_EMAIL;
    const sesIdentity = props.sesIdentity ?? senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
    const config = JSON.parse(props.configJson) as Config;
    const probeEvery = probeEveryMinutes(this);
    const alertRefs = alertReferences(config);
    const alertEnv = alertEnvironment(this, alertRefs.env);

    // The findings history is the record of what a bureau was told and when: never lose it.
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });

    const common = {
      DW_TABLE_NAME: this.table.tableName,
      POWERTOOLS_SERVICE_NAME: METRICS.service,
      POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
      NODE_OPTIONS: '--enable-source-maps',
    };
    this.functions = new HandlerFunctions(this, 'Handlers', { configJson: props.configJson, environment: common });
    const fns = this.functions.byName;
    for (const fn of Object.values(fns)) this.table.grant(fn, ...REPOSITORY_TABLE_ACTIONS);

    const crawlTimeout = fns['crawl-column'].timeout ?? Duration.minutes(5);
    const crawlDlq = new sqs.Queue(this, 'CrawlDeadLetterQueue', {
      ...queueDefaults,
      fifo: true,
      retentionPeriod: Duration.days(14),
    });
    // FIFO with the portal host as message group: one column of a host at a time, across every
    // Lambda, which is the politeness a government web server expects.
    this.crawlQueue = new sqs.Queue(this, 'CrawlQueue', {
      ...queueDefaults,
      fifo: true,
      // The producers set deduplication ids (portal, column, scan), so a re-planned scan is not crawled twice.
      contentBasedDeduplication: false,
      // AWS's guidance for Lambda consumers: 6 × the function timeout, so retries don't overlap a slow run.
      visibilityTimeout: Duration.seconds(crawlTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: crawlDlq, maxReceiveCount: 3 },
    });
    const evaluateFailures = new sqs.Queue(this, 'EvaluateFailureQueue', {
      ...queueDefaults,
      retentionPeriod: Duration.days(14),
    });
    const schedulerDlq = new sqs.Queue(this, 'SchedulerDeadLetterQueue', {
      ...queueDefaults,
      retentionPeriod: Duration.days(14),
    });

    for (const fn of [fns['plan-scan'], fns.api]) {
      fn.addEnvironment('DW_CRAWL_QUEUE_URL', this.crawlQueue.queueUrl);
      this.crawlQueue.grantSendMessages(fn);
    }

    fns['crawl-column'].addEventSource(
      new SqsEventSource(this.crawlQueue, {
        // One column per invocation: each gets the whole timeout, where a batch of slow columns
        // would share it and time out together (then all be redelivered). Partial batch failure
        // reporting stays on, so a larger batch size remains safe to try.
        batchSize: 1,
        reportBatchItemFailures: true,
        // Each portal host is one message group anyway; two crawlers keep a few portals moving
        // without letting a backlog fan out into dozens of concurrent fetchers.
        maxConcurrency: 2,
      }),
    );

    // A scan run item (sk R#<scanId>) flips crawling → crawled exactly once, when its last column
    // is done: that one stream record starts evaluate; every other write is filtered out by Lambda.
    fns.evaluate.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 1,
        retryAttempts: 3,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(evaluateFailures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('MODIFY'),
            dynamodb: {
              NewImage: { sk: { S: FilterRule.beginsWith('R#') }, status: { S: FilterRule.isEqual('crawled') } },
              OldImage: { status: { S: FilterRule.isEqual('crawling') } },
            },
          }),
        ],
      }),
    );

    const digest = fns['send-digest'];
    digest.addEnvironment('DW_SES_FROM', senderEmail);
    digest.addToRolePolicy(sendEmailStatement(this, [sesIdentity]));

    // Same-day alerts go out at the end of each evaluation and of each probe round.
    const alerting = [fns.evaluate, fns.probe];
    for (const fn of alerting)
      grantAlertAccess(fn, { senderEmail, sesIdentity, references: alertRefs, environment: alertEnv });

    // Scheduler hands its event to Lambda asynchronously: its retries and DLQ cover delivery
    // only. A run that fails in the handler is retried by Lambda, then parked in the same queue
    // with its event (the scheduled time), instead of being dropped.
    for (const fn of [fns['plan-scan'], digest]) {
      fn.configureAsyncInvoke({
        onFailure: new SqsDestination(schedulerDlq),
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      });
    }
    // A probe round is not retried: the portals it did record would be counted twice. The next
    // round is one interval away; a failed one is parked in the DLQ and raises the errors alarm.
    fns.probe.configureAsyncInvoke({
      onFailure: new SqsDestination(schedulerDlq),
      retryAttempts: 0,
      maxEventAge: Duration.minutes(probeEvery),
    });

    const schedules = new Schedules(this, 'Schedules', {
      planScan: fns['plan-scan'],
      sendDigest: digest,
      probe: fns.probe,
      probeEveryMinutes: probeEvery,
      deadLetterQueue: schedulerDlq,
    });
    const api = new DisclosureApi(this, 'Api', { handler: fns.api });
    const alarms = new Alarms(this, 'Alarms', {
      functions: fns,
      deadLetterQueues: { CrawlDLQ: crawlDlq, EvaluateFailures: evaluateFailures, SchedulerDLQ: schedulerDlq },
      probeEveryMinutes: probeEvery,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.api.url, description: 'Base URL of the on-demand API (IAM auth)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'CrawlQueueUrl', { value: this.crawlQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe operators here' });

    addNagSuppressions(this, {
      api,
      schedules,
      scheduledFunctions: [fns['plan-scan'], digest, fns.probe],
      failureQueues: [evaluateFailures, schedulerDlq],
      secretReaders: alertRefs.ssm.length > 0 ? alerting : [],
    });
  }
}
