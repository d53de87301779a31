import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { awsClientOptions } from '../common/aws-client.ts';
import type { Repository } from '../store/repository.ts';
import type { ComposedDigest } from './compose.ts';

// Sending the week's digests through SES, one message per recipient, at most once. Each send is
// claimed in DynamoDB first (a conditional write); after SES answers, the claim becomes `sent`
// or `failed`. A failed send is claimed again by the next run; a claim left `sending` (the
// process died between SES and the store, or the connection broke once the request was out)
// is reported, never re-sent blindly: a duplicate to the 局长 is worse than a question to the
// operator.

export interface SendReport {
  sent: string[];
  alreadySent: string[];
  failed: { email: string; error: string }[];
  unconfirmed: string[];
}

export function sesClient(endpoint?: string): SESv2Client {
  // No SDK retries: a retry after a lost response is a second email. A refused send is marked
  // failed and retried by the next run, through a fresh claim.
  return new SESv2Client(awsClientOptions({ endpoint, maxAttempts: 1 }));
}

/** Connection errors that mean the request never reached SES, so nothing can have been sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** SES answered with an error (a status), or the request never left: safe to send again later. */
function surelyNotSent(e: unknown): boolean {
  const err = e as { $metadata?: { httpStatusCode?: number }; code?: string; cause?: { code?: string } };
  return err.$metadata?.httpStatusCode !== undefined || NOT_SENT.has(err.code ?? err.cause?.code ?? '');
}

export async function sendDigests(
  input: { portalId: string; week: string; digests: ComposedDigest[]; from: string },
  deps: { repo: Repository; ses: SESv2Client; now?: () => Date },
): Promise<SendReport> {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const report: SendReport = { sent: [], alreadySent: [], failed: [], unconfirmed: [] };
  for (const d of input.digests) {
    const email = d.recipient.email;
    const standing = await deps.repo.claimDigest(input.portalId, input.week, email, now());
    if (standing) {
      if (standing.status === 'sent') report.alreadySent.push(email);
      else report.unconfirmed.push(email);
      continue;
    }
    try {
      const res = await deps.ses.send(
        new SendEmailCommand({
          FromEmailAddress: input.from,
          Destination: { ToAddresses: [email] },
          Content: {
            Simple: {
              Subject: { Data: d.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: d.text, Charset: 'UTF-8' }, Html: { Data: d.html, Charset: 'UTF-8' } },
            },
          },
        }),
      );
      await deps.repo.finishDigest(
        input.portalId,
        input.week,
        email,
        { status: 'sent', messageId: res.MessageId ?? 'unknown' },
        now(),
      );
      report.sent.push(email);
    } catch (e) {
      if (!surelyNotSent(e)) {
        // The connection broke after the request went out: SES may have sent it. The claim stays
        // `sending` and is reported, like a crash mid-send.
        report.unconfirmed.push(email);
        continue;
      }
      const error = (e as Error).message || String(e);
      await deps.repo.finishDigest(input.portalId, input.week, email, { status: 'failed', error }, now());
      report.failed.push({ email, error });
    }
  }
  return report;
}
