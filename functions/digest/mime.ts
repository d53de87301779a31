// A digest as an RFC 5322 / MIME message (.eml): multipart/alternative, text first, then HTML,
// both UTF-8 in base64, the subject RFC 2047-encoded. The same bytes SES would be handed raw.

const b64Lines = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
const encodeWord = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
const address = (name: string, email: string) => `${encodeWord(name)} <${email}>`;

export function mimeMessage(m: {
  from: { name: string; email: string };
  to: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
  date?: Date;
  messageId?: string;
}): string {
  const boundary = `dw-${Buffer.from(m.subject + m.to.email)
    .toString('hex')
    .slice(0, 24)}`;
  return [
    `From: ${address(m.from.name, m.from.email)}`,
    `To: ${address(m.to.name, m.to.email)}`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64Lines(m.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64Lines(m.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
