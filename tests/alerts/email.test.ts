import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertId } from '../../functions/alerts/alert.ts';
import { sesChannel } from '../../functions/alerts/channels/ses.ts';
import { smtpChannel } from '../../functions/alerts/channels/smtp.ts';
import { renderEmail } from '../../functions/alerts/render.ts';
import { secretResolver } from '../../functions/alerts/secrets.ts';
import { sesClient } from '../../functions/digest/send.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { startSesLocal, type SesLocal } from './support/ses-local.ts';
import { readMessage, startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.ts';
import { clearedAlert, vetoAlert } from './support/sample-alert.ts';

// Email alerts against real local receivers: aws-ses-v2-local (read back through /store) and an
// SMTP server from smtp-server that demands a login.

describe('alerts through SES', () => {
  let ses: SesLocal;

  beforeAll(async () => {
    ses = await startSesLocal();
  });
  afterAll(() => ses.close());

  it('sends the rendered alert to one recipient per message and returns SES’s message id', async () => {
    const channel = sesChannel(sesClient(ses.endpoint));
    const result = await channel.send(vetoAlert, { from: 'dw@example.gov.cn', to: 'director@example.gov.cn' });
    expect(result.ok).toBe(true);
    expect(result.id).toBeTruthy();
    const [mail] = (await ses.stored()).slice(-1);
    const rendered = renderEmail(vetoAlert);
    expect(mail).toMatchObject({
      destination: { to: ['director@example.gov.cn'] },
      subject: rendered.subject,
      body: { text: rendered.text, html: rendered.html },
    });
    expect(mail!.from).toMatch(/^=\?UTF-8\?B\?.+\?= <dw@example\.gov\.cn>$/);
  });

  it('reports SES being unreachable as a failure that sent nothing', async () => {
    const down = sesChannel(sesClient(`http://127.0.0.1:${await freePort()}`));
    const result = await down.send(vetoAlert, { from: 'dw@example.gov.cn', to: 'director@example.gov.cn' });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
    expect(result.unconfirmed).toBeUndefined();
  });
});

describe('alerts through SMTP', () => {
  const PASSWORD = 'smtp-pass-9c1e4aSECRET';
  let smtp: SmtpReceiver;
  beforeAll(async () => (smtp = await startSmtpReceiver({ user: 'dw@example.gov.cn', password: PASSWORD })));
  afterAll(() => smtp.close());

  it('logs in with the password from its env reference and delivers subject and both bodies', async () => {
    const password = await secretResolver({ env: { DW_SMTP_PASSWORD: PASSWORD } })({ env: 'DW_SMTP_PASSWORD' });
    const result = await smtpChannel().send(clearedAlert, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'dw@example.gov.cn',
      password,
      from: 'dw@example.gov.cn',
      to: 'webmaster@example.gov.cn',
    });
    expect(result.ok).toBe(true);
    const mail = smtp.mails.at(-1)!;
    expect(mail).toMatchObject({
      user: 'dw@example.gov.cn',
      from: 'dw@example.gov.cn',
      to: ['webmaster@example.gov.cn'],
    });
    const message = readMessage(mail.raw);
    const rendered = renderEmail(clearedAlert);
    expect(message.subject).toBe(rendered.subject);
    expect(message.from).toBe('disclosure-watch 即时提醒 <dw@example.gov.cn>');
    expect(message.text.replace(/\r\n/g, '\n')).toBe(rendered.text);
    expect(message.html).toBe(rendered.html);
    expect(message.messageId).toContain(alertId(clearedAlert));
    expect(result.id).toBe(message.messageId);
  });

  it('reports a refused login without the password, even when the server echoes it', async () => {
    const wrong = 'wrong-pass-77aaSECRET';
    const result = await smtpChannel().send(vetoAlert, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'dw@example.gov.cn',
      password: wrong,
      from: 'dw@example.gov.cn',
      to: 'webmaster@example.gov.cn',
    });
    expect(result.ok).toBe(false);
    expect(result.error).toContain('535 authentication failed for dw@example.gov.cn/***'); // the echo, scrubbed
    expect(result.error).not.toContain(wrong);
    expect(result.unconfirmed).toBeUndefined();
  });

  it('knows a refused connection sent nothing', async () => {
    const result = await smtpChannel().send(vetoAlert, {
      host: '127.0.0.1',
      port: await freePort(),
      secure: false,
      from: 'dw@example.gov.cn',
      to: 'webmaster@example.gov.cn',
    });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
    expect(result.unconfirmed).toBeUndefined();
  });
});
