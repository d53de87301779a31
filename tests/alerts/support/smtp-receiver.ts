import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on 127.0.0.1 (smtp-server) that demands a login and keeps every message
// it accepts, raw, with the envelope and the login it came with. Tests read the message back
// through `readMessage`, a small MIME reader for what nodemailer writes.

export interface ReceivedMail {
  user: string;
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(login: { user: string; password: string }): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain text on loopback: no certificate to make, and AUTH still has to succeed.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.password)
        return callback(null, { user: auth.username });
      // Echoes the password it was given, as a careless server might: the caller must scrub it.
      callback(new Error(`535 authentication failed for ${auth.username}/${auth.password}`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          user: String(session.user),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?') // adjacent encoded words join without the folding space
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function headersOf(block: string): Map<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  return new Map(
    unfolded
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()] as [string, string];
      }),
  );
}

/** Subject, From, Message-ID and the text and HTML parts of a multipart/alternative message. */
export function readMessage(raw: string): {
  subject: string;
  from: string;
  messageId: string;
  text: string;
  html: string;
} {
  const split = raw.indexOf('\r\n\r\n');
  const head = headersOf(raw.slice(0, split));
  const boundary = /boundary="?([^";]+)"?/.exec(head.get('content-type') ?? '')?.[1];
  const parts: Record<string, string> = {};
  for (const part of boundary ? raw.slice(split + 4).split(`--${boundary}`) : []) {
    const at = part.indexOf('\r\n\r\n');
    if (at < 0) continue;
    const h = headersOf(part.slice(0, at));
    const type = (h.get('content-type') ?? '').split(';')[0]!.trim();
    parts[type] = decodeBody(
      part.slice(at + 4).replace(/\r\n$/, ''),
      h.get('content-transfer-encoding')?.toLowerCase(),
    );
  }
  return {
    subject: decodeWords(head.get('subject') ?? ''),
    from: decodeWords(head.get('from') ?? ''),
    messageId: head.get('message-id') ?? '',
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
  };
}
