// Why a fetch failed, as a closed set rather than a message to parse: the crawler decides from it
// whether to ask again, and the link checker whether the failure proves a link dead. The
// message (`error`) stays beside it for people and the store.

export const FETCH_ERROR_KINDS = [
  /** No answer within the time limit (headers or body). */
  'timeout',
  /** Refused, reset or closed connection, or no TCP connection within undici's connect limit. */
  'connection',
  /** The host name does not resolve. */
  'dns',
  /** TLS handshake or certificate failure. */
  'tls',
  /** The public-only connector refused a host that resolves to a private address (SSRF guard). */
  'not-public',
  /** The server answered with a status that is not success (`status` says which). */
  'http',
  /** A redirect to a host outside the portal: recorded, never followed. */
  'redirect-off-site',
  /** More redirects than the limit (a loop, most often). */
  'too-many-redirects',
  /** A successful answer larger than the size cap, cut off. */
  'too-large',
  /** robots.txt disallows the URL, or could not be read (RFC 9309: then nothing is fetched). */
  'robots',
  /** Anything else: an invalid URL, a response that is not HTTP. */
  'other',
] as const;

export type FetchErrorKind = (typeof FETCH_ERROR_KINDS)[number];
