import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALERT_REFS, alertingConfigJson, buildStack, stackView } from './build.ts';

// The config is inlined into every bundle (esbuild define), so whatever it holds ships as code.
// It holds references only: a robot URL given through `alertEnv` must reach the function's
// environment and never its bundle. Synthesized with real bundling, as `cdk synth` does it.

const SECRET_URL = 'https://oapi.dingtalk.com/robot/send?access_token=7e1f0c-bundle-leak-canary';

describe('the synthesized probe bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'dw-synth-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('holds the config with its references, and not the secret value that is only in the environment', () => {
    const { app, stack } = buildStack({
      configJson: alertingConfigJson,
      context: { alertEnv: { [ALERT_REFS.dingtalkUrl]: SECRET_URL } },
      bundle: { outdir },
    });
    app.synth();
    const view = stackView(stack);
    // The function's code is the asset whose hash names its S3 key; cdk.out holds it as asset.<hash>/.
    const assetOf = (handler: string) => {
      const key = (view.props(handler).Code as { S3Key: string }).S3Key;
      return readFileSync(join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    };
    for (const handler of ['probe', 'evaluate']) {
      const bundle = assetOf(handler);
      expect(bundle, handler).toContain(ALERT_REFS.dingtalkUrl); // the inlined config's reference
      expect(bundle, handler).toContain(ALERT_REFS.wecomUrl);
      expect(bundle, handler).not.toContain('bundle-leak-canary');
      expect(bundle, handler).not.toContain(SECRET_URL);
      // Where the value does live: the function's environment, set at deploy.
      expect(view.env(handler)[ALERT_REFS.dingtalkUrl], handler).toBe(SECRET_URL);
    }
  }, 240_000);
});
