import { describe, expect, it } from 'vitest';
import { ContextError } from '../../lib/context.ts';
import { buildStack, stackView } from './build.ts';

// The probe Lambda in the stack: its schedule (every `probeEveryMinutes`, at least 20 a day),
// the scheduler's retries and dead-letter queue, and the alarm for when probes stop arriving.

const probeSchedule = (view: ReturnType<typeof stackView>) =>
  view.template.findResources('AWS::Scheduler::Schedule', {
    Properties: { Target: { Arn: { 'Fn::GetAtt': [view.functionIds.probe, 'Arn'] } } },
  });

describe('the probe schedule', () => {
  it('fires the probe function every 30 minutes by default, on Beijing time, with the scheduled time, retries and the DLQ', () => {
    const view = stackView(buildStack().stack);
    const found = Object.values(probeSchedule(view)) as { Properties: Record<string, unknown> }[];
    expect(found).toHaveLength(1);
    expect(found[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(30 minutes)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: {
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        // A round older than one interval would record probes at a time they were not made.
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1800 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^SchedulerDeadLetterQueue/), 'Arn'] } },
      },
    });
  });

  it('takes probeEveryMinutes from the context, as a number or as the text -c gives', () => {
    for (const [value, expected] of [
      [72, 'rate(72 minutes)'],
      ['45', 'rate(45 minutes)'],
    ] as const) {
      const view = stackView(buildStack({ context: { probeEveryMinutes: value } }).stack);
      const [schedule] = Object.values(probeSchedule(view)) as { Properties: Record<string, unknown> }[];
      expect(schedule!.Properties.ScheduleExpression).toBe(expected);
    }
  });

  it('refuses an interval that gives fewer than 20 probes a day, naming the key and the fix', () => {
    const build = () => buildStack({ context: { probeEveryMinutes: 73 } });
    expect(build).toThrow(ContextError);
    expect(build).toThrow(/context "probeEveryMinutes" is 73: that is fewer than the 20 probes a day/);
    expect(build).toThrow(/use 72 or less .*-c probeEveryMinutes=30/);
  });

  it('refuses what is not a whole number of minutes, and probing more often than every 5 minutes', () => {
    for (const bad of ['half an hour', 30.5, '', true])
      expect(() => buildStack({ context: { probeEveryMinutes: bad } }), String(bad)).toThrow(
        /context "probeEveryMinutes" is .*not a whole number of minutes/,
      );
    expect(() => buildStack({ context: { probeEveryMinutes: 1 } })).toThrow(/more often than every 5 minutes/);
  });
});

describe('the probes-stopped alarm', () => {
  const alarmOf = (context: Record<string, unknown> = {}) =>
    stackView(buildStack({ context }).stack).template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'ProbeRounds' },
    });

  it('fires when no probe round is recorded for two hours, treating no data as the failure it is', () => {
    const alarms = Object.values(alarmOf()) as { Properties: Record<string, unknown> }[];
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({
      Namespace: 'DisclosureWatch',
      Dimensions: [{ Name: 'service', Value: 'disclosure-watch' }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
  });

  it('waits longer when rounds are sparse, so one lost round never alarms', () => {
    const [alarm] = Object.values(alarmOf({ probeEveryMinutes: 72 })) as { Properties: Record<string, unknown> }[];
    expect(alarm!.Properties).toMatchObject({ EvaluationPeriods: 3, DatapointsToAlarm: 3 });
  });
});

describe('the probe function', () => {
  it('has the table, an errors alarm, and no queue but the DLQ its failed rounds go to', () => {
    const view = stackView(buildStack().stack);
    const actions = view.actionsOfRole(view.roleOf('probe'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']));
    const queues = view
      .statementsOfRole(view.roleOf('probe'))
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')))
      .flatMap((s) => [s.Resource].flat());
    expect(queues).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^SchedulerDeadLetterQueue/), 'Arn'] }]);
    view.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: view.functionIds.probe } }],
    });
    // Outside any VPC: it reaches the portals over the internet, through the public-only connector.
    expect(view.props('probe').VpcConfig).toBeUndefined();
  });
});
