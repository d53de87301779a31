import { chineseWorkingCalendar } from '../calendar/working-days.ts';
import { runRules } from '../rules/registry.ts';
import { availabilityWindow, WINDOW_DAYS } from '../rules/availability.ts';
import { resolveThresholds } from '../rules/thresholds.ts';
import { vetoRisks, type VetoRisk } from '../rules/veto-risk.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { ColumnSnapshot, LinkSnapshot, PortalSnapshot } from '../model/snapshot.ts';
import type { RuleContext } from '../rules/types.ts';
import type {
  ColumnRecord,
  LinkRecord,
  PageRecord,
  ScanCounters,
  ScanRecord,
  StoredFinding,
} from '../store/records.ts';
import { addDays } from '../calendar/dates.ts';
import { homepageFreshness } from '../rules/snapshot-queries.ts';
import type { Repository } from '../store/repository.ts';
import { expiresAfter } from '../store/keys.ts';
import { estimateScore } from '../score/estimate.ts';
import { scoreReport, TREND_SCANS, type ScoreReport } from '../score/report.ts';
import { reconcileAndSave } from './save-findings.ts';
import { countedFailStreak, countedValue, recordedScans, stampCounts, type RecordedScans } from './recorded-scans.ts';
import { streakBefore } from './check-links.ts';
import { rewritePages } from './column-pages.ts';
import { crawlSettings } from './settings.ts';
import { linksFound, loadPortalState, type PortalState } from './portal-state.ts';

// The last step of a scan: read the portal's state back from the store, run every rule over it,
// reconcile the findings with the stored ones and record the scan. It reads only the store, so
// it runs the same after an in-process crawl (CLI) and after crawl Lambdas fanned out over SQS.

/** Scan summaries feed the 年报 statistics: keep two years of them. */
const SCAN_RECORD_DAYS = 800;

export interface ScanResult {
  portal: PortalConfig;
  scanId: string;
  asOf: string;
  scannedAt: string;
  firstScan: boolean;
  summary: {
    columns: number;
    pages: number;
    /** Open or acknowledged: what counts. */
    findings: number;
    new: number;
    resolved: number;
    /** Seen, but ignored by a person: not counted toward veto items, the score or alerts. */
    ignored: number;
    vetoRisks: VetoRisk[];
    /** The inspection score estimate with its eight-week trend. */
    score: ScoreReport;
  };
  /** Open or acknowledged findings. */
  findings: StoredFinding[];
  /** Findings seen but ignored by a person. */
  ignored: StoredFinding[];
  resolved: StoredFinding[];
  newIds: Set<string>;
  counters: ScanCounters;
  warnings: string[];
  /** A scan in one process: how long it waited for the store to be up (DynamoDB Local's start), and its whole time. */
  timing?: { storeWaitMs: number; ms: number };
}

export interface EvaluateInput {
  portal: PortalConfig;
  scanId: string;
  asOf: string;
  startedAt: string;
  /** Network counters of the crawl (requests, bytes, 304s, parses, failures). */
  crawlCounters: Omit<ScanCounters, 'writes'>;
  /** Writes the crawl made (pages, columns, homepage). */
  crawlWrites: number;
  /** `repo.reads` when the scan began in this process: the scan's reads are counted from there (absent: from the evaluation). */
  readsBefore?: number;
}

/** The portal's state as the store has it, and the context the rules run in. */
export async function loadEvaluation(
  portal: PortalConfig,
  asOf: string,
  scanId: string | null,
  repo: Repository,
  known?: { columns?: ColumnRecord[]; findings?: StoredFinding[] },
) {
  const [storedMeta, state, previous, storedLinks, probeDays, recorded] = await Promise.all([
    repo.getMeta(portal.id),
    loadPortalState(portal, repo, { columns: known?.columns }),
    known?.findings ?? repo.listFindings(portal.id),
    repo.listLinks(portal.id),
    repo.listProbeDays(portal.id, addDays(asOf, -(WINDOW_DAYS - 1)), asOf),
    recordedScans(repo, portal.id, scanId ?? ''),
  ]);
  const { homepage, columns: columnRecords } = state;
  // A first scan killed after it wrote the portal's bookkeeping was not a first scan that counts.
  const meta = recorded.last === null ? null : storedMeta;
  const { pages, restamped } = firstSeenCounted(state.pages, asOf, recorded);
  const counted = <T extends Parameters<typeof streakBefore>[0]>(l: T) => {
    const { brokenStreak, brokenSince } = countedValue(l.scanId, l, streakBefore(l, recorded), recorded);
    return { ...l, brokenStreak, brokenSince };
  };
  // Pages are judged as links only where links are checked at all (crawl.checkLinks).
  const pageLinks = crawlSettings(portal).checkLinks ? brokenPages(portal, state, pages, counted) : [];
  const links: LinkSnapshot[] = [...storedLinks.map(counted), ...pageLinks];
  const snapshot = buildSnapshot(portal, homepage, columnRecords, pages, links);
  const failureStreak: Record<string, number> = {};
  if (homepage) failureStreak[homepage.url] = countedFailStreak(homepage, recorded);
  const byId = new Map(columnRecords.map((c) => [c.columnId, c]));
  for (const c of portal.columns) failureStreak[c.url] = countedFailStreak(byId.get(c.id), recorded);
  const context: RuleContext = {
    asOf,
    calendar: chineseWorkingCalendar,
    thresholds: resolveThresholds(portal),
    firstScan: meta === null || meta.firstScanId === scanId,
    firstScanAsOf: meta?.firstScanAsOf ?? asOf,
    failureStreak,
    availability: availabilityWindow(probeDays, asOf, portal.homepage),
  };
  return { meta, snapshot, context, previous, pages, restamped, columns: columnRecords };
}

/**
 * Listed pages whose fetch fails as a broken link would, as the links they are: crawled pages have
 * no link record, their page record carries the streak (detail-pages.ts withBrokenStreak).
 */
function brokenPages(
  portal: PortalConfig,
  state: PortalState,
  pages: PageRecord[],
  counted: (b: NonNullable<PageRecord['broken']>) => { brokenStreak: number; brokenSince?: string },
): LinkSnapshot[] {
  const broken = new Map(pages.flatMap((p) => (p.broken ? [[p.url, p] as const] : [])));
  if (broken.size === 0) return [];
  const found = linksFound(portal, state, (url) => broken.has(url));
  return [...broken.values()].map((p) => {
    const { brokenStreak, brokenSince } = counted(p.broken!);
    const where = found.get(p.url);
    return {
      url: p.url,
      verdict: 'broken',
      ...(p.fetch.status !== undefined ? { status: p.fetch.status } : {}),
      ...(p.fetch.error ? { error: p.fetch.error } : {}),
      brokenStreak,
      ...(brokenSince ? { brokenSince } : {}),
      foundOn: where?.referrers ?? [],
      onHomepage: where?.onHomepage ?? false,
      offsite: false,
    };
  });
}

/**
 * Pages first stored by a run that was never recorded are first seen by this scan: their
 * `firstSeen` moves to its day, and the records to write so (`restamped`) are returned.
 */
function firstSeenCounted(stored: PageRecord[], asOf: string, recorded: RecordedScans) {
  const restamped: PageRecord[] = [];
  const pages = stored.map((p) => {
    if (stampCounts(p.firstSeenScan, recorded)) return p;
    const fixed: PageRecord = { ...p, firstSeen: asOf, firstSeenScan: recorded.current };
    restamped.push(fixed);
    return fixed;
  });
  return { pages, restamped };
}

/**
 * `known`: the pages as the crawl left them and the findings as the scan read them, when it ran
 * in this process (saves re-reading them).
 */
export async function evaluatePortal(
  input: EvaluateInput,
  repo: Repository,
  known?: { columns?: ColumnRecord[]; findings?: StoredFinding[] },
): Promise<ScanResult> {
  const { portal, scanId, asOf } = input;
  const writesBefore = repo.writes;
  const readsBefore = input.readsBefore ?? repo.reads;
  const { meta, snapshot, context, previous, restamped, columns } = await loadEvaluation(
    portal,
    asOf,
    scanId,
    repo,
    known,
  );
  await rewritePages(portal.id, restamped, columns, repo);
  const current = runRules(snapshot, context);
  const rec = await reconcileAndSave(repo, portal.id, previous, current, { scanId, asOf });
  await repo.putMeta({
    portalId: portal.id,
    firstScanId: meta?.firstScanId ?? scanId,
    firstScanAsOf: meta?.firstScanAsOf ?? asOf,
    lastScanId: scanId,
  });

  const warnings = snapshot.columns.flatMap((c) => c.warnings.map((w) => `${c.column.name}: ${w}`));
  const risks = vetoRisks(
    rec.counted,
    context.thresholds,
    snapshot.homepage.fetch.ok ? homepageFreshness(snapshot, asOf).ageDays : 0,
    context.availability,
  );
  const estimate = estimateScore({ findings: rec.counted, vetoRisks: risks, portal });
  const score = scoreReport(estimate, await repo.listScans(portal.id, TREND_SCANS), asOf);
  const byRule: ScanRecord['findings']['byRule'] = {};
  for (const f of rec.counted) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const finishedAt = new Date().toISOString();
  const counters: ScanCounters = {
    ...input.crawlCounters,
    writes: input.crawlWrites + (repo.writes - writesBefore) + 1,
    reads: repo.reads - readsBefore,
  };
  await repo.putScan({
    scanId,
    portalId: portal.id,
    asOf,
    startedAt: input.startedAt,
    finishedAt,
    columns: snapshot.columns.length,
    pages: snapshot.pages.size,
    findings: {
      open: rec.counted.length,
      new: rec.newIds.size,
      resolved: rec.resolved.length,
      ignored: rec.ignored.length,
      byRule,
    },
    counters,
    availability: { attempts: context.availability.probes, failures: context.availability.failures },
    vetoRisks: risks,
    score: estimate,
    warnings,
    expiresAt: expiresAfter(new Date(finishedAt), SCAN_RECORD_DAYS),
  });

  return {
    portal,
    scanId,
    asOf,
    scannedAt: finishedAt,
    firstScan: context.firstScan,
    summary: {
      columns: snapshot.columns.length,
      pages: snapshot.pages.size,
      findings: rec.counted.length,
      new: rec.newIds.size,
      resolved: rec.resolved.length,
      ignored: rec.ignored.length,
      vetoRisks: risks,
      score,
    },
    findings: rec.counted,
    ignored: rec.ignored,
    resolved: rec.resolved,
    newIds: rec.newIds,
    counters,
    warnings,
  };
}

export function buildSnapshot(
  portal: PortalConfig,
  homepage: Awaited<ReturnType<Repository['getHomepage']>>,
  columnRecords: ColumnRecord[],
  pages: PageRecord[],
  links: LinkRecord[] = [],
): PortalSnapshot {
  const byId = new Map(columnRecords.map((c) => [c.columnId, c]));
  const columns: ColumnSnapshot[] = portal.columns.map((column) => {
    const rec = byId.get(column.id);
    return rec
      ? {
          column,
          fetch: rec.fetch,
          listPages: rec.listPages,
          items: rec.items,
          placeholder: rec.placeholder,
          warnings: rec.warnings,
        }
      : {
          column,
          fetch: { ok: false, error: 'not crawled yet' },
          listPages: 0,
          items: [],
          placeholder: null,
          warnings: ['not crawled yet'],
        };
  });
  // Only pages still listed in a configured column count: a page dropped from its list is gone
  // from the portal as far as an inspector is concerned.
  const listed = new Set(columns.flatMap((c) => c.items.map((i) => i.url)));
  return {
    portal,
    homepage: homepage
      ? { url: homepage.url, fetch: homepage.fetch, items: homepage.items, navLinks: homepage.navLinks }
      : { url: portal.homepage, fetch: { ok: false, error: 'not crawled yet' }, items: [], navLinks: [] },
    columns,
    pages: new Map(pages.filter((p) => listed.has(p.url)).map((p) => [p.url, p])),
    links,
  };
}
