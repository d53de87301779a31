import type { Construct } from 'constructs';
import { environmentSchema } from '../functions/config/environment.ts';

// Deploy-time settings from CDK context (cdk.json, or `-c key=value` on the command line, where
// every value arrives as text), checked at synth: a wrong value stops `cdk synth` with the key
// and the fix before anything deploys.

export class ContextError extends Error {
  override name = 'ContextError';
}

export const PROBE_EVERY_MINUTES_KEY = 'probeEveryMinutes';
export const ALERT_ENV_KEY = 'alertEnv';
export const DEFAULT_PROBE_EVERY_MINUTES = 30;
/** The inspection opens a homepage at least 20 times a day: 24 h / 20 = one probe every 72 minutes. */
export const MAX_PROBE_EVERY_MINUTES = (24 * 60) / 20;
/** A government homepage opened every minute or two is load its webmaster notices, for no better measure. */
export const MIN_PROBE_EVERY_MINUTES = 5;

/** Minutes between probe rounds: a whole number from 5 to 72. */
export function probeEveryMinutes(scope: Construct): number {
  const raw: unknown = scope.node.tryGetContext(PROBE_EVERY_MINUTES_KEY);
  if (raw === undefined) return DEFAULT_PROBE_EVERY_MINUTES;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const fix = `set it in cdk.json's "context" or on the command line, e.g. -c ${PROBE_EVERY_MINUTES_KEY}=${DEFAULT_PROBE_EVERY_MINUTES}`;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new ContextError(
      `context "${PROBE_EVERY_MINUTES_KEY}" is ${JSON.stringify(raw)}, not a whole number of minutes: ${fix}`,
    );
  if (n > MAX_PROBE_EVERY_MINUTES)
    throw new ContextError(
      `context "${PROBE_EVERY_MINUTES_KEY}" is ${n}: that is fewer than the 20 probes a day the inspection makes, so the week's share would rest on too few probes; use ${MAX_PROBE_EVERY_MINUTES} or less (${fix})`,
    );
  if (n < MIN_PROBE_EVERY_MINUTES)
    throw new ContextError(
      `context "${PROBE_EVERY_MINUTES_KEY}" is ${n}: probing a portal's homepage more often than every ${MIN_PROBE_EVERY_MINUTES} minutes burdens its server without measuring better; use ${MIN_PROBE_EVERY_MINUTES} to ${MAX_PROBE_EVERY_MINUTES} (${fix})`,
    );
  return n;
}

/** Names the stack or Lambda itself sets: an alert secret must not replace one of them. */
const isReserved = (name: string) =>
  name in environmentSchema.shape ||
  /^(AWS_|LAMBDA_|POWERTOOLS_|_)/.test(name) ||
  ['NODE_OPTIONS', 'TZ', 'PATH', 'LANG', 'HOME'].includes(name);

/**
 * The values of the config's `{ "env": NAME }` alert references, from the context map `alertEnv`
 * (name → value), for the functions that send alerts. Every reference needs a value and every
 * value a reference: a missing one would only show as a failed alert on the day it mattered, and
 * an unused one is a secret copied into a function for nothing.
 */
export function alertEnvironment(scope: Construct, referenced: readonly string[]): Record<string, string> {
  let raw: unknown = scope.node.tryGetContext(ALERT_ENV_KEY) ?? {};
  const example = `-c '${ALERT_ENV_KEY}={"${referenced[0] ?? 'DW_WECOM_URL'}":"https://…"}'`;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new ContextError(
        `context "${ALERT_ENV_KEY}" is not JSON: give an object of names to values, e.g. ${example}`,
      );
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ContextError(`context "${ALERT_ENV_KEY}" must be an object of names to values, e.g. ${example}`);
  const given = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of referenced) {
    if (isReserved(name))
      problems.push(
        `the alerts reference {"env": "${name}"}, a variable the stack or Lambda sets itself: give the secret another name`,
      );
    else if (!(name in given))
      problems.push(
        `the alerts reference {"env": "${name}"} but no value is given: add it (${example.replace(/"[^"]+":/, `"${name}":`)}), or keep the secret in an SSM SecureString and reference {"ssm": "/…"}`,
      );
    else if (typeof given[name] !== 'string' || given[name] === '')
      problems.push(`"${name}" must be a non-empty string`);
  }
  for (const name of Object.keys(given))
    if (!referenced.includes(name))
      problems.push(
        `"${name}" is not referenced by any portal's alerts ({"env": "${name}"}): remove it, or fix its spelling`,
      );
  if (problems.length > 0)
    throw new ContextError(`context "${ALERT_ENV_KEY}" does not fit the config:\n  - ${problems.join('\n  - ')}`);
  return given as Record<string, string>;
}
