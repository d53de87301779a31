import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Config } from '../functions/config/schema.ts';

// What the functions that send same-day alerts (evaluate, probe) need beyond the table: the SES
// identities their email channels send from, the SSM parameters their `{ "ssm": … }` references
// name, and the values of their `{ "env": … }` references. All of it is read from the config at
// synth, so each function may read exactly the parameters the config names and nothing else.

export interface AlertReferences {
  /** SSM parameter names (starting with "/"), each once. */
  ssm: string[];
  /** Environment variable names, each once. */
  env: string[];
  /** The `from` addresses SES channels name for themselves. */
  sesFrom: string[];
}

type Ref = { ssm: string } | { env: string };
const isRef = (v: unknown): v is Ref =>
  typeof v === 'object' &&
  v !== null &&
  Object.keys(v).length === 1 &&
  (typeof (v as { ssm?: unknown }).ssm === 'string' || typeof (v as { env?: unknown }).env === 'string');

/** Every secret reference and SES sender of every portal's `alerts` block. */
export function alertReferences(config: Config): AlertReferences {
  const ssm = new Set<string>();
  const env = new Set<string>();
  const sesFrom = new Set<string>();
  const walk = (v: unknown): void => {
    if (isRef(v)) return void ('ssm' in v ? ssm.add(v.ssm) : env.add(v.env));
    if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  for (const portal of config.portals) {
    walk(portal.alerts);
    for (const channel of portal.alerts?.channels ?? [])
      if (channel.type === 'ses' && channel.from) sesFrom.add(channel.from);
  }
  return { ssm: [...ssm].sort(), env: [...env].sort(), sesFrom: [...sesFrom].sort() };
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** SES v2 SendEmail (simple content: no SendRawEmail) through the given identities only. */
export function sendEmailStatement(stack: Stack, identities: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [...new Set(identities)].map((id) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: id }),
    ),
  });
}

export interface AlertAccessProps {
  /** The deploy's sender (DW_SES_FROM) and the SES identity it belongs to. */
  readonly senderEmail: string;
  readonly sesIdentity: string;
  readonly references: AlertReferences;
  /** The values of the `{ "env": … }` references (lib/context.ts checks them against the config). */
  readonly environment: Record<string, string>;
}

/** Lets `fn` send the config's alerts: SES, its SSM parameters, its environment references. */
export function grantAlertAccess(fn: LambdaFunction, props: AlertAccessProps): void {
  const stack = Stack.of(fn);
  const { references } = props;
  fn.addEnvironment('DW_SES_FROM', props.senderEmail);
  // Plain Lambda environment variables: readable by anyone who may read the function's
  // configuration or the template. An SSM SecureString reference is the better home for a
  // secret; `{ "env": … }` is for what an office cannot yet put there.
  for (const [name, value] of Object.entries(props.environment)) fn.addEnvironment(name, value);

  // A channel naming its own `from` sends through that address's domain identity.
  fn.addToRolePolicy(sendEmailStatement(stack, [props.sesIdentity, ...references.sesFrom.map(domainOf)]));

  if (references.ssm.length === 0) return;
  const parameterArns = references.ssm.map((name) =>
    stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.slice(1) }),
  );
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: parameterArns }));
  // SecureStrings encrypted with the account's AWS managed key, aws/ssm: its key id differs per
  // account and region and an alias cannot name a key in a policy, so the resource is any key of
  // the account, narrowed by conditions to what GetParameter needs: through SSM only, and only
  // for these parameters (SSM passes the parameter's ARN as encryption context). The aws/ssm key
  // policy already lets the account's principals decrypt through SSM; this statement says so
  // explicitly, and it is what a customer managed key, if an office uses one, will look for.
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
      conditions: {
        StringEquals: {
          'kms:ViaService': `ssm.${stack.region}.${stack.urlSuffix}`,
          'kms:EncryptionContext:PARAMETER_ARN': parameterArns,
        },
      },
    }),
  );
}
