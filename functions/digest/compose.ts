import type { PortalConfig } from '../config/schema.ts';
import type { Repository } from '../store/repository.ts';
import { mimeMessage } from './mime.ts';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import { scoreReport, TREND_SCANS } from '../score/report.ts';
import { digestScore, type DigestScore } from './score.ts';
import { buildDigest, type DigestView } from './view-model.ts';

// One digest per recipient: leaders get the whole portal with the 督办 block (work overdue by
// more than twice its allowance); a department head gets their own department first and then the
// portal's summary; the webmaster gets the whole portal.

/** The From name of every digest; the address is the deploy's (SES identity) or the CLI's. */
export const DIGEST_SENDER_NAME = 'disclosure-watch 政务公开监测';

export interface ComposedDigest {
  recipient: NonNullable<PortalConfig['recipients']>[number];
  subject: string;
  text: string;
  html: string;
  eml: string;
}

/** The week's view from the store, with the score estimate of the latest scan (or `extra.score`). */
export async function loadDigest(
  repo: Repository,
  portal: PortalConfig,
  asOf: string,
  extra: { score?: DigestScore } = {},
): Promise<DigestView> {
  const [findings, scans, pages] = await Promise.all([
    repo.listFindings(portal.id),
    repo.listScans(portal.id, TREND_SCANS),
    repo.listPages(portal.id),
  ]);
  const latest = scans.find((s) => s.score && s.asOf <= asOf);
  const score = extra.score ?? (latest?.score ? digestScore(scoreReport(latest.score, scans, latest.asOf)) : undefined);
  return buildDigest({ portal, asOf, findings, scans, pages, score });
}

export function composeDigests(
  view: DigestView,
  portal: PortalConfig,
  sender: { name: string; email: string },
): ComposedDigest[] {
  return (portal.recipients ?? []).map((recipient) => {
    const copy = {
      department: recipient.role === 'department' ? recipient.department : undefined,
      leader: recipient.role === 'leader',
    };
    const text = renderText(view, copy);
    const html = renderHtml(view, copy);
    const eml = mimeMessage({
      from: sender,
      to: recipient,
      subject: view.subject,
      text,
      html,
      messageId: `${view.portal.id}.${view.week.label}.${recipient.email}`,
    });
    return { recipient, subject: view.subject, text, html, eml };
  });
}
