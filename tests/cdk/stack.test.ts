import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_TABLE_ACTIONS } from '../../functions/store/iam-actions.ts';
import { buildStack, repoRoot, stackView } from './build.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

let template: Template;
let functionIds: Record<string, string>;
let actionsOfRole: (roleLogicalId: string) => string[];
let roleOf: (handler: string) => string;

beforeAll(() => {
  ({ template, functionIds, actionsOfRole, roleOf } = stackView(
    buildStack({ senderEmail: 'watch@gtj.mhk.gov.cn' }).stack,
  ));
});

describe('table', () => {
  it('keeps history: PITR, TTL, a stream with both images, retained and deletion-protected', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });
});

describe('table access', () => {
  it("grants every function exactly the repository's table actions: no Scan, no DeleteItem, no table admin", () => {
    for (const name of Object.keys(functionIds)) {
      const onTable = actionsOfRole(roleOf(name)).filter(
        (a) => a.startsWith('dynamodb:') && !/Stream|Shard|GetRecords/.test(a),
      );
      expect(onTable.sort(), name).toEqual([...REPOSITORY_TABLE_ACTIONS].sort());
    }
  });

  it('covers every DynamoDB command the store sends in AWS (ensureTable is local-only)', () => {
    const dir = join(repoRoot, 'functions', 'store');
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const commands = new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]!));
    const awsSide = [...commands].filter((c) => !['CreateTable', 'DescribeTable'].includes(c));
    // IAM authorises each item of a transaction as its own action: a Put as PutItem, an Update as
    // UpdateItem, a ConditionCheck as ConditionCheckItem. The store's transactions hold Puts only.
    const transactItems = new Set([...source.matchAll(/\{ (\w+): \{ TableName/g)].map((m) => m[1]!));
    if (awsSide.includes('TransactWrite')) expect([...transactItems]).toEqual(['Put']);
    const asAction: Record<string, string> = {
      TransactWrite: 'PutItem',
      Get: 'GetItem',
      Put: 'PutItem',
      Update: 'UpdateItem',
      BatchGet: 'BatchGetItem',
      BatchWrite: 'BatchWriteItem',
      Query: 'Query',
    };
    for (const c of awsSide) expect(REPOSITORY_TABLE_ACTIONS, c).toContain(`dynamodb:${asAction[c] ?? c}`);
  });
});

describe('crawl queue', () => {
  it('is FIFO without content dedup, 6 × the crawl timeout, redriving to a FIFO DLQ after 3 receives', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      VisibilityTimeout: 1800,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 3 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      MessageRetentionPeriod: 14 * 86400,
      RedrivePolicy: Match.absent(),
    });
  });

  it('rejects plain HTTP on every queue', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')) as Resource[];
    expect(policies).toHaveLength(4);
    for (const p of policies) {
      expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

describe('functions', () => {
  it('are the six handlers on Node 24, arm64, with their own log groups and the shared environment', () => {
    const fns = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    expect(Object.keys(fns)).toHaveLength(6);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: expect.anything() },
        Environment: {
          Variables: expect.objectContaining({
            DW_TABLE_NAME: expect.anything(),
            POWERTOOLS_SERVICE_NAME: 'disclosure-watch',
            POWERTOOLS_METRICS_NAMESPACE: 'DisclosureWatch',
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      });
    }
    template.resourceCountIs('AWS::Logs::LogGroup', 7); // six functions + API access logs
  });

  it('sizes each handler for its job', () => {
    const props = (name: string) => (template.toJSON().Resources[functionIds[name]!] as Resource).Properties;
    expect(props('crawl-column')).toMatchObject({ Timeout: 300, MemorySize: 1024 });
    expect(props('evaluate')).toMatchObject({ Timeout: 600, MemorySize: 1024 });
    expect(props('plan-scan')).toMatchObject({ Timeout: 60 });
    expect(props('send-digest')).toMatchObject({ Timeout: 300 });
    expect(props('api')).toMatchObject({ Timeout: 30 });
    expect(props('probe')).toMatchObject({ Timeout: 300, MemorySize: 512 });
  });

  it('gives the queue URL only to its producers and the sender only to the functions that send mail', () => {
    const env = (name: string) =>
      (
        (template.toJSON().Resources[functionIds[name]!] as Resource).Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
    expect(env('plan-scan').DW_CRAWL_QUEUE_URL).toBeDefined();
    expect(env('api').DW_CRAWL_QUEUE_URL).toBeDefined();
    expect(env('crawl-column').DW_CRAWL_QUEUE_URL).toBeUndefined();
    for (const name of Object.keys(functionIds))
      expect(env(name).DW_SES_FROM, name).toBe(
        ['send-digest', 'evaluate', 'probe'].includes(name) ? 'watch@gtj.mhk.gov.cn' : undefined,
      );
  });
});

describe('event sources', () => {
  it('crawl-column reads the crawl queue one column per invocation, with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionIds['crawl-column'] },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('evaluate runs only when a scan run item flips crawling → crawled', () => {
    const mapping = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionName: { Ref: functionIds.evaluate } },
    }) as Record<string, Resource>;
    const props = Object.values(mapping)[0]!.Properties;
    expect(props).toMatchObject({
      StartingPosition: 'LATEST',
      BatchSize: 1,
      MaximumRetryAttempts: 3,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: expect.anything() } },
    });
    const patterns = (props.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) =>
      JSON.parse(f.Pattern),
    );
    expect(patterns).toEqual([
      {
        eventName: ['MODIFY'],
        dynamodb: {
          NewImage: { sk: { S: [{ prefix: 'R#' }] }, status: { S: ['crawled'] } },
          OldImage: { status: { S: ['crawling'] } },
        },
      },
    ]);
  });
});

describe('schedules', () => {
  it('scan daily at 02:00 and digest Mondays at 08:00, Beijing time, with the scheduled time as input', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[];
    const byCron = Object.fromEntries(
      schedules
        .filter((s) => String(s.Properties.ScheduleExpression).startsWith('cron'))
        .map((s) => [s.Properties.ScheduleExpression as string, s.Properties]),
    );
    expect(schedules).toHaveLength(3);
    expect(Object.keys(byCron).sort()).toEqual(['cron(0 2 * * ? *)', 'cron(0 8 ? * MON *)']);
    for (const s of Object.values(byCron)) {
      expect(s).toMatchObject({
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        Target: {
          Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: expect.anything() },
        },
      });
    }
    expect((byCron['cron(0 2 * * ? *)']!.Target as { Arn: unknown }).Arn).toEqual({
      'Fn::GetAtt': [functionIds['plan-scan'], 'Arn'],
    });
    expect((byCron['cron(0 8 ? * MON *)']!.Target as { Arn: unknown }).Arn).toEqual({
      'Fn::GetAtt': [functionIds['send-digest'], 'Arn'],
    });
  });
});

describe('least privilege', () => {
  it('only send-digest and the alerting functions may send email, and only through the identity', () => {
    for (const name of Object.keys(functionIds)) {
      const sends = actionsOfRole(roleOf(name)).filter((a) => a.startsWith('ses:'));
      expect(sends, name).toEqual(['send-digest', 'evaluate', 'probe'].includes(name) ? ['ses:SendEmail'] : []);
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Resource: {
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':identity/gtj\\.mhk\\.gov\\.cn$')])],
            },
          }),
        ]),
      },
    });
  });

  it("parks a scheduled run that failed in the handler (after Lambda's retries) in the scheduler DLQ", () => {
    const toDlq = {
      OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulerDeadLetterQueue'), 'Arn'] } },
    };
    for (const name of ['plan-scan', 'send-digest']) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionIds[name] },
        MaximumRetryAttempts: 2,
        DestinationConfig: toDlq,
      });
    }
    // A retried probe round would count the portals it did record twice: straight to the DLQ.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionIds.probe },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 1800,
      DestinationConfig: toDlq,
    });
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 3);
  });

  it('only the producers may send to the crawl queue', () => {
    // CDK merges statements, so a SendMessage statement may name several queues.
    const sendsToCrawlQueue = (st: Statement) =>
      [st.Action].flat().includes('sqs:SendMessage') &&
      [st.Resource].flat().some((r) => /^CrawlQueue/.test((r as { 'Fn::GetAtt'?: [string] })['Fn::GetAtt']?.[0] ?? ''));
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const roles = policies
      .filter((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some(sendsToCrawlQueue))
      .flatMap((p) => (p.Properties.Roles as { Ref: string }[]).map((r) => r.Ref));
    expect(roles.sort()).toEqual([roleOf('api'), roleOf('plan-scan')].sort());
  });

  it('uses no AWS managed policy on the Lambda roles', () => {
    for (const name of Object.keys(functionIds)) {
      const role = template.toJSON().Resources[roleOf(name)] as Resource;
      expect(role.Properties.ManagedPolicyArns, name).toBeUndefined();
    }
  });
});

describe('alarms', () => {
  it('alarm on every DLQ, every function and a day without a finished scan, through an encrypted topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3 + 6 + 5);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(6);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'DisclosureWatch',
      MetricName: 'ScansCompleted',
      Dimensions: [{ Name: 'service', Value: 'disclosure-watch' }],
      Statistic: 'Sum',
      // 30 hourly periods, all empty: a fixed 24 h window would alarm when a scan merely finished later than yesterday's.
      Period: 3600,
      EvaluationPeriods: 30,
      DatapointsToAlarm: 30,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    for (const metric of ['StalledScans', 'DigestsUnconfirmed', 'AlertsFailed']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'DisclosureWatch',
        MetricName: metric,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      });
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]),
      },
    });
  });
});

describe('SES identity', () => {
  it('can be set apart from the sender domain', () => {
    const t = Template.fromStack(buildStack({ senderEmail: 'a@b.example.cn', sesIdentity: 'a@b.example.cn' }).stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':identity/a@b\\.example\\.cn$')])] },
          }),
        ]),
      },
    });
  });
});
