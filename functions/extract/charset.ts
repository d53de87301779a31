import { isUtf8 } from 'node:buffer';

// Chinese government sites are served in UTF-8, GB2312 or GBK, and the declarations are often
// wrong: a server-wide `Content-Type: text/html; charset=utf-8` in front of a GBK page, a
// `<meta charset=gb2312>` left in a template that now saves UTF-8. So the declared charset is
// used first, but checked: when it decodes with replacement characters (U+FFFD) and another
// candidate decodes cleaner, the cleaner one wins, and the charset actually used is reported.
//
// Decoding is node's own TextDecoder (ICU, the WHATWG Encoding Standard's labels and decoders,
// as a browser reads the page), not a JavaScript codec: no code tables in the Lambda bundles.

export interface DecodedHtml {
  html: string;
  /** The charset the text was decoded with: `utf-8`, `gb18030`, … (GB2312/GBK report gb18030). */
  charset: string;
}

const META_WINDOW = 4096;

/** Canonical name of a charset label (WHATWG Encoding); null when unknown or untrustworthy. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (l === 'utf8' || l === 'utf-8') return 'utf-8';
  // GB18030 is a superset of GBK, which is a superset of GB2312: decoding as GB18030 is never
  // worse, and pages labelled gb2312 routinely contain GBK-only characters (人名用字 etc.).
  if (/^(gb2312|gbk|x-gbk|gb18030|gb_2312-80|cp936|ms936|windows-936|euc-cn|csgb2312)$/.test(l)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5)$/.test(l)) return 'big5';
  if (/^utf-?16(le)?$/.test(l)) return 'utf-16le';
  if (/^utf-?16be$/.test(l)) return 'utf-16be';
  // A Latin-1/ASCII label on a Chinese page is a server default (Tomcat, IIS), not a statement
  // about the bytes; let the page's own meta or the byte heuristic decide.
  if (/^(iso-8859-1|latin1|us-ascii|ascii|windows-1252)$/.test(l)) return null;
  return decoderFor(l)?.encoding ?? null;
}

const decoders = new Map<string, TextDecoder | null>();

/** One decoder per label, kept: a page is decoded up to four times. Null for a label node does not know. */
function decoderFor(label: string): TextDecoder | null {
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = null;
    }
    decoders.set(label, d);
  }
  return d;
}

/** `charset=` parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType) : null;
  return m ? normalizeCharset(m[1]) : null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">` near the top. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  // The declaration is ASCII whatever the encoding, so a byte-per-char view is enough.
  const head = Buffer.from(bytes.subarray(0, META_WINDOW)).toString('latin1');
  const re = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const cs = normalizeCharset(m[1]);
    if (cs) return cs;
  }
  return null;
}

/** Validated natively without building the string: the page is decoded once, below. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

function decodeAs(bytes: Uint8Array, charset: string): string {
  return decoderFor(charset)!.decode(bytes);
}

/** Valid UTF-8 without a BOM reads the same whoever decodes it; Node's own decoder is the cheapest. */
function decodeValid(bytes: Uint8Array, charset: string, validUtf8: boolean): string {
  return charset === 'utf-8' && validUtf8
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    : decodeAs(bytes, charset);
}

/** Multi-byte characters needed before valid UTF-8 overrides a GB label. */
const MIN_UTF8_EVIDENCE = 4;

/** Number of UTF-8 lead bytes of multi-byte sequences (≈ non-ASCII characters). */
function multiByteChars(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b >= 0xc2 && b <= 0xf4) n += 1;
  return n;
}

function nonAsciiChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f && c !== 0xfffd) n += 1;
  }
  return n;
}

function replacementCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\ufffd'); i !== -1; i = s.indexOf('\ufffd', i + 1)) n += 1;
  return n;
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  // A byte order mark is unambiguous (and browsers let it override the header), so it goes first.
  const bom = charsetFromBom(bytes);
  if (bom) return { html: decodeAs(bytes, bom), charset: bom };

  const declared = charsetFromContentType(contentType) ?? charsetFromMeta(bytes);
  const validUtf8 = isValidUtf8(bytes);
  const guess = validUtf8 ? 'utf-8' : 'gb18030';
  // GB18030 decodes almost any byte sequence without complaint, so a wrong GB label never shows
  // up as U+FFFD. Chinese GBK text, on the other hand, is practically never valid UTF-8: bytes
  // that are valid UTF-8 with real multi-byte characters are UTF-8, whatever the label says.
  const first =
    declared === 'gb18030' && validUtf8 && multiByteChars(bytes) >= MIN_UTF8_EVIDENCE ? 'utf-8' : (declared ?? guess);
  const html = decodeValid(bytes, first, validUtf8);
  const bad = replacementCount(html);
  if (bad === 0) return { html, charset: first };
  // UTF-8 with a few damaged bytes is still UTF-8: GBK read as UTF-8 turns nearly every Chinese
  // character into U+FFFD, a truncated or corrupted UTF-8 page only a handful. GB18030 would
  // "decode" the damaged page without complaint, and into nonsense.
  if (first === 'utf-8' && bad * 10 <= nonAsciiChars(html) && nonAsciiChars(html) >= MIN_UTF8_EVIDENCE)
    return { html, charset: first };

  // The declaration (or guess) does not fit the bytes: try the page's meta, then the two
  // encodings Chinese portals actually use, and keep whichever decodes with the fewest U+FFFD.
  let best: DecodedHtml = { html, charset: first };
  let bestBad = bad;
  const tried = new Set([first]);
  for (const alt of [charsetFromMeta(bytes), guess, 'utf-8', 'gb18030']) {
    if (!alt || tried.has(alt)) continue;
    tried.add(alt);
    const text = decodeAs(bytes, alt);
    const n = replacementCount(text);
    if (n < bestBad) {
      best = { html: text, charset: alt };
      bestBad = n;
    }
  }
  return best;
}
