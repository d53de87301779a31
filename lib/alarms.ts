import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRICS, type MetricName } from '../functions/handlers/observability.ts';

export interface AlarmsProps {
  readonly functions: Record<string, IFunction>;
  /** Dead-letter queues by a short name: anything in one is work that was lost. */
  readonly deadLetterQueues: Record<string, IQueue>;
  /** Minutes between probe rounds: how long a silence means the probes stopped. */
  readonly probeEveryMinutes: number;
}

/**
 * What an operator must hear about: lost work, failing functions, a scan that never finished,
 * probes that stopped and alerts that could not go out.
 */
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
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'disclosure-watch alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const action = new SnsAction(this.topic);
    const alarm = (name: string, props: cloudwatch.AlarmProps) =>
      new cloudwatch.Alarm(this, name, props).addAlarmAction(action);
    /** Fires on the first occurrence in a period; quiet when nothing is reported. */
    const onAny = (name: string, alarmDescription: string, metric: cloudwatch.IMetric) =>
      alarm(name, {
        alarmDescription,
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    /** One of the handlers' own metrics, summed per hour. */
    const hourlySum = (metricName: MetricName) =>
      new cloudwatch.Metric({
        namespace: METRICS.namespace,
        metricName,
        dimensionsMap: { service: METRICS.service },
        statistic: 'Sum',
        period: Duration.hours(1),
      });

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
      onAny(
        `${name}Errors`,
        `The ${name} Lambda failed (see its log group).`,
        fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
      );
    }

    // evaluate counts every finished scan; no scan for more than a day means the pipeline
    // stalled somewhere no error surfaced (a schedule disabled, a run that never closed), so no
    // data must alarm too. Hourly periods, 30 of them: one 24 h period is a sliding window that
    // would miss a scan that merely finished later than yesterday's, and alarm on a healthy day.
    alarm('ScanDidNotFinish', {
      alarmDescription:
        'No portal scan finished in 30 hours: check the schedule, the crawl queue and its DLQ, and the evaluate function.',
      metric: hourlySum(METRIC_NAMES.ScansCompleted),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 30,
      datapointsToAlarm: 30,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    // plan-scan finds, each day, any portal whose previous run is still open: one portal stuck
    // while the others finish, which the alarm above cannot see.
    onAny(
      'ScanStalled',
      "A portal's previous scan had not finished when the next was planned: see the plan-scan log for which, then the crawl DLQ and the evaluate log.",
      hourlySum(METRIC_NAMES.StalledScans),
    );

    // A digest whose send could not be confirmed is never re-sent blindly (a duplicate to the
    // 局长 is worse): an operator checks SES's sending activity and settles it by hand.
    onAny(
      'DigestUnconfirmed',
      'A weekly digest send could not be confirmed (connection lost after the request, or a crash mid-send); it will not be re-sent automatically. See the send-digest log.',
      hourlySum(METRIC_NAMES.DigestsUnconfirmed),
    );

    // Every recorded portal round counts. None for two hours (longer when rounds are sparse, so
    // one lost round never alarms) means the probe pipeline itself is down: the schedule, the
    // function or the table. Nothing arriving is the failure, so missing data breaches.
    const silentHours = Math.max(2, Math.ceil((2 * props.probeEveryMinutes) / 60));
    alarm('ProbesStopped', {
      alarmDescription: `No probe round recorded in ${silentHours} hours: 站点无法访问 is no longer measured. Check the probe schedule, the probe function's log and the scheduler DLQ.`,
      metric: hourlySum(METRIC_NAMES.ProbeRounds),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: silentHours,
      datapointsToAlarm: silentHours,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    // A same-day alert a channel refused (a robot key revoked, an SES identity unverified) waits
    // for the next round and is tried again; someone must fix the channel before the next veto.
    onAny(
      'AlertsFailed',
      "A same-day alert could not be delivered, or a portal's alerts could not be dispatched: see the probe and evaluate logs ('alerts dispatched', 'alerts not dispatched') for the channel and the reason.",
      hourlySum(METRIC_NAMES.AlertsFailed),
    );
  }
}
