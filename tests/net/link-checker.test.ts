import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/net/link-checker.ts';

describe('classify a link check (broken vs could not verify)', () => {
  it.each([
    [{ ok: true, status: 200 }, 'ok'],
    [{ ok: true, status: 304, notModified: true }, 'ok'],
    [{ ok: false, status: 404, kind: 'http' }, 'broken'],
    [{ ok: false, status: 410, kind: 'http' }, 'broken'],
    [{ ok: false, status: 503, kind: 'http' }, 'broken'],
    [{ ok: false, kind: 'connection', error: 'ECONNREFUSED' }, 'broken'],
    [{ ok: false, kind: 'dns', error: 'ENOTFOUND' }, 'broken'],
    [{ ok: false, status: 401, kind: 'http' }, 'unverified'],
    [{ ok: false, status: 403, kind: 'http' }, 'unverified'],
    [{ ok: false, status: 429, kind: 'http' }, 'unverified'],
    [{ ok: false, kind: 'timeout', error: 'timeout after 15000 ms' }, 'unverified'],
    [{ ok: false, kind: 'robots', error: 'disallowed by http://x/robots.txt' }, 'unverified'],
    [{ ok: false, status: 302, kind: 'redirect-off-site', error: 'redirect off-site to http://other/' }, 'unverified'],
    [{ ok: false, kind: 'too-many-redirects', error: 'more than 10 redirects' }, 'unverified'],
    [{ ok: false, kind: 'tls', error: 'CERT_HAS_EXPIRED' }, 'broken'],
    [{ ok: false, status: 200, kind: 'too-large', error: 'response larger than 5242880 bytes, cut off' }, 'unverified'],
    // Never fetched, or stored before failures had a kind: nothing proves the link dead.
    [{ ok: false, error: 'not crawled yet' }, 'unverified'],
  ] as const)('%o is %s', (res, verdict) => {
    expect(classify(res)).toBe(verdict);
  });
});
