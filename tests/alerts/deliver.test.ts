import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverAlert, emailRecipients, type PortalRecipient } from '../../functions/alerts/deliver.ts';
import { secretResolver } from '../../functions/alerts/secrets.ts';
import { alertsSchema, type AlertsConfig } from '../../functions/config/alerts-schema.ts';
import { sesClient } from '../../functions/digest/send.ts';
import { startSesLocal, type SesLocal } from './support/ses-local.ts';
import { DINGTALK_SECRET, startRobotReceiver, type RobotReceiver } from './support/robot-receiver.ts';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.ts';
import { vetoAlert, warningAlert } from './support/sample-alert.ts';

// One alert to a portal's whole `alerts` block, every channel a real local receiver.

const recipients: PortalRecipient[] = [
  { name: '局长', email: 'director@example.gov.cn', role: 'leader' },
  { name: '土地利用科科长', email: 'land@example.gov.cn', role: 'department', department: '土地利用科' },
  { name: '办公室主任', email: 'office@example.gov.cn', role: 'department', department: '办公室' },
];

describe('delivering one alert to every channel of a portal', () => {
  let ses: SesLocal;
  let robot: RobotReceiver;
  let smtp: SmtpReceiver;
  let config: AlertsConfig;
  const env = {
    DW_WECOM_URL: '',
    DW_DINGTALK_SECRET: DINGTALK_SECRET,
    DW_HOOK_URL: '',
    DW_DINGTALK_URL: '',
    DW_SMTP_PASSWORD: 'smtp-pass-SECRET',
  };
  const deps = () => ({
    resolveSecret: secretResolver({ env }),
    ses: sesClient(ses.endpoint),
  });

  beforeAll(async () => {
    ses = await startSesLocal();
    robot = await startRobotReceiver({ dingtalkSigning: true });
    smtp = await startSmtpReceiver({ user: 'dw@example.gov.cn', password: env.DW_SMTP_PASSWORD });
    env.DW_DINGTALK_URL = robot.dingtalkUrl;
    env.DW_WECOM_URL = robot.wecomUrl;
    env.DW_HOOK_URL = robot.hookUrl;
    config = alertsSchema.parse({
      channels: [
        { type: 'ses', from: 'dw@example.gov.cn' },
        {
          type: 'smtp',
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: 'dw@example.gov.cn',
          password: { env: 'DW_SMTP_PASSWORD' },
          from: 'dw@example.gov.cn',
          recipients: ['webmaster@example.gov.cn'],
        },
        { type: 'wecom', url: { env: 'DW_WECOM_URL' } },
        { type: 'dingtalk', url: { env: 'DW_DINGTALK_URL' }, secret: { env: 'DW_DINGTALK_SECRET' } },
        { type: 'webhook', url: { env: 'DW_HOOK_URL' }, levels: ['veto'] },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([robot.close(), smtp.close(), ses.close()]);
  });

  it('sends a veto everywhere: SES to the leaders and the owning department, SMTP to its list, both robots and the webhook', async () => {
    const deliveries = await deliverAlert(vetoAlert, config, recipients, deps());
    expect(deliveries.map((d) => [d.channel, d.type, d.to, d.result.ok])).toEqual([
      [0, 'ses', 'director@example.gov.cn', true],
      [0, 'ses', 'land@example.gov.cn', true],
      [1, 'smtp', 'webmaster@example.gov.cn', true],
      [2, 'wecom', undefined, true],
      [3, 'dingtalk', undefined, true],
      [4, 'webhook', undefined, true],
    ]);
    expect((await ses.stored()).map((m) => m.destination.to[0])).toEqual([
      'director@example.gov.cn',
      'land@example.gov.cn',
    ]);
    expect(smtp.mails.map((m) => m.to)).toEqual([['webmaster@example.gov.cn']]);
    expect(robot.received.map((r) => r.path).sort()).toEqual(['/cgi-bin/webhook/send', '/hook', '/robot/send']); // channels run side by side
  });

  it('leaves out a channel whose levels do not include the alert’s', async () => {
    const before = robot.received.length;
    const deliveries = await deliverAlert(warningAlert, config, recipients, deps());
    expect(deliveries.map((d) => d.type)).not.toContain('webhook');
    expect(
      robot.received
        .slice(before)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/cgi-bin/webhook/send', '/robot/send']);
  });

  it('reports an unreadable secret by its reference on that channel alone, never throwing', async () => {
    const broken = alertsSchema.parse({
      channels: [
        { type: 'wecom', url: { env: 'DW_NOT_SET' } },
        { type: 'webhook', url: { env: 'DW_HOOK_URL' } },
      ],
    });
    const deliveries = await deliverAlert(vetoAlert, broken, recipients, deps());
    expect(deliveries).toEqual([
      {
        channel: 0,
        type: 'wecom',
        result: {
          ok: false,
          error: 'wecom: secret reference {"env":"DW_NOT_SET"}: the environment variable DW_NOT_SET is not set',
        },
      },
      { channel: 1, type: 'webhook', result: { ok: true } },
    ]);
  });

  it('says so when an email channel has nobody to write to or no sender', async () => {
    const lonely = alertsSchema.parse({ channels: [{ type: 'ses', from: 'dw@example.gov.cn' }, { type: 'ses' }] });
    const deliveries = await deliverAlert(vetoAlert, lonely, [], deps());
    expect(deliveries.map((d) => d.result)).toEqual([
      { ok: false, error: 'ses: no recipient (the portal lists no leader and no recipient of 土地利用科)' },
      { ok: false, error: 'ses: the channel names no "from" and the deploy has no sender address' },
    ]);
    const withDeploySender = await deliverAlert(
      vetoAlert,
      alertsSchema.parse({ channels: [{ type: 'ses' }] }),
      recipients.slice(0, 1),
      { ...deps(), sesFrom: 'deploy@example.gov.cn' },
    );
    expect(withDeploySender.map((d) => d.result.ok)).toEqual([true]);
  });
});

describe('who an email channel writes to', () => {
  it('"portal" means the leaders and the department that must act, each address once', () => {
    expect(emailRecipients(vetoAlert, undefined, recipients)).toEqual([
      'director@example.gov.cn',
      'land@example.gov.cn',
    ]);
    expect(emailRecipients(vetoAlert, 'portal', [...recipients, recipients[0]!])).toEqual([
      'director@example.gov.cn',
      'land@example.gov.cn',
    ]);
  });

  it('a site-wide problem reaches the leaders', () => {
    expect(emailRecipients(warningAlert, 'portal', recipients)).toEqual(['director@example.gov.cn']);
  });

  it('a list names the addresses instead', () => {
    expect(
      emailRecipients(vetoAlert, ['a@example.gov.cn', 'a@example.gov.cn', 'b@example.gov.cn'], recipients),
    ).toEqual(['a@example.gov.cn', 'b@example.gov.cn']);
  });
});
