import { describe, expect, it } from 'vitest';
import { alertsSchema } from '../../functions/config/alerts-schema.ts';

const problems = (input: unknown) =>
  alertsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('the alerts block of a portal config', () => {
  it('accepts every channel type with secrets by reference, levels, recipients and quiet hours', () => {
    const config = {
      channels: [
        { type: 'ses', recipients: 'portal', levels: ['veto'] },
        {
          type: 'smtp',
          host: 'smtp.example.gov.cn',
          port: 465,
          secure: true,
          user: 'dw',
          password: { ssm: '/disclosure-watch/smtp-password' },
          from: 'dw@example.gov.cn',
          recipients: ['webmaster@example.gov.cn'],
        },
        { type: 'wecom', url: { env: 'DW_WECOM_URL' } },
        {
          type: 'dingtalk',
          url: { ssm: '/disclosure-watch/dingtalk-url' },
          secret: { env: 'DW_DINGTALK_SECRET' },
          levels: ['warning', 'veto'],
        },
        { type: 'webhook', url: { env: 'DW_HOOK_URL' } },
      ],
      quietHours: { warning: '21:30-08:00', veto: null },
    };
    expect(problems(config)).toEqual([]);
    expect(alertsSchema.parse(config)).toEqual(config);
  });

  it('refuses a robot URL written in the config, saying why', () => {
    expect(
      problems({ channels: [{ type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }] }),
    ).toEqual([
      'channels.0.url: must be a secret reference, { "env": "NAME" } or { "ssm": "/path/name" }, never the secret itself: a robot or webhook URL carries its key, so it is read from the environment or SSM',
    ]);
  });

  it('refuses a literal SMTP password and DingTalk secret', () => {
    expect(
      problems({
        channels: [{ type: 'smtp', host: 'h', port: 25, user: 'u', password: 'hunter2', from: 'dw@example.gov.cn' }],
      })[0],
    ).toMatch(/^channels\.0\.password: must be a secret reference.*SMTP password/);
    expect(problems({ channels: [{ type: 'dingtalk', url: { env: 'U' }, secret: 'SECabc' }] })[0]).toMatch(
      /^channels\.0\.secret: must be a secret reference.*加签/,
    );
  });

  it('explains a malformed reference', () => {
    expect(problems({ channels: [{ type: 'webhook', url: { env: 'not a name' } }] })).toEqual([
      'channels.0.url.env: must be an environment variable name, e.g. "DW_WECOM_URL"',
    ]);
    expect(problems({ channels: [{ type: 'webhook', url: { ssm: 'no-slash' } }] })[0]).toMatch(
      /^channels\.0\.url\.ssm: must be an SSM parameter path starting with "\/"/,
    );
    expect(problems({ channels: [{ type: 'webhook', url: { env: 'A', ssm: '/b' } }] })[0]).toMatch(
      /^channels\.0\.url: must be a secret reference/,
    );
  });

  it('wants an SMTP user and password together', () => {
    expect(
      problems({ channels: [{ type: 'smtp', host: 'h', port: 25, user: 'u', from: 'dw@example.gov.cn' }] }),
    ).toEqual([
      'channels.0.password: give "user" and "password" together (or neither, for a relay that needs no login)',
    ]);
    expect(problems({ channels: [{ type: 'smtp', host: 'h', port: 25, from: 'dw@example.gov.cn' }] })).toEqual([]);
  });

  it('names the allowed channel types and levels', () => {
    expect(problems({ channels: [{ type: 'feishu', url: { env: 'X' } }] })).toEqual([
      'channels.0.type: "type" must be one of ses, smtp, wecom, dingtalk, webhook',
    ]);
    expect(problems({ channels: [{ type: 'wecom', url: { env: 'X' }, levels: ['major'] }] })).toEqual([
      'channels.0.levels.0: must be one of warning, veto',
    ]);
  });

  it('refuses malformed or empty quiet hours', () => {
    expect(problems({ channels: [{ type: 'ses' }], quietHours: { warning: '22-7' } })[0]).toMatch(
      /^quietHours\.warning: must be a range "HH:MM-HH:MM"/,
    );
    expect(problems({ channels: [{ type: 'ses' }], quietHours: { warning: '07:00-07:00' } })).toEqual([
      'quietHours.warning: start and end are the same time; use null for no quiet hours',
    ]);
  });

  it('refuses unknown fields and an empty channel list', () => {
    expect(problems({ channels: [{ type: 'wecom', url: { env: 'X' }, key: 'abc' }] })).toEqual([
      'channels.0: Unrecognized key: "key"',
    ]);
    expect(problems({ channels: [] })).toEqual(['channels: list at least one channel, or leave "alerts" out']);
  });
});
