import { describe, expect, it } from 'vitest';
import { SDK_NODE_WARNING_OPT_OUT, takeOverNodeVersionWarning } from '../../bin/cli/node-version-notice.ts';

describe('takeOverNodeVersionWarning', () => {
  it("on Node 20 silences the SDK and gives the notice in the project's words", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(takeOverNodeVersionWarning(env, 'v20.18.1')).toBe(
      'disclosure-watch: Node 20 works today; AWS SDK releases after early January 2027 need Node 22 — upgrade to Node 22 or 24.',
    );
    expect(env[SDK_NODE_WARNING_OPT_OUT]).toBe('true');
  });

  it('has nothing to say on Node 22 or later', () => {
    expect(takeOverNodeVersionWarning({}, 'v22.12.0')).toBeNull();
    expect(takeOverNodeVersionWarning({}, 'v24.1.0')).toBeNull();
  });

  it("stays quiet for a user who has already switched the SDK's warning off", () => {
    expect(takeOverNodeVersionWarning({ [SDK_NODE_WARNING_OPT_OUT]: 'true' }, 'v20.18.1')).toBeNull();
  });
});
