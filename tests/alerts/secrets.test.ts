import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { redact, SecretError, secretResolver } from '../../functions/alerts/secrets.ts';
import { startSsmWire, type SsmWire } from './support/ssm-wire.ts';

const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

describe('secrets by reference', () => {
  let ssm: SsmWire;
  const client = () =>
    new SSMClient({
      endpoint: ssm.endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });

  beforeAll(async () => {
    ssm = await startSsmWire();
    ssm.parameters.set('/disclosure-watch/wecom-url', { type: 'SecureString', value: WEBHOOK });
    ssm.parameters.set('/disclosure-watch/plain', { type: 'String', value: 'visible-to-anyone' });
  });
  afterAll(() => ssm.close());

  it('reads an environment variable', async () => {
    const resolve = secretResolver({ env: { DW_WECOM_URL: WEBHOOK } });
    expect(await resolve({ env: 'DW_WECOM_URL' })).toBe(WEBHOOK);
  });

  it('names the reference, not a value, when the variable is missing or empty', async () => {
    const resolve = secretResolver({ env: { DW_EMPTY: '' } });
    await expect(resolve({ env: 'DW_MISSING' })).rejects.toThrow(
      new SecretError('secret reference {"env":"DW_MISSING"}: the environment variable DW_MISSING is not set'),
    );
    await expect(resolve({ env: 'DW_EMPTY' })).rejects.toThrow(/"DW_EMPTY"/);
  });

  it('reads an SSM SecureString with decryption, once per resolver', async () => {
    const resolve = secretResolver({ ssm: client });
    const before = ssm.calls.length;
    expect(await resolve({ ssm: '/disclosure-watch/wecom-url' })).toBe(WEBHOOK);
    expect(await resolve({ ssm: '/disclosure-watch/wecom-url' })).toBe(WEBHOOK);
    const calls = ssm.calls.slice(before);
    expect(calls).toEqual([
      { target: 'AmazonSSM.GetParameter', name: '/disclosure-watch/wecom-url', withDecryption: true },
    ]);
  });

  it('names a missing parameter, and asks SSM again next time (a failure is not cached)', async () => {
    const resolve = secretResolver({ ssm: client });
    await expect(resolve({ ssm: '/disclosure-watch/absent' })).rejects.toThrow(
      'secret reference {"ssm":"/disclosure-watch/absent"}: no such SSM parameter',
    );
    ssm.parameters.set('/disclosure-watch/absent', { type: 'SecureString', value: 'now-there' });
    expect(await resolve({ ssm: '/disclosure-watch/absent' })).toBe('now-there');
  });

  it('refuses a plain String parameter without showing its value', async () => {
    const resolve = secretResolver({ ssm: client });
    const error = await resolve({ ssm: '/disclosure-watch/plain' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as Error).message).toMatch(/not a SecureString/);
    expect((error as Error).message).not.toContain('visible-to-anyone');
  });

  it('says so when SSM cannot be reached', async () => {
    const port = await freePort();
    const down = () =>
      new SSMClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'cn-north-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
    await expect(secretResolver({ ssm: down })({ ssm: '/disclosure-watch/wecom-url' })).rejects.toThrow(
      /"\/disclosure-watch\/wecom-url".*SSM GetParameter failed/,
    );
  });
});

describe('redaction', () => {
  it('replaces a known secret URL by its origin', () => {
    expect(redact(`POST ${WEBHOOK} failed`, [WEBHOOK])).toBe('POST https://qyapi.weixin.qq.com/*** failed');
  });

  it('stars the query of any URL and key=/access_token=/sign= pairs it never saw', () => {
    expect(
      redact('errmsg: invalid url https://oapi.dingtalk.com/robot/send?access_token=abcd&timestamp=1&sign=x%2By'),
    ).toBe('errmsg: invalid url https://oapi.dingtalk.com/robot/send?***');
    expect(redact('hint: key=693a91f6 and access_token=abc&sign=zz')).toBe(
      'hint: key=*** and access_token=***&sign=***',
    );
  });

  it('replaces a plain secret and its URL-encoded form', () => {
    const secret = 'SECab+c/d=';
    expect(redact(`sig ${secret} / ${encodeURIComponent(secret)}`, [secret])).toBe('sig *** / ***');
  });
});
