import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SecretRef } from '../config/alerts-schema.ts';

// Robot URLs (their key= / access_token= is the whole credential), DingTalk's 加签 secret and
// SMTP passwords come from the environment or from SSM SecureString parameters, named in the
// config by reference. Errors name the reference, never a value; `redact` scrubs what a remote
// party or a library may have echoed back before any text reaches a log or a report.

export type { SecretRef };
export type SecretResolver = (ref: SecretRef) => Promise<string>;

/** A reference that cannot be read; the message names the reference and why, never a value. */
export class SecretError extends Error {
  override name = 'SecretError';
}

export const describeRef = (ref: SecretRef): string =>
  JSON.stringify('env' in ref ? { env: ref.env } : { ssm: ref.ssm });

/**
 * A resolver over an environment and an SSM client. SSM values are cached for the resolver's life
 * (a Lambda container's, for the default one): alerts come in bursts and each GetParameter costs
 * a round trip and counts against SSM's rate limit. A failed read is not cached.
 */
export function secretResolver(opts: { env?: NodeJS.ProcessEnv; ssm?: () => SSMClient } = {}): SecretResolver {
  const env = opts.env ?? process.env;
  let client: SSMClient | undefined;
  const ssm = () => (client ??= opts.ssm?.() ?? new SSMClient({}));
  const cache = new Map<string, Promise<string>>();

  return async (ref) => {
    if ('env' in ref) {
      const value = env[ref.env];
      if (value === undefined || value === '')
        throw new SecretError(`secret reference ${describeRef(ref)}: the environment variable ${ref.env} is not set`);
      return value;
    }
    let pending = cache.get(ref.ssm);
    if (!pending) {
      pending = readParameter(ssm(), ref);
      cache.set(ref.ssm, pending);
      pending.catch(() => cache.delete(ref.ssm));
    }
    return pending;
  };
}

async function readParameter(client: SSMClient, ref: { ssm: string }): Promise<string> {
  let parameter;
  try {
    ({ Parameter: parameter } = await client.send(new GetParameterCommand({ Name: ref.ssm, WithDecryption: true })));
  } catch (e) {
    const err = e as Error;
    if (err.name === 'ParameterNotFound')
      throw new SecretError(`secret reference ${describeRef(ref)}: no such SSM parameter`);
    throw new SecretError(
      `secret reference ${describeRef(ref)}: SSM GetParameter failed (${err.name}: ${redact(err.message)})`,
    );
  }
  // A String parameter is readable by anyone allowed to list parameters; secrets live encrypted.
  if (parameter?.Type !== 'SecureString')
    throw new SecretError(
      `secret reference ${describeRef(ref)}: the SSM parameter is a ${parameter?.Type ?? 'missing'} parameter, not a SecureString`,
    );
  if (!parameter.Value) throw new SecretError(`secret reference ${describeRef(ref)}: the SSM parameter is empty`);
  return parameter.Value;
}

/** The process-wide resolver: process.env and the region's SSM, cached per process. */
export const resolveSecret: SecretResolver = secretResolver();

/** What a secret shows as in text: a URL keeps its origin (which robot), everything else is starred. */
function masked(secret: string): string {
  try {
    const u = new URL(secret);
    if (u.protocol === 'http:' || u.protocol === 'https:') return `${u.origin}/***`;
  } catch {
    // not a URL
  }
  return '***';
}

/**
 * Text safe to log: every known secret value replaced, then every URL's query string and any
 * key=, access_token=, sign= or secret= pair starred, for secrets this process never saw (a
 * robot's answer quoting the URL it was called with).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(masked(s));
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join(masked(s));
  }
  return out
    .replace(/(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/gi, '$1?***')
    .replace(/\b(key|access_token|token|sign|secret|password)=[^&\s"'<>]+/gi, '$1=***');
}
