import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfig } from '../../functions/config/load-config.ts';
import { DisclosureWatchStack } from '../../lib/disclosure-watch-stack.ts';

// Builds the stack as bin/cdk.ts does (same feature flags, same example config), but with
// bundling skipped so a test does not run esbuild for every function; `cdk synth` covers bundling.

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

export const exampleConfigJson = JSON.stringify(loadConfig(join(repoRoot, 'deploy', 'portals.example.json')));

/** The SSM parameters and environment variables `alertingConfigJson` references. */
export const ALERT_REFS = {
  wecomUrl: '/disclosure-watch/wecom-url',
  dingtalkSecret: '/disclosure-watch/dingtalk-secret',
  dingtalkUrl: 'DW_DINGTALK_URL',
} as const;

/** The example config with an `alerts` block using every kind of reference and its own SES sender. */
export const alertingConfigJson = (() => {
  const example = JSON.parse(exampleConfigJson) as { portals: Record<string, unknown>[] };
  const [portal] = example.portals;
  const alerts = {
    channels: [
      { type: 'ses', from: 'alerts@xxgk.mhk.gov.cn' },
      { type: 'wecom', url: { ssm: ALERT_REFS.wecomUrl } },
      { type: 'dingtalk', url: { env: ALERT_REFS.dingtalkUrl }, secret: { ssm: ALERT_REFS.dingtalkSecret } },
    ],
  };
  return JSON.stringify(parseConfig({ portals: [{ ...portal, alerts }] }));
})();

export interface BuildOptions {
  senderEmail?: string;
  sesIdentity?: string;
  /** A config other than the example (JSON text, as bin/cdk.ts passes it). */
  configJson?: string;
  /** Context on top of cdk.json's, as `-c key=value` would give it. */
  context?: Record<string, unknown>;
  /** Bundle the functions for real (slow: esbuild per function); `outdir` receives the assets. */
  bundle?: { outdir: string };
}

export function buildStack(opts: BuildOptions = {}) {
  const { configJson = exampleConfigJson, context = {}, bundle, ...props } = opts;
  const app = new App({
    context: { ...cdkJson.context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
    ...(bundle ? { outdir: bundle.outdir } : {}),
  });
  const stack = new DisclosureWatchStack(app, 'DisclosureWatch', { configJson, ...props });
  return { app, stack };
}

type Resource = { Type: string; Properties: Record<string, unknown> };
export type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

/** The synthesized template with the questions the tests ask of it, by handler name. */
export function stackView(stack: DisclosureWatchStack) {
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const functionIds = Object.fromEntries(
    Object.entries(stack.functions.byName).map(([name, fn]) => [
      name,
      stack.getLogicalId(fn.node.defaultChild as CfnElement),
    ]),
  );
  const props = (handler: string) => resources[functionIds[handler]!]!.Properties;
  const roleOf = (handler: string) => (props(handler).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  /** Every statement of every policy attached to a role. */
  const statementsOfRole = (roleLogicalId: string): Statement[] =>
    Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
      }) as Record<string, Resource>,
    ).flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return {
    template,
    resources,
    functionIds,
    props,
    roleOf,
    statementsOfRole,
    /** Every action any policy attached to the role allows. */
    actionsOfRole: (roleLogicalId: string) => statementsOfRole(roleLogicalId).flatMap((s) => [s.Action].flat()),
    env: (handler: string) => (props(handler).Environment as { Variables: Record<string, unknown> }).Variables,
  };
}
