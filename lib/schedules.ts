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
  readonly deadLetterQueue: IQueue;
}

/** The daily scan and the weekly digest, on the bureau's clock (Asia/Shanghai, no DST). */
export class Schedules extends Construct {
  readonly dailyScan: Schedule;
  readonly weeklyDigest: Schedule;
  /** Shared by both targets, so its permissions are reviewed (and acknowledged) in one place. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    // The handlers take "today" from the scheduled time, not the invocation time, so a retried
    // or late invocation still scans (or digests) the day it was meant for.
    const input = ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime });
    const account = Stack.of(this).account;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'EventBridge Scheduler: invoke plan-scan and send-digest',
    });
    const target = (fn: IFunction) =>
      new LambdaInvoke(fn, {
        role: this.role,
        input,
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
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
  }
}
