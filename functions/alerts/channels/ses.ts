import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ALERT_SENDER_NAME, type Alert } from '../alert.ts';
import { renderEmail } from '../render.ts';
import type { AlertChannel } from './channel.ts';
import { failure } from './failure.ts';

// Email through SES v2, one message per recipient (a recipient sees no one else's address, and
// one bounce does not sink the others), the same way the weekly digest goes out.

export interface SesTarget {
  /** A verified SES identity. */
  from: string;
  to: string;
}

/** RFC 2047, so the Chinese sender name survives SES's header handling. */
const fromHeader = (address: string) =>
  `=?UTF-8?B?${Buffer.from(ALERT_SENDER_NAME, 'utf8').toString('base64')}?= <${address}>`;

/**
 * The client must not retry (maxAttempts 1): a retry after a lost response is a second mail.
 * `alertSesClient` makes one; a caller may pass its own configured the same way.
 */
export function alertSesClient(): SESv2Client {
  return new SESv2Client({ maxAttempts: 1 });
}

export function sesChannel(client: SESv2Client): AlertChannel<SesTarget> {
  return {
    async send(alert: Alert, target) {
      const { subject, text, html } = renderEmail(alert);
      try {
        const res = await client.send(
          new SendEmailCommand({
            FromEmailAddress: fromHeader(target.from),
            Destination: { ToAddresses: [target.to] },
            Content: {
              Simple: {
                Subject: { Data: subject, Charset: 'UTF-8' },
                Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
              },
            },
          }),
        );
        return { ok: true, ...(res.MessageId ? { id: res.MessageId } : {}) };
      } catch (e) {
        return failure(`SES to ${target.to}`, e, []);
      }
    },
  };
}
