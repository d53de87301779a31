import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Repository } from '../store/repository.ts';
import type { ComposedDigest } from './compose.ts';

// Sending the week's digests through SES, one message per recipient, at most once. Each send is
// claimed in DynamoDB first (a conditional write); after SES answers, the claim becomes `sent`
// or `failed`. A failed send is claimed again by the next run; a claim left `sending` (the
// process died between SES and the store) is reported, never re-sent blindly: a duplicate
// to the 局长 is worse than a question to the operator.

export interface SendReport {
  sent: string[];
  alreadySent: string[];
  failed: { email: string; error: string }[];
  unconfirmed: string[];
}

export function sesClient(endpoint?: string): SESv2Client {
  return new SESv2Client(
    endpoint
      ? { endpoint, region: process.env.AWS_REGION ?? 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {},
  );
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
      await deps.repo.finishDigest(input.portalId, input.week, email, { status: 'sent', messageId: res.MessageId ?? 'unknown' }, now());
      report.sent.push(email);
    } catch (e) {
      const error = (e as Error).message || String(e);
      await deps.repo.finishDigest(input.portalId, input.week, email, { status: 'failed', error }, now());
      report.failed.push({ email, error });
    }
  }
  return report;
}
