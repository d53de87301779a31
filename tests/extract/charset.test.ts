import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeHtml, normalizeCharset } from '../../functions/extract/charset.ts';

const TEXT = '政府信息公开：关于进一步优化土地市场服务管理的通知';
const page = (meta: string) => `<html><head>${meta}<title>t</title></head><body><p>${TEXT}</p></body></html>`;
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('decodeHtml', () => {
  it('decodes GBK bytes declared by <meta charset="gbk">', () => {
    const { html, charset } = decodeHtml(gbk(page('<meta charset="gbk">')));
    expect(charset).toBe('gb18030');
    expect(html).toContain(TEXT);
  });

  it('decodes GB2312 bytes declared by the http-equiv form, as GB18030 (the superset)', () => {
    const bytes = new Uint8Array(
      iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'), 'gb2312'),
    );
    const { html, charset } = decodeHtml(bytes);
    expect(charset).toBe('gb18030');
    expect(html).toContain(TEXT);
  });

  it('decodes a GBK-only character on a page labelled gb2312', () => {
    // 镕 is in GBK but not in GB2312; pages labelled gb2312 use such characters all the time.
    const { html } = decodeHtml(gbk(page('<meta charset="gb2312">') + '朱镕基'));
    expect(html).toContain('朱镕基');
  });

  it('prefers the HTTP Content-Type charset over the meta', () => {
    const { html, charset } = decodeHtml(gbk(page('<meta charset="utf-8">')), 'text/html; charset=GBK');
    expect(charset).toBe('gb18030');
    expect(html).toContain(TEXT);
  });

  it('falls back to the meta when the header says utf-8 but the bytes are GBK', () => {
    const { html, charset } = decodeHtml(gbk(page('<meta charset="gbk">')), 'text/html; charset=utf-8');
    expect(charset).toBe('gb18030');
    expect(html).toContain(TEXT);
    expect(html).not.toContain('\ufffd');
  });

  it('uses GB18030 when the header says utf-8 and there is no meta, if that decodes cleanly', () => {
    const { html, charset } = decodeHtml(gbk(page('')), 'text/html;charset=UTF-8');
    expect(charset).toBe('gb18030');
    expect(html).toContain(TEXT);
  });

  it('uses UTF-8 when a page labelled gb2312 is really saved as UTF-8', () => {
    const { html, charset } = decodeHtml(utf8(page('<meta charset="gb2312">')));
    expect(charset).toBe('utf-8');
    expect(html).toContain(TEXT);
  });

  it('honours a UTF-8 byte order mark and strips it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(page(''))]);
    const { html, charset } = decodeHtml(bytes, 'text/html; charset=gbk');
    expect(charset).toBe('utf-8');
    expect(html.charCodeAt(0)).not.toBe(0xfeff);
    expect(html).toContain(TEXT);
  });

  it('guesses UTF-8 for valid UTF-8 without any declaration, GB18030 otherwise', () => {
    expect(decodeHtml(utf8(page(''))).charset).toBe('utf-8');
    expect(decodeHtml(gbk(page(''))).charset).toBe('gb18030');
  });

  it('ignores a Latin-1 header (a server default) in favour of the page meta', () => {
    const { html, charset } = decodeHtml(gbk(page('<meta charset="gbk">')), 'text/html; charset=ISO-8859-1');
    expect(charset).toBe('gb18030');
    expect(html).toContain(TEXT);
  });

  it('does not throw on broken bytes and keeps the readable text', () => {
    const broken = new Uint8Array([...utf8('<p>通知</p>'), 0xff, 0xfe, 0x81, ...utf8('<p>公告</p>')]);
    const { html } = decodeHtml(broken);
    expect(html).toContain('<p>');
    expect(() => decodeHtml(new Uint8Array([0xc3]), 'text/html; charset=nonsense')).not.toThrow();
  });

  it('decodes an empty body to an empty string', () => {
    expect(decodeHtml(new Uint8Array(0)).html).toBe('');
  });
});

describe('charset labels', () => {
  it('maps the GB family to gb18030 and utf8 spellings to utf-8', () => {
    expect(normalizeCharset('GB2312')).toBe('gb18030');
    expect(normalizeCharset('x-gbk')).toBe('gb18030');
    expect(normalizeCharset('UTF8')).toBe('utf-8');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });

  it('reads the charset parameter of a Content-Type header', () => {
    expect(charsetFromContentType('text/html; charset="gbk"')).toBe('gb18030');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });
});

describe('decodeHtml on damaged UTF-8', () => {
  it('keeps a UTF-8 page with a few broken bytes as UTF-8 instead of reading it as GB18030', () => {
    const text =
      '<html><head><meta charset="utf-8"></head><body><p>梅河口市国土资源局关于进一步加强农村宅基地管理的通知，请各乡镇认真贯彻执行。</p>';
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
    const { html, charset } = decodeHtml(bytes, 'text/html; charset=utf-8');
    expect(charset).toBe('utf-8');
    expect(html).toContain('梅河口市国土资源局关于进一步加强农村宅基地管理的通知');
  });

  it('still reads GBK sent as "UTF-8" as GBK: there nearly every character breaks', () => {
    const text =
      '<html><head><meta charset="gbk"></head><body><p>梅河口市国土资源局关于进一步加强农村宅基地管理的通知</p>';
    const { html, charset } = decodeHtml(iconv.encode(text, 'gbk'), 'text/html; charset=utf-8');
    expect(charset).toBe('gb18030');
    expect(html).toContain('梅河口市国土资源局');
  });
});
