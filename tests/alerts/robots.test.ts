import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkChannel, dingtalkSignature, signedDingtalkUrl } from '../../functions/alerts/channels/dingtalk.ts';
import { webhookChannel } from '../../functions/alerts/channels/webhook.ts';
import { wecomChannel } from '../../functions/alerts/channels/wecom.ts';
import { alertId } from '../../functions/alerts/alert.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import {
  DINGTALK_SECRET,
  DINGTALK_TOKEN,
  startRobotReceiver,
  WECOM_KEY,
  type RobotReceiver,
} from './support/robot-receiver.ts';
import { clearedAlert, vetoAlert } from './support/sample-alert.ts';

// Against a real HTTP server on 127.0.0.1 that answers like 企业微信 and 钉钉 do.

const secretsOf = (r: RobotReceiver) => [
  WECOM_KEY,
  DINGTALK_TOKEN,
  DINGTALK_SECRET,
  'hook-token-SECRET',
  r.wecomUrl,
  r.dingtalkUrl,
  r.hookUrl,
];
const expectNoSecret = (r: RobotReceiver, text: string | undefined) => {
  expect(text).toBeTruthy();
  for (const s of secretsOf(r)) expect(text).not.toContain(s);
};

describe('企业微信 group robot', () => {
  let robot: RobotReceiver;
  beforeAll(async () => (robot = await startRobotReceiver()));
  afterAll(() => robot.close());

  it('posts markdown the robot accepts', async () => {
    const result = await wecomChannel().send(vetoAlert, { url: robot.wecomUrl });
    expect(result).toEqual({ ok: true });
    const got = robot.received.at(-1)!;
    expect(got.path).toBe('/cgi-bin/webhook/send');
    expect((got.json as { markdown: { content: string } }).markdown.content).toContain(
      '### 【否决】梅河口市国土资源局',
    );
  });

  it('reports a refused key as a failure without the key', async () => {
    const result = await wecomChannel().send(vetoAlert, {
      url: `${robot.origin}/cgi-bin/webhook/send?key=wrong-key-SECRET`,
    });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^企业微信机器人: errcode 93000 invalid webhook url/);
    expect(result.error).not.toContain('wrong-key-SECRET');
    expect(result.unconfirmed).toBeUndefined();
  });

  it('reports errcode ≠ 0 (a rate limit) as ok: false, the robot having quoted the URL with its key', async () => {
    await robot.during('errcode', async () => {
      const result = await wecomChannel().send(vetoAlert, { url: robot.wecomUrl });
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('errcode 45009') });
      expectNoSecret(robot, result.error);
    });
  });

  it('reports an HTTP error status without the key', async () => {
    await robot.during('http-500', async () => {
      const result = await wecomChannel().send(vetoAlert, { url: robot.wecomUrl });
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 500') });
      expectNoSecret(robot, result.error);
    });
  });

  it('gives up at the deadline and says the message may have arrived', async () => {
    await robot.during('hang', async () => {
      const started = Date.now();
      const result = await wecomChannel({ timeoutMs: 300 }).send(vetoAlert, { url: robot.wecomUrl });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result).toMatchObject({ ok: false, unconfirmed: true });
      expectNoSecret(robot, result.error);
    });
  });

  it('knows a refused connection sent nothing', async () => {
    const url = `http://127.0.0.1:${await freePort()}/cgi-bin/webhook/send?key=${WECOM_KEY}`;
    const result = await wecomChannel().send(vetoAlert, { url });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
    expect(result.unconfirmed).toBeUndefined();
    expect(result.error).not.toContain(WECOM_KEY);
  });
});

describe('钉钉 group robot with 加签', () => {
  let robot: RobotReceiver;
  beforeAll(async () => (robot = await startRobotReceiver({ dingtalkSigning: true })));
  afterAll(() => robot.close());

  it('signs the call so that DingTalk’s own check passes', async () => {
    const result = await dingtalkChannel().send(vetoAlert, { url: robot.dingtalkUrl, secret: DINGTALK_SECRET });
    expect(result).toEqual({ ok: true });
    const got = robot.received.at(-1)!;
    expect(got.query.get('access_token')).toBe(DINGTALK_TOKEN);
    expect(got.json).toMatchObject({ msgtype: 'markdown', markdown: { title: '【否决】梅河口市国土资源局' } });
    expect((got.json as { markdown: { text: string } }).markdown.text).toContain('**由谁处理**：土地利用科（张明）');
  });

  it('URL-encodes the signature, so a "+" in the base64 does not reach DingTalk as a space', async () => {
    let t = Date.now();
    while (!dingtalkSignature(t, DINGTALK_SECRET).includes('+')) t++;
    const sign = dingtalkSignature(t, DINGTALK_SECRET);
    expect(signedDingtalkUrl(robot.dingtalkUrl, DINGTALK_SECRET, new Date(t))).toBe(
      `${robot.dingtalkUrl}&timestamp=${t}&sign=${encodeURIComponent(sign)}`,
    );
    const result = await dingtalkChannel({ now: () => new Date(t) }).send(vetoAlert, {
      url: robot.dingtalkUrl,
      secret: DINGTALK_SECRET,
    });
    expect(result).toEqual({ ok: true });
    expect(robot.received.at(-1)!.query.get('sign')).toBe(sign);
  });

  it('is refused with errcode 310000 when the secret is wrong, and the error carries no secret', async () => {
    const result = await dingtalkChannel().send(vetoAlert, { url: robot.dingtalkUrl, secret: 'SECwrong-secret-value' });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('errcode 310000 sign not match') });
    expectNoSecret(robot, result.error);
    expect(result.error).not.toContain('SECwrong-secret-value');
  });

  it('is refused when signing is on at the robot but the call is unsigned', async () => {
    const result = await dingtalkChannel().send(vetoAlert, { url: robot.dingtalkUrl });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('errcode 310000') });
  });

  it('is refused when the clock is more than an hour off', async () => {
    const result = await dingtalkChannel({ now: () => new Date(Date.now() - 2 * 3_600_000) }).send(vetoAlert, {
      url: robot.dingtalkUrl,
      secret: DINGTALK_SECRET,
    });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('errcode 310000') });
    expectNoSecret(robot, result.error);
  });
});

describe('plain JSON webhook', () => {
  let robot: RobotReceiver;
  beforeAll(async () => (robot = await startRobotReceiver()));
  afterAll(() => robot.close());

  it('posts the Alert object itself, with an idempotency key per opening and kind', async () => {
    expect(await webhookChannel().send(clearedAlert, { url: robot.hookUrl })).toEqual({ ok: true });
    const got = robot.received.at(-1)!;
    expect(got.json).toEqual(clearedAlert);
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(got.headers['idempotency-key']).toBe(alertId(clearedAlert));
    expect(alertId(clearedAlert)).not.toBe(alertId({ ...clearedAlert, kind: 'opened' }));
  });

  it('reports a non-2xx answer without the URL’s token', async () => {
    await robot.during('http-500', async () => {
      const result = await webhookChannel().send(vetoAlert, { url: robot.hookUrl });
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('webhook: HTTP 500') });
      expectNoSecret(robot, result.error);
    });
  });
});
