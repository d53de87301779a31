import { describe, expect, it } from 'vitest';
import { normalizeUrl, pageKey, sameResource } from '../../functions/common/url.ts';

// The one comparison key of a page's URL: the ways a person writes the same column are one key,
// different pages stay different.

describe('normalizeUrl', () => {
  const column = 'http://www.mhk.gov.cn/rsxx/';
  it.each([
    'http://www.mhk.gov.cn/rsxx/',
    'http://www.mhk.gov.cn/rsxx',
    'http://www.mhk.gov.cn/rsxx/index.html',
    'http://www.mhk.gov.cn/rsxx/index.htm#top',
    'http://www.mhk.gov.cn/rsxx/INDEX.SHTML',
    'http://www.mhk.gov.cn/rsxx/default.aspx',
    'http://www.mhk.gov.cn/rsxx/index.jsp?',
    'http://WWW.MHK.GOV.CN:80/rsxx/index.php',
    'http://www.mhk.gov.cn/%72sxx/',
    ' http://www.mhk.gov.cn/gtj/../rsxx/ ',
  ])('reads %s as the column', (url) => expect(normalizeUrl(url)).toBe(column));

  it('upper-cases the escapes it keeps and keeps the query as written', () => {
    expect(normalizeUrl('http://a.gov.cn/p/%e5%9b%bd.html?b=2&a=%2f')).toBe(
      'http://a.gov.cn/p/%E5%9B%BD.html?b=2&a=%2F',
    );
  });

  it('keeps different pages apart', () => {
    expect(sameResource('http://a.gov.cn/rsxx/', 'http://a.gov.cn/rsxx/list.html')).toBe(false);
    expect(sameResource('http://a.gov.cn/rsxx/', 'https://a.gov.cn/rsxx/')).toBe(false);
    expect(sameResource('http://a.gov.cn/rsxx/?page=2', 'http://a.gov.cn/rsxx/')).toBe(false);
    expect(sameResource('http://a.gov.cn:8080/rsxx/', 'http://a.gov.cn/rsxx/')).toBe(false);
  });

  it('is null for what is not an http(s) URL', () => {
    expect(normalizeUrl('ftp://a.gov.cn/')).toBeNull();
    expect(normalizeUrl('/rsxx/')).toBeNull();
    expect(sameResource('nonsense', 'nonsense')).toBe(false);
  });

  it('keys a stored page without its fragment, as link extraction does', () => {
    expect(pageKey('http://A.gov.cn/art/1.html#top')).toBe('http://a.gov.cn/art/1.html');
  });
});
