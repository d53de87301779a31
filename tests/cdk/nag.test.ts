import { Stack, Validations, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ALERT_REFS, alertingConfigJson, buildStack, repoRoot } from './build.ts';

// cdk-nag 3 is a CDK policy-validation plugin with acknowledgements through Validations.of();
// it no longer emits annotations, so the checks are read from the plugin's report.

const describeViolations = (report: PolicyValidationPluginReport) =>
  report.violations.map(
    (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );

/** Every acknowledgement in the tree: [construct path, rule id, reason]. */
function acknowledgements(root: IConstruct): [string, string, string][] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]): [string, string, string] => [
            c.node.path,
            id,
            reason,
          ]),
        ),
    );
}

describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged error or warning', () => {
    const { stack } = buildStack();
    const report = new AwsSolutionsChecks(stack, { verbose: true }).validateScope(stack);
    expect(describeViolations(report).filter((v) => v.startsWith('error'))).toEqual([]);
    expect(describeViolations(report).filter((v) => v.startsWith('warning'))).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leaves none either when the alerts read SSM parameters (the KMS statement is acknowledged per role)', () => {
    const { stack } = buildStack({
      configJson: alertingConfigJson,
      context: { alertEnv: { [ALERT_REFS.dingtalkUrl]: 'https://oapi.dingtalk.com/robot/send?access_token=t' } },
    });
    const report = new AwsSolutionsChecks(stack, { verbose: true }).validateScope(stack);
    expect(describeViolations(report)).toEqual([]);
    const kmsAcks = acknowledgements(stack).filter(([, id]) => id.includes(':kms:'));
    expect(kmsAcks.map(([path]) => path).sort()).toEqual([
      'DisclosureWatch/Handlers/evaluate/Role',
      'DisclosureWatch/Handlers/probe/Role',
    ]);
  });

  it('passes as a synth-time plugin, the way bin/cdk.ts runs it', () => {
    const { app } = buildStack();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('still catches a non-compliant resource (the checks are live)', () => {
    const { app, stack } = buildStack();
    const extra = new Stack(app, 'Extra');
    new sqs.Queue(extra, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const rules = report.violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
    expect(
      report.violations
        .flatMap((v) => v.violatingResources.map((r) => r.constructPath))
        .every((p) => p?.startsWith('Extra/')),
    ).toBe(true);
    expect(stack.node.path).toBe('DisclosureWatch');
  });

  it('acknowledges only reviewed rules, each on a specific construct with a written reason', () => {
    const { stack } = buildStack();
    const acks = acknowledgements(stack);
    for (const [path, id, reason] of acks) {
      expect(reason.length, `${id} on ${path}`).toBeGreaterThanOrEqual(40);
      expect(path, `${id} is acknowledged stack-wide`).not.toBe(stack.node.path);
    }
    const ids = acks.map(([, id]) => id.replace(/^annotation::/i, '').replace(/\[.*\]$/, '')).sort();
    expect([...new Set(ids)]).toEqual([
      'AwsSolutions-APIG3',
      'AwsSolutions-COG4',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-SQS3',
    ]);
    expect(acks).toHaveLength(8); // the scheduler role's IAM5 once per scheduled function
  });
});

describe('bin/cdk.ts', () => {
  it('refuses an invalid portal config with the validation message and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-cdk-'));
    const file = join(dir, 'portals.json');
    writeFileSync(
      file,
      JSON.stringify({ portals: [{ id: 'x', name: 'x', homepage: 'http://a.gov.cn/', columns: [], colums: [] }] }),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/cdk.ts'], {
      cwd: repoRoot,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ config: file }), CDK_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}: the config is not valid`);
    expect(run.stderr).toContain('unknown field "colums"');
    expect(run.stderr).toContain('portals[0].columns');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a probe interval that gives fewer than 20 probes a day, naming the key and the fix, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-cdk-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/cdk.ts'], {
      cwd: repoRoot,
      // As `cdk synth -c probeEveryMinutes=90` passes it: text.
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ probeEveryMinutes: '90' }),
        CDK_OUTDIR: join(dir, 'out'),
      },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('context "probeEveryMinutes" is 90: that is fewer than the 20 probes a day');
    expect(run.stderr).toContain('-c probeEveryMinutes=30');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
