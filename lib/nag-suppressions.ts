import { Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { DisclosureApi } from './api.ts';
import type { Schedules } from './schedules.ts';

// Every cdk-nag (AwsSolutions) finding this stack does not fix, with the reason it stands.
// Acknowledgements sit on the narrowest construct that owns the finding, never on the stack,
// so a new resource with the same problem still fails the synth. In cdk-nag 3 an IAM4/IAM5
// acknowledgement names the exact finding (policy or resource), not the whole rule.

export interface NagTargets {
  readonly api: DisclosureApi;
  readonly schedules: Schedules;
  readonly scheduledFunctions: readonly IFunction[];
  /** Queues that receive failures from Lambda or Scheduler destinations (not SQS redrive). */
  readonly failureQueues: readonly IQueue[];
  /** Functions allowed to decrypt the config's SSM SecureString parameters (lib/alert-access.ts). */
  readonly secretReaders: readonly IFunction[];
}

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** The template's name for a function's ARN, as cdk-nag prints it: `<LogicalId.Arn>`. */
const arnToken = (stack: Stack, fn: IFunction) => `<${stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>`;

export function addNagSuppressions(stack: Stack, t: NagTargets): void {
  for (const queue of t.failureQueues) {
    ack(
      queue,
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter destination (Lambda on-failure destination or Scheduler DLQ); a DLQ of a DLQ would only move the same messages once more. Its depth is alarmed.',
    );
  }

  for (const fn of t.scheduledFunctions) {
    ack(
      t.schedules.role,
      `AwsSolutions-IAM5[Resource::${arnToken(stack, fn)}:*]`,
      'Added by the LambdaInvoke target: "<function ARN>:*" covers only the versions and aliases of this one scheduled function, no other resource.',
    );
  }

  for (const fn of t.secretReaders) {
    ack(
      fn.role!,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      'kms:Decrypt for SecureString parameters under the AWS managed aws/ssm key, whose id differs per account and region and which no alias can name in a policy. The statement is conditioned to kms:ViaService ssm.<region> and to kms:EncryptionContext:PARAMETER_ARN of exactly the parameters the config references, so it decrypts nothing else.',
    );
  }

  const restApi = t.api.api;
  if (restApi.node.tryFindChild('CloudWatchRole')) {
    ack(
      restApi.node.findChild('CloudWatchRole'),
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'The account-level role API Gateway needs to write execution logs (required by APIG6); AWS maintains this policy for exactly that service role.',
    );
  }
  ack(
    restApi,
    'AwsSolutions-COG4',
    "The API is authorised with IAM (SigV4): its callers are the bureau's staff and the CLI holding IAM credentials. There is no end-user sign-in to justify a Cognito user pool.",
  );
  ack(
    restApi.deploymentStage,
    'AwsSolutions-APIG3',
    'An IAM-authorised, throttled (10 rps) API for a handful of officers: unsigned requests are rejected before any integration runs, so a WAF web ACL would add cost without a threat to stop.',
  );
}
