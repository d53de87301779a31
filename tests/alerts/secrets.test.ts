import { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { redact, SecretError, secretResolver } from '../../functions/alerts/secrets.ts';

const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

describe('secrets by reference', () => {
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

  // SSM has no local engine (and a hand-written stand-in would only test itself), so the SSM
  // path is exercised here against a real closed port; its success path is the SDK's own.
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
