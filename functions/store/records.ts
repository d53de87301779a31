import type { ProbeDay } from '../model/availability.ts';
import type { AlertState } from '../model/alert-state.ts';
import type {
  ColumnSnapshot,
  FetchOutcome,
  HomepageSnapshot,
  ItemSnapshot,
  LinkSnapshot,
  PageSnapshot,
} from '../model/snapshot.ts';
import type { Finding, FindingConfirmation, FindingDecision, FindingStatus } from '../model/finding.ts';
import type { RuleId } from '../common/rule-ids.ts';
import type { PageLink } from '../extract/types.ts';
import type { VetoRisk } from '../rules/veto-risk.ts';
import type { ScoreEstimate } from '../model/score.ts';

// What the repository keeps. Snapshots (what rules read) plus the bookkeeping a daily,
// incremental crawl needs: HTTP validators, content hashes, failure streaks.

/** HTTP cache validators of one fetched URL, for conditional requests on the next scan. */
export interface HttpValidators {
  etag?: string;
  lastModified?: string;
  /** sha256 of the decoded body, to skip parsing and writes when a server sends no validators. */
  contentHash?: string;
}

export interface PageRecord extends PageSnapshot, HttpValidators {
  /** When the page was last fetched (ISO timestamp). */
  fetchedAt: string;
  /** The list entry that pointed here when it was fetched; a change means re-fetch. */
  listTitle?: string;
  listDate?: string | null;
  /** The page's outgoing links, for link checking (capped: see MAX_LINKS). */
  links?: PageLink[];
  /** The scan that first stored it: its `firstSeen` stands once that scan is recorded (scan/recorded-scans.ts). */
  firstSeenScan?: string;
  /**
   * While its fetch fails as a broken link would (404, 5xx, refused): the broken streak its links
   * are judged by, as a link record's (LinkRecord), stamped by the scan that last counted it.
   */
  broken?: {
    brokenStreak: number;
    brokenSince: string;
    scanId?: string;
    recordedStreak?: LinkRecord['recordedStreak'];
  };
}

/** Links kept per page: enough for any real article, bounded for DynamoDB's 400 KB items. */
export const MAX_LINKS = 300;

export interface ListPageCache extends HttpValidators {
  url: string;
}

export interface ColumnRecord extends Omit<ColumnSnapshot, 'column'> {
  columnId: string;
  /** Consecutive scans whose fetch of the column failed (0 after a success), `scanId` included. */
  failStreak: number;
  /** The streak as the last recorded scan before `scanId` left it: what counts while `scanId` has no scan record. */
  recordedFailStreak?: number;
  /** Validators of each list page, in pagination order. */
  listCache: ListPageCache[];
  /** Links of the list pages (navigation, pager …), for link checking. */
  links?: PageLink[];
  /** Hash of items + outcome + pages, so an unchanged column is not rewritten. */
  stateHash: string;
  scanId: string;
  /** Its listed pages' records, gzipped JSON (scan/column-pages.ts): a re-scan reads this, not every page. */
  pagesZ?: Uint8Array;
  /** The pages in `pagesZ` were stored without their links, to fit in an item. */
  pagesTrimmed?: boolean;
}

export interface HomepageRecord extends HomepageSnapshot, HttpValidators {
  links?: PageLink[];
  /** As a column's (ColumnRecord). */
  failStreak: number;
  recordedFailStreak?: number;
  stateHash: string;
  scanId: string;
}

/**
 * The last verdict on a link that is not ok (broken or unverified), and since when. A link that
 * checks ok has no record: the pages that carry it say it exists, and its turn on the rolling
 * recheck (scan/check-links.ts) says when it is asked again. Crawled pages have none either: their
 * page record's fetch is their verdict.
 */
export interface LinkRecord extends LinkSnapshot, HttpValidators {
  /** The scan whose check last wrote it, and its streak as the last recorded scan before that one left it. */
  scanId?: string;
  recordedStreak?: Pick<LinkSnapshot, 'brokenStreak' | 'brokenSince'>;
}

export type { FindingStatus };

export interface StoredFinding extends Finding {
  status: FindingStatus;
  /** Bumped by every write: a decision or a scan's change is written only over the version it read. Absent on records older than the field (0). */
  version?: number;
  /** The scan that first saw it, and its as-of date. */
  firstSeenScan: string;
  firstSeenAsOf: string;
  /** The day it last became open (first seen, or seen again after it resolved): its due date counts from here. */
  openedAsOf?: string;
  /** The scan that last changed its status or content, and its as-of date (absent on records older than the field). */
  lastChangedScan: string;
  lastChangedAsOf?: string;
  resolvedScan?: string;
  resolvedAsOf?: string;
  /** How often it came back after being resolved. */
  reopened: number;
  /** A person's standing decision (acknowledged or ignored), kept until reopened. */
  decision?: FindingDecision;
  /** Set by the `confirm` action on a finding pending confirmation; scans keep it (it is not part of the rule's output). */
  confirmed?: FindingConfirmation;
}

export interface ScanCounters {
  requests: number;
  bytes: number;
  notModified: number;
  pagesParsed: number;
  writes: number;
  /** Items read from the store (absent on scans recorded before it was counted). */
  reads?: number;
  failures: number;
  /** Links checked this scan, and how many were broken or could not be verified. */
  linksChecked?: number;
  linksBroken?: number;
  linksUnverified?: number;
  /** Links asked this scan with a request of their own (new, not ok, or on their weekly turn); the rest were judged by the crawl or stand. */
  linksAsked?: number;
  /** Known pages asked again though their list entry stayed the same, and how many came back unchanged (scan/revalidation.ts). */
  revalidated?: number;
  revalidatedUnchanged?: number;
}

/** The homepage probes of the week ending on the scan's as-of day, and how many failed (its 站点无法访问 sample). */
export interface Availability {
  attempts: number;
  failures: number;
}

export interface ScanRecord {
  scanId: string;
  portalId: string;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  columns: number;
  pages: number;
  /** `open` counts open and acknowledged findings; `ignored` those a person dismissed. */
  findings: {
    open: number;
    new: number;
    resolved: number;
    ignored?: number;
    byRule: Partial<Record<RuleId, number>>;
  };
  counters: ScanCounters;
  availability?: Availability;
  /** The national single-veto items as this scan measured them (the digest shows the latest). */
  vetoRisks?: VetoRisk[];
  /** The inspection score estimate of this scan (ignored findings left out): the trend reads these. */
  score?: ScoreEstimate;
  warnings: string[];
  /** Epoch seconds for DynamoDB's TTL: kept long enough for two annual reports (年报). */
  expiresAt?: number;
}

export interface PortalMeta {
  portalId: string;
  firstScanId: string;
  firstScanAsOf: string;
  lastScanId: string;
}

export type { FetchOutcome, ItemSnapshot };

/** One digest to one recipient for one week: claimed before sending, so a retry never sends twice. */
export interface DigestDelivery {
  week: string;
  email: string;
  /** sending: claimed, outcome unknown (a crash mid-send); failed: SES refused, retried next run. */
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  messageId?: string;
  error?: string;
  updatedAt: string;
}

/**
 * A scan in flight across Lambdas: how many crawl tasks it has and which are done. The last
 * task flips `crawling` → `crawled` once (a conditional write); that change on the table's
 * stream starts evaluate, which ends it `evaluated`.
 */
export interface ScanRun {
  portalId: string;
  scanId: string;
  asOf: string;
  startedAt: string;
  status: 'crawling' | 'crawled' | 'evaluated';
  total: number;
  done: number;
  /** The names of the tasks counted so far (messages.ts taskName). */
  doneTasks?: string[];
  /** The crawl counters added up by every task (ADD, so concurrent tasks never lose one). */
  counters: Omit<ScanCounters, 'linksChecked' | 'linksBroken' | 'linksUnverified'>;
  /** Epoch seconds: DynamoDB's TTL removes the run a month after it started. */
  expiresAt: number;
}

/** What a crawl task adds to its run's counters. */
export type TaskCounters = ScanRun['counters'];

/** An on-demand check asked through the API: its answer, or that it is still running. */
export interface CheckRecord {
  checkId: string;
  portalId: string;
  url: string;
  asOf: string;
  status: 'running' | 'done' | 'failed';
  requestedAt: string;
  finishedAt?: string;
  /** The check's JSON answer (the CLI's `check --format json` shape). */
  result?: unknown;
  error?: string;
  expiresAt: number;
}

/** A day of availability probes (model/availability.ts), with its TTL. */
export interface ProbeDayRecord extends ProbeDay {
  portalId: string;
  /** Epoch seconds: a day is needed for a week's window, and kept a month for the record. */
  expiresAt: number;
}

/** An alert's state (alerts/lifecycle.ts); `version` guards every write. */
export interface AlertRecord extends AlertState {
  portalId: string;
}
