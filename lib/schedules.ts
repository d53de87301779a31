import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface SchedulesProps {
  readonly planScan: IFunction;
  readonly sendDigest: IFunction;
  readonly probe: IFunction;
  /** Minutes between probe rounds (lib/context.ts checks the range). */
  readonly probeEveryMinutes: number;
  readonly deadLetterQueue: IQueue;
}

/** The daily scan, the weekly digest and the probe rounds, on the bureau's clock (Asia/Shanghai, no DST). */
export class Schedules extends Construct {
  readonly dailyScan: Schedule;
  readonly weeklyDigest: Schedule;
  readonly probes: Schedule;
  /** Shared by every target, so its permissions are reviewed (and acknowledged) in one place. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    // The handlers take "today" (and a probe's time) from the scheduled time, not the invocation
    // time, so a retried or late invocation still scans, digests or probes the moment it was meant for.
    const input = ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime });
    const account = Stack.of(this).account;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'EventBridge Scheduler: invoke plan-scan, send-digest and probe',
    });
    const target = (fn: IFunction, maxEventAge = Duration.hours(1)) =>
      new LambdaInvoke(fn, {
        role: this.role,
        input,
        retryAttempts: 2,
        maxEventAge,
        deadLetterQueue: props.deadLetterQueue,
      });

    this.dailyScan = new Schedule(this, 'DailyScan', {
      description: 'Daily scan of every configured portal, 02:00 Beijing time (quiet hours for the portals)',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '2', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: target(props.planScan),
    });
    this.weeklyDigest = new Schedule(this, 'WeeklyDigest', {
      description: 'Weekly digest to the leadership group, Monday 08:00 Beijing time',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '8', weekDay: 'MON', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: target(props.sendDigest),
    });
    // A rate keeps its own pace, whatever the zone; the zone is the bureau's like the others', so
    // the console shows the schedule on Beijing time. The handler cuts days in Asia/Shanghai. A
    // round delivered later than the next one would record probes at a time they were not made:
    // it expires after one interval instead of the others' hour.
    const every = props.probeEveryMinutes;
    this.probes = new Schedule(this, 'Probes', {
      description: `Availability probes of every portal's homepage, every ${every} minutes (at least 20 a day, as the inspection)`,
      schedule: ScheduleExpression.expression(`rate(${every} minutes)`, TimeZone.ASIA_SHANGHAI),
      target: target(props.probe, Duration.minutes(every)),
    });
  }
}
