import nodemailer from 'nodemailer';
import { sha256 } from '../../common/hash.ts';
import { ALERT_SENDER_NAME, alertId, type Alert } from '../alert.ts';
import { renderEmail } from '../render.ts';
import type { AlertChannel } from './channel.ts';
import { failure } from './failure.ts';

// Email over SMTP (nodemailer), where SES is not offered: AWS's China regions have none, and
// many bureaus relay through their own or their province's mail server. One message per
// recipient, one connection per message, no retry and a 10 s budget per stage.

export interface SmtpTarget {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  /** Resolved from its secret reference. */
  password?: string;
  from: string;
  to: string;
}

const TIMEOUT_MS = 10_000;

export function smtpChannel(opts: { timeoutMs?: number } = {}): AlertChannel<SmtpTarget> {
  const timeout = opts.timeoutMs ?? TIMEOUT_MS;
  return {
    async send(alert: Alert, target) {
      const secrets = target.password ? [target.password] : [];
      const transport = nodemailer.createTransport({
        host: target.host,
        port: target.port,
        secure: target.secure ?? target.port === 465,
        ...(target.user ? { auth: { user: target.user, pass: target.password ?? '' } } : {}),
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      const { subject, text, html } = renderEmail(alert);
      try {
        const info = await transport.sendMail({
          from: { name: ALERT_SENDER_NAME, address: target.from },
          to: target.to,
          subject,
          text,
          html,
          messageId: `<${alertId(alert)}.${sha256(target.to).slice(0, 12)}@disclosure-watch>`,
        });
        return { ok: true, id: info.messageId };
      } catch (e) {
        return failure(`SMTP ${target.host}:${target.port} to ${target.to}`, e, secrets);
      } finally {
        transport.close();
      }
    },
  };
}
