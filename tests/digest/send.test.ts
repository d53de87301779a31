import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as sesLocal from 'aws-ses-v2-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigests } from '../../functions/digest/compose.ts';
import { sendDigests, sesClient } from '../../functions/digest/send.ts';
import { buildDigest } from '../../functions/digest/view-model.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';

// Against aws-ses-v2-local: what SES received is read back through its /store endpoint.

// CommonJS with an ES-style d.ts: the default export is the callable under every loader.
type StartSes = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;
const startSes = ((sesLocal as unknown as { default: StartSes }).default ?? sesLocal) as StartSes;

const portal: PortalConfig = {
  id: 'mhk-gtj',
  name: '梅河口市国土资源局',
  homepage: 'http://gtj.example.gov.cn/index.html',
  columns: [
    {
      id: 'tdsc',
      name: '土地市场',
      url: 'http://gtj.example.gov.cn/tdsc/index.html',
      kind: 'notice',
      department: '土地利用科',
    },
  ],
  departments: [{ name: '土地利用科', officer: '张明' }],
  recipients: [
    { name: '局长', email: 'director@example.gov.cn', role: 'leader' },
    { name: '土地利用科科长', email: 'land@example.gov.cn', role: 'department', department: '土地利用科' },
  ],
};
const view = buildDigest({ portal, asOf: '2018-01-15', findings: [], scans: [], pages: [] });
const digests = composeDigests(view, portal, { name: '监测', email: 'dw@example.gov.cn' });

describe('sending the digest through SES', () => {
  let ses: Server;
  let endpoint: string;
  let repo: Repository;
  const stored = async () =>
    (
      (await (await fetch(`${endpoint}/store`)).json()) as {
        emails: { destination: { to: string[] }; subject: string; body: { text?: string; html?: string } }[];
      }
    ).emails;

  beforeAll(async () => {
    ses = await startSes({ host: '127.0.0.1', port: await freePort() });
    endpoint = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
    repo = await testRepository('digest');
  });
  afterAll(async () => {
    repo.destroy();
    await new Promise((r) => ses.close(r));
  });

  it('sends one message per recipient with the subject and both bodies', async () => {
    const report = await sendDigests(
      { portalId: 'mhk-gtj', week: view.week.label, digests, from: 'dw@example.gov.cn' },
      { repo, ses: sesClient(endpoint) },
    );
    expect(report.sent).toEqual(['director@example.gov.cn', 'land@example.gov.cn']);
    const emails = await stored();
    expect(emails.map((e) => e.destination.to[0])).toEqual(['director@example.gov.cn', 'land@example.gov.cn']);
    expect(emails[0]!.subject).toBe(view.subject);
    expect(emails[0]!.body.text).toBe(digests[0]!.text);
    expect(emails[0]!.body.html).toBe(digests[0]!.html);
    expect(emails[1]!.body.text).toContain('本科室（土地利用科）');
  });

  it('never sends the same week twice to a recipient, however often it runs', async () => {
    const report = await sendDigests(
      { portalId: 'mhk-gtj', week: view.week.label, digests, from: 'dw@example.gov.cn' },
      { repo, ses: sesClient(endpoint) },
    );
    expect(report).toMatchObject({ sent: [], alreadySent: ['director@example.gov.cn', 'land@example.gov.cn'] });
    expect(await stored()).toHaveLength(2);
  });

  it('keeps a failed send and delivers it on the next run', async () => {
    const week = '2018-W04';
    const down = sesClient(`http://127.0.0.1:${await freePort()}`);
    const first = await sendDigests(
      { portalId: 'mhk-gtj', week, digests: digests.slice(0, 1), from: 'dw@example.gov.cn' },
      { repo, ses: down },
    );
    expect(first.failed.map((f) => f.email)).toEqual(['director@example.gov.cn']);
    expect(await repo.getDigestDelivery('mhk-gtj', week, 'director@example.gov.cn')).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    const second = await sendDigests(
      { portalId: 'mhk-gtj', week, digests: digests.slice(0, 1), from: 'dw@example.gov.cn' },
      { repo, ses: sesClient(endpoint) },
    );
    expect(second.sent).toEqual(['director@example.gov.cn']);
    expect(await repo.getDigestDelivery('mhk-gtj', week, 'director@example.gov.cn')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('does not resend a message whose earlier attempt died mid-send, and reports it', async () => {
    const week = '2018-W05';
    await repo.claimDigest('mhk-gtj', week, 'director@example.gov.cn', '2018-01-29T00:00:00Z'); // a run that crashed after claiming
    const before = (await stored()).length;
    const report = await sendDigests(
      { portalId: 'mhk-gtj', week, digests: digests.slice(0, 1), from: 'dw@example.gov.cn' },
      { repo, ses: sesClient(endpoint) },
    );
    expect(report.unconfirmed).toEqual(['director@example.gov.cn']);
    expect(await stored()).toHaveLength(before);
  });

  it('does not mark failed (to be re-sent) a message whose connection broke after the request went out', async () => {
    const { createServer } = await import('node:http');
    // Reads the whole request, as SES would before sending, then drops the connection unanswered.
    const dropping = createServer((req) => req.resume().on('end', () => req.socket.destroy()));
    await new Promise<void>((r) => dropping.listen(0, '127.0.0.1', r));
    const week = '2018-W06';
    try {
      const ses = sesClient(`http://127.0.0.1:${(dropping.address() as AddressInfo).port}`);
      const report = await sendDigests(
        { portalId: 'mhk-gtj', week, digests: digests.slice(0, 1), from: 'dw@example.gov.cn' },
        { repo, ses },
      );
      expect(report).toMatchObject({ sent: [], failed: [], unconfirmed: ['director@example.gov.cn'] });
      expect(await repo.getDigestDelivery('mhk-gtj', week, 'director@example.gov.cn')).toMatchObject({
        status: 'sending',
        attempts: 1,
      });
      const again = await sendDigests(
        { portalId: 'mhk-gtj', week, digests: digests.slice(0, 1), from: 'dw@example.gov.cn' },
        { repo, ses: sesClient(endpoint) },
      );
      expect(again.unconfirmed).toEqual(['director@example.gov.cn']); // still not re-sent blindly
    } finally {
      dropping.closeAllConnections();
      await new Promise((r) => dropping.close(r));
    }
  });
});
