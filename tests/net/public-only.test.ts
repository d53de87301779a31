import { describe, expect, it } from 'vitest';
import { publicOnlyAgent, refusePrivateHost } from '../../functions/net/public-only.ts';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { startTestServer } from '../support/test-server.ts';

// The SSRF guard of POST /checks: a configured portal host is fetched only while every address
// it resolves to is public. The resolver is handed in, as a DNS answer an attacker could control.

const resolvingTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe('refusePrivateHost', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['203.0.113.7', 'reserved'],
  ])('refuses a host resolving to %s (%s)', async (address, range) => {
    expect(await refusePrivateHost('www.mhk.gov.cn', resolvingTo('61.135.169.125', address))).toMatch(
      new RegExp(`${address.replace(/[.:]/g, '\\$&')}, a ${range} address`),
    );
  });

  it('allows a host whose every address is public unicast', async () => {
    expect(await refusePrivateHost('www.mhk.gov.cn', resolvingTo('61.135.169.125', '2400:da00::6666'))).toBeNull();
  });

  it('judges an IP literal without asking DNS, brackets and all', async () => {
    const never = async () => {
      throw new Error('DNS must not be asked');
    };
    expect(await refusePrivateHost('[::1]', never)).toMatch(/loopback/);
    expect(await refusePrivateHost('8.8.8.8', never)).toBeNull();
  });

  it('refuses a host that does not resolve, saying so', async () => {
    const nx = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    expect(await refusePrivateHost('nowhere.invalid', nx)).toMatch(/does not resolve \(ENOTFOUND\)/);
    expect(await refusePrivateHost('empty.invalid', resolvingTo())).toMatch(/does not resolve/);
  });
});

describe('publicOnlyAgent', () => {
  it('refuses at connect time a name that resolves to loopback, where a plain fetcher gets through', async () => {
    const srv = await startTestServer({ '/a.html': { body: '<html><body>甲</body></html>' } });
    const byName = `http://localhost:${new URL(srv.origin).port}/a.html`;
    const plain = new Fetcher({ robots: false, retries: 0 });
    const guarded = new Fetcher({ robots: false, retries: 0, dispatcher: publicOnlyAgent() });
    try {
      expect(await plain.fetch({ url: byName })).toMatchObject({ ok: true, status: 200 });
      const refused = await guarded.fetch({ url: byName });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/EADDRNOTPUBLIC/);
      expect(refused.kind).toBe('not-public');
      expect(srv.requests.filter((r) => r.path === '/a.html')).toHaveLength(1); // only the plain fetcher's
    } finally {
      await plain.close();
      await guarded.close();
      await srv.close();
    }
  });

  it('refuses a private IP literal, which never reaches a DNS lookup, at connect time', async () => {
    const srv = await startTestServer({ '/b.html': { body: '<html><body>乙</body></html>' } });
    const byAddress = `${srv.origin}/b.html`; // http://127.0.0.1:port
    const guarded = new Fetcher({ robots: false, retries: 0, dispatcher: publicOnlyAgent() });
    try {
      const refused = await guarded.fetch({ url: byAddress });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/EADDRNOTPUBLIC|not a public address/);
      expect(refused.kind).toBe('not-public');
      expect(srv.requests.filter((r) => r.path === '/b.html')).toHaveLength(0);
    } finally {
      await guarded.close();
      await srv.close();
    }
  });
});
