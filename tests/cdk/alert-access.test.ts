import { beforeAll, describe, expect, it } from 'vitest';
import { ContextError } from '../../lib/context.ts';
import { ALERT_REFS, alertingConfigJson, buildStack, stackView, type Statement } from './build.ts';

// What the alerting functions (evaluate, probe) may do, read from the config at synth: send
// through the SES identities their channels use, read exactly the SSM parameters the config
// references (and decrypt only those), and carry the values of `{ "env": … }` references.

const DINGTALK_URL = 'https://oapi.dingtalk.com/robot/send?access_token=0f3c-example-token';
const alerting = () =>
  buildStack({
    senderEmail: 'watch@gtj.mhk.gov.cn',
    configJson: alertingConfigJson,
    context: { alertEnv: { [ALERT_REFS.dingtalkUrl]: DINGTALK_URL } },
  });

/** The text of a CloudFormation value with its pseudo parameters named, for comparing ARNs. */
const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : Array.isArray(v)
      ? v.map(text).join('')
      : v && typeof v === 'object' && 'Fn::Join' in v
        ? text((v as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1])
        : v && typeof v === 'object' && 'Ref' in v
          ? `<${(v as { Ref: string }).Ref}>`
          : JSON.stringify(v);

describe('alert access with SSM and environment references', () => {
  let view: ReturnType<typeof stackView>;
  const withAction = (handler: string, action: string) =>
    view.statementsOfRole(view.roleOf(handler)).filter((s: Statement) => [s.Action].flat().includes(action));
  beforeAll(() => {
    view = stackView(alerting().stack);
  });

  it('lets evaluate and probe read exactly the referenced parameters, and no other function any', () => {
    const arn = (name: string) => `arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter${name}`;
    for (const handler of Object.keys(view.functionIds)) {
      const reads = withAction(handler, 'ssm:GetParameter');
      if (!['evaluate', 'probe'].includes(handler)) {
        expect(reads, handler).toEqual([]);
        continue;
      }
      expect(reads.flatMap((s) => [s.Resource].flat().map(text)).sort(), handler).toEqual(
        [arn(ALERT_REFS.dingtalkSecret), arn(ALERT_REFS.wecomUrl)].sort(),
      );
      expect(
        view.actionsOfRole(view.roleOf(handler)).filter((a) => a.startsWith('ssm:')),
        handler,
      ).toEqual(['ssm:GetParameter']);
    }
  });

  it('decrypts through SSM only, and only those parameters', () => {
    for (const handler of ['evaluate', 'probe']) {
      const [decrypt, ...more] = withAction(handler, 'kms:Decrypt');
      expect(more, handler).toEqual([]);
      expect(text(decrypt!.Resource)).toBe('arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*');
      const equals = decrypt!.Condition!.StringEquals as Record<string, unknown>;
      expect(text(equals['kms:ViaService'])).toBe('ssm.<AWS::Region>.<AWS::URLSuffix>');
      expect((equals['kms:EncryptionContext:PARAMETER_ARN'] as unknown[]).map(text).sort()).toEqual(
        [ALERT_REFS.dingtalkSecret, ALERT_REFS.wecomUrl]
          .map((n) => `arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter${n}`)
          .sort(),
      );
    }
    for (const handler of ['plan-scan', 'crawl-column', 'send-digest', 'api'])
      expect(withAction(handler, 'kms:Decrypt'), handler).toEqual([]);
  });

  it("sends through the deploy's identity and the domain of a channel's own sender", () => {
    for (const handler of ['evaluate', 'probe']) {
      const [send] = withAction(handler, 'ses:SendEmail');
      expect([send!.Resource].flat().map(text).sort(), handler).toEqual([
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/gtj.mhk.gov.cn',
        'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/xxgk.mhk.gov.cn',
      ]);
    }
  });

  it('gives the environment references their values in evaluate and probe only', () => {
    for (const handler of Object.keys(view.functionIds))
      expect(view.env(handler)[ALERT_REFS.dingtalkUrl], handler).toBe(
        ['evaluate', 'probe'].includes(handler) ? DINGTALK_URL : undefined,
      );
  });
});

describe('alert access without references', () => {
  it('adds no SSM or KMS statement when the config references no parameter', () => {
    const view = stackView(buildStack().stack);
    for (const handler of Object.keys(view.functionIds)) {
      const actions = view.actionsOfRole(view.roleOf(handler));
      expect(
        actions.filter((a) => a.startsWith('ssm:') || a.startsWith('kms:')),
        handler,
      ).toEqual([]);
    }
  });
});

describe('the alertEnv context', () => {
  const build = (alertEnv: unknown) => () =>
    buildStack({ configJson: alertingConfigJson, context: alertEnv === undefined ? {} : { alertEnv } });

  it('must give a value for every environment reference, and says how', () => {
    expect(build(undefined)).toThrow(ContextError);
    expect(build(undefined)).toThrow(
      /the alerts reference \{"env": "DW_DINGTALK_URL"\} but no value is given: add it \(-c 'alertEnv=\{"DW_DINGTALK_URL":"https:\/\/…"\}'\), or keep the secret in an SSM SecureString/,
    );
  });

  it('accepts the JSON text `-c alertEnv=…` gives', () => {
    const { stack } = build(JSON.stringify({ DW_DINGTALK_URL: DINGTALK_URL }))();
    expect(stackView(stack).env('probe').DW_DINGTALK_URL).toBe(DINGTALK_URL);
  });

  it('refuses names no reference uses, empty values and text that is not JSON', () => {
    expect(build({ DW_DINGTALK_URL: DINGTALK_URL, DW_DINGTALK_ULR: 'x' })).toThrow(
      /"DW_DINGTALK_ULR" is not referenced by any portal's alerts .*fix its spelling/,
    );
    expect(build({ DW_DINGTALK_URL: '' })).toThrow(/"DW_DINGTALK_URL" must be a non-empty string/);
    expect(build('{DW_DINGTALK_URL: x}')).toThrow(/context "alertEnv" is not JSON/);
    expect(build(['DW_DINGTALK_URL'])).toThrow(/context "alertEnv" must be an object/);
  });

  it('refuses a reference to a variable the stack sets itself', () => {
    const config = JSON.parse(alertingConfigJson) as { portals: { alerts: { channels: object[] } }[] };
    config.portals[0]!.alerts.channels.push({ type: 'webhook', url: { env: 'DW_TABLE_NAME' } });
    expect(() =>
      buildStack({ configJson: JSON.stringify(config), context: { alertEnv: { DW_DINGTALK_URL: DINGTALK_URL } } }),
    ).toThrow(/the alerts reference \{"env": "DW_TABLE_NAME"\}, a variable the stack or Lambda sets itself/);
  });
});
