// One answer to "are these two URLs the same page?", used wherever a configured column or a
// checked page is matched: a column written `…/rsxx/`, `…/rsxx/index.html#top` or with an
// upper-case host is the same column. WHATWG URL already lower-cases the host, drops the default
// port and resolves dot segments; the rules below add what it leaves alone. The result is a
// comparison key, never a URL to fetch: a server may answer `/rsxx/` and `/rsxx/index.html`
// differently (no directory index), so what is fetched and stored stays as configured or linked.

/** Documents a web server answers for a bare directory (IIS, Apache, nginx, TRS, JSP and PHP sites). */
const DEFAULT_DOCUMENT = /^(index|default)\.(html?|shtml?|jhtml|jsp|php|aspx?|do)$/i;

// RFC 3986 §2.3: these never need escaping, so `%7E` and `~` are one character.
const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normalizePercent(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** An absolute http(s) URL, or null. */
export function parseHttpUrl(s: string): URL | null {
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The comparison key of an http(s) URL: fragment and credentials dropped, a default document
 * (index.html, default.aspx …) or an extension-less last segment read as its directory with a
 * trailing slash, percent-escapes of unreserved characters decoded and the others upper-cased,
 * an empty query dropped. The query is otherwise kept as written: its order can matter to a CMS.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function normalizeUrl(s: string): string | null {
  const u = parseHttpUrl(s);
  if (!u) return null;
  const segments = normalizePercent(u.pathname).split('/');
  const last = segments.at(-1)!;
  if (DEFAULT_DOCUMENT.test(last)) segments[segments.length - 1] = '';
  // `/rsxx` is the directory `/rsxx/`: servers redirect one to the other.
  else if (last && !last.includes('.')) segments.push('');
  const search = u.search === '?' ? '' : normalizePercent(u.search);
  return `${u.protocol}//${u.host}${segments.join('/')}${search}`;
}

/** True when both are http(s) URLs of the same page (see normalizeUrl). */
export function sameResource(a: string, b: string): boolean {
  const na = normalizeUrl(a);
  return na !== null && na === normalizeUrl(b);
}

/**
 * The form pages are stored under: WHATWG serialisation without the fragment (what link
 * extraction produces), so a pasted `…/art_1.html#top` finds the page a scan stored.
 */
export function pageKey(s: string): string | null {
  const u = parseHttpUrl(s);
  if (!u) return null;
  u.hash = '';
  return u.toString();
}

export const CREDENTIALS_REFUSAL =
  'the URL must not carry credentials (user:password@): they would be printed, stored and sent to the site. Fix: remove them';

/** True when the URL carries a user name or password. */
export function hasCredentials(u: URL): boolean {
  return u.username !== '' || u.password !== '';
}
