import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  readonly functions: Record<string, IFunction>;
  /** Dead-letter queues by a short name: anything in one is work that was lost. */
  readonly deadLetterQueues: Record<string, IQueue>;
}

/** What an operator must hear about: lost work, failing functions, and a scan that never finished. */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // A customer-managed key, because CloudWatch cannot publish to a topic encrypted with the
    // AWS-managed SNS key (its key policy cannot be changed to let CloudWatch use it).
    const key = new kms.Key(this, 'TopicKey', {
      description: 'disclosure-watch alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }));
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'disclosure-watch alarms', masterKey: key, enforceSSL: true });
    const action = new SnsAction(this.topic);
    const alarm = (name: string, props: cloudwatch.AlarmProps) => new cloudwatch.Alarm(this, name, props).addAlarmAction(action);

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(`${name}NotEmpty`, {
        alarmDescription: `Messages in ${name}: work that failed every retry. Inspect, fix, then redrive.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, {
        alarmDescription: `The ${name} Lambda failed (see its log group).`,
        metric: fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // evaluate counts every finished scan; a day without one means the pipeline stalled somewhere
    // no error surfaced (a schedule disabled, a column message stuck), so no data must alarm too.
    alarm('ScanDidNotFinish', {
      alarmDescription: 'No portal scan finished in the last day: check the schedule, the crawl queue and the evaluate function.',
      metric: new cloudwatch.Metric({
        namespace: 'DisclosureWatch',
        metricName: 'ScansCompleted',
        dimensionsMap: { service: 'disclosure-watch' },
        statistic: 'Sum',
        period: Duration.days(1),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }
}
