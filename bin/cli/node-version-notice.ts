// The AWS SDK warns on Node < 22 that its releases after the first week of January 2027 need
// Node 22. It says so once per copy of its core it loads (ESM and CommonJS builds, nested
// versions), as a process warning that buries the scan's progress. It has an opt-out, read when
// a client is created; the CLI takes it and says the same once, in its own words, with what to do.

/** The SDK's own switch for its Node-version warning (@aws-sdk/core, emitWarningIfUnsupportedVersion). */
export const SDK_NODE_WARNING_OPT_OUT = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** The first Node major the SDK keeps supporting after early January 2027. */
const SDK_NODE_MAJOR = 22;

/**
 * Silences the SDK's warning and returns the CLI's notice, or null when none is due: Node is
 * new enough, or the user has already switched the SDK's warning off (then they know).
 */
export function takeOverNodeVersionWarning(env: NodeJS.ProcessEnv, nodeVersion: string): string | null {
  if (env[SDK_NODE_WARNING_OPT_OUT] === 'true') return null;
  env[SDK_NODE_WARNING_OPT_OUT] = 'true';
  const major = Number(/^v(\d+)\./.exec(nodeVersion)?.[1]);
  if (!(major < SDK_NODE_MAJOR)) return null;
  return `disclosure-watch: Node ${major} works today; AWS SDK releases after early January 2027 need Node ${SDK_NODE_MAJOR} — upgrade to Node 22 or 24.`;
}
