import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/net/link-checker.ts';

describe('classify a link check (broken vs could not verify)', () => {
  it.each([
    [{ ok: true, status: 200 }, 'ok'],
    [{ ok: true, status: 304, notModified: true }, 'ok'],
    [{ ok: false, status: 404 }, 'broken'],
    [{ ok: false, status: 410 }, 'broken'],
    [{ ok: false, status: 503 }, 'broken'],
    [{ ok: false, error: 'ECONNREFUSED' }, 'broken'],
    [{ ok: false, error: 'ENOTFOUND' }, 'broken'],
    [{ ok: false, status: 401 }, 'unverified'],
    [{ ok: false, status: 403 }, 'unverified'],
    [{ ok: false, status: 429 }, 'unverified'],
    [{ ok: false, error: 'timeout after 15000 ms' }, 'unverified'],
    [{ ok: false, error: 'disallowed by http://x/robots.txt', disallowed: true }, 'unverified'],
    [{ ok: false, error: 'redirect off-site to http://other/' }, 'unverified'],
  ] as const)('%o is %s', (res, verdict) => {
    expect(classify(res)).toBe(verdict);
  });
});
