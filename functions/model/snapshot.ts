import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import type { FetchErrorKind } from './fetch-error.ts';
import type { MessageFacts } from './message.ts';

// The contract between the crawler and the rules. A snapshot is what was crawled, reduced to
// metadata (never page HTML), so a whole portal fits in a Lambda's memory and in the store.

/** How a fetch ended. `status` is the final HTTP status, absent on a network error. */
export interface FetchOutcome {
  ok: boolean;
  status?: number;
  /** e.g. "timeout after 15000 ms", "ECONNRESET", "HTTP 404". */
  error?: string;
  /** Why it failed; absent on success, and on records stored before failures had a kind. */
  kind?: FetchErrorKind;
}

/** A detail page as the store keeps it: extracted metadata plus crawl bookkeeping. */
export interface PageSnapshot {
  url: string;
  columnId: string;
  fetch: FetchOutcome;
  title: string | null;
  indexNo: string | null;
  docNo: string | null;
  publisher: string | null;
  /** Every issuer the metadata names (发布机构, 发文机关, 来源 …); absent on records stored before it was kept. */
  issuers?: string[];
  generatedDate: string | null;
  publishedDate: string | null;
  validity: string | null;
  bodyChars: number;
  attachments: number;
  hasBody: boolean;
  notFound: boolean;
  /** What the text rules need from the body, read at crawl time (personal data already masked). */
  textSignals?: TextSignals;
  /**
   * For a page of a `service-guide` column: the guide's elements found and missing (names only,
   * never the text), read at crawl time. `empty` lists the missing ones printed as a bare label.
   */
  guide?: { found: string[]; missing: string[]; empty?: string[] };
  /** The page's outgoing links (policy documents and their 解读 often link each other). */
  links?: { url: string; text: string }[];
  /** The date (YYYY-MM-DD, Asia/Shanghai) the service first saw this URL. */
  firstSeen: string;
  /** A message page of an `interaction` column: its dates, status and answering unit, nothing of the asker. */
  message?: MessageFacts;
}

/**
 * Facts read from a page's body text when it is crawled, so rules stay pure and the store never
 * keeps whole bodies. Personal data is masked before it gets here (220581********1234).
 */
export interface TextSignals {
  /** Validity and notice periods the page states (有效期至…, 公示期…至…, 自…起至…止, 报名截止…). */
  periods?: { text: string; ends: string }[];
  /** Personal data shown on the page, masked; `context` is the surrounding text, masked too. */
  personal?: { kind: 'id-number' | 'bank-card' | 'mobile'; masked: string; context: string }[];
  /** Old institution names (config `obsoleteNames[].old`) the page uses. */
  obsoleteNames?: string[];
  /** Titles the page cites in 《》 (how a 解读 names its document). */
  cites?: string[];
  /** Wording-lexicon matches in the title or body (wording-error), with their context: never the whole body. */
  wording?: WordingHit[];
}

/** One lexicon match on a page: the first occurrence of each entry, masked like every signal. */
export interface WordingHit {
  /** The lexicon entry id, or `leader:<name>` / `fallen:<name>` for the portal's people. */
  entry: string;
  kind: 'serious' | 'typo' | 'leader' | 'fallen';
  /** The text as the page has it. */
  text: string;
  /** What it should say. */
  correct: string;
  /** The match with 15 characters either side. */
  context: string;
  where: 'title' | 'body';
  /** Occurrences of the entry on the page. */
  count: number;
}

/** One list entry of a column, with its detail page when it was fetched. */
export interface ItemSnapshot {
  title: string;
  url: string;
  /** The date the list shows, YYYY-MM-DD, or null. */
  date: string | null;
  /** A message listed by an `interaction` column: what its row shows (its page may show more). */
  message?: MessageFacts;
}

export interface ColumnSnapshot {
  column: ColumnConfig;
  /** How fetching the column's first list page ended. */
  fetch: FetchOutcome;
  /** List pages read (after pagination). */
  listPages: number;
  items: ItemSnapshot[];
  /** A placeholder text shown instead of content (暂无信息 …), when found. */
  placeholder: string | null;
  /** Non-fatal crawl problems: pagination cut off, a detail page that failed … */
  warnings: string[];
}

export interface HomepageSnapshot {
  url: string;
  fetch: FetchOutcome;
  /** Dated items linked from the homepage (news blocks, 通知公告 boxes). */
  items: ItemSnapshot[];
  /** Navigation links (text + URL), used to find the expected columns. */
  navLinks: { text: string; url: string }[];
}

/** A page that carries a link, and the link's anchor text there. */
export interface LinkReferrer {
  page: string;
  text: string;
  columnId?: string;
}

/** A checked link: broken (404/410/5xx/connection refused), ok, or unverified (401/403/429/timeout). */
export interface LinkSnapshot {
  url: string;
  verdict: 'ok' | 'broken' | 'unverified';
  status?: number;
  error?: string;
  /** Consecutive scans that found it broken, this one included (kept at most 2: all a rule needs). */
  brokenStreak: number;
  /** The as-of date of the first scan of the current broken streak. */
  brokenSince?: string;
  /** Up to five pages that carry it. */
  foundOn: LinkReferrer[];
  onHomepage: boolean;
  offsite: boolean;
}

export interface PortalSnapshot {
  portal: PortalConfig;
  homepage: HomepageSnapshot;
  columns: ColumnSnapshot[];
  /** Detail pages keyed by URL. */
  pages: Map<string, PageSnapshot>;
  /** Links checked in the latest scan (empty when link checking did not run). */
  links: LinkSnapshot[];
}
