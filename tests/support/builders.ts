import { chineseWorkingCalendar } from '../../functions/calendar/working-days.ts';
import { resolveThresholds } from '../../functions/rules/thresholds.ts';
import type { AvailabilityWindow } from '../../functions/model/availability.ts';
import type { ColumnConfig, PortalConfig } from '../../functions/config/schema.ts';
import type {
  ColumnSnapshot,
  FetchOutcome,
  HomepageSnapshot,
  ItemSnapshot,
  LinkSnapshot,
  PageSnapshot,
  PortalSnapshot,
} from '../../functions/model/snapshot.ts';
import type { RuleContext } from '../../functions/rules/types.ts';

// Small builders for rule tests: every snapshot starts healthy (everything fetched, nothing
// wrong) and a test changes only the part its rule looks at.

export const HOST = 'http://gtj.example.gov.cn';
export const OK: FetchOutcome = { ok: true, status: 200 };
export const TIMEOUT: FetchOutcome = { ok: false, kind: 'timeout', error: 'timeout after 15000 ms' };
export const http = (status: number): FetchOutcome => ({
  ok: status < 400,
  status,
  ...(status >= 400 ? { kind: 'http', error: `HTTP ${status}` } : {}),
});

export function columnConfig(over: Partial<ColumnConfig> & { id: string }): ColumnConfig {
  return { name: over.id, url: `${HOST}/${over.id}/index.html`, kind: 'news', department: '办公室', ...over };
}

export function item(n: number | string, date: string | null, over: Partial<ItemSnapshot> = {}): ItemSnapshot {
  return { title: `信息${n}`, url: `${HOST}/item/${n}.html`, date, ...over };
}

export function column(
  config: Partial<ColumnConfig> & { id: string },
  over: Partial<Omit<ColumnSnapshot, 'column'>> = {},
): ColumnSnapshot {
  return {
    column: columnConfig(config),
    fetch: OK,
    listPages: 1,
    items: [item(`${config.id}-1`, '2018-01-10')],
    placeholder: null,
    warnings: [],
    ...over,
  };
}

export function page(url: string, columnId: string, over: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    url,
    columnId,
    fetch: OK,
    title: '关于某事项的通知',
    indexNo: null,
    docNo: null,
    publisher: null,
    generatedDate: null,
    publishedDate: null,
    validity: null,
    bodyChars: 500,
    attachments: 0,
    hasBody: true,
    notFound: false,
    firstSeen: '2018-01-01',
    ...over,
  };
}

export function homepage(over: Partial<HomepageSnapshot> = {}): HomepageSnapshot {
  return { url: `${HOST}/index.html`, fetch: OK, items: [item('home-1', '2018-01-12')], navLinks: [], ...over };
}

export function portalConfig(columns: ColumnConfig[], over: Partial<PortalConfig> = {}): PortalConfig {
  return { id: 'mhk-gtj', name: '梅河口市国土资源局', homepage: `${HOST}/index.html`, columns, ...over };
}

/** A snapshot of the given columns and pages; the portal config follows the columns. */
export function snapshot(
  parts: {
    columns?: ColumnSnapshot[];
    pages?: PageSnapshot[];
    homepage?: Partial<HomepageSnapshot>;
    portal?: Partial<PortalConfig>;
    links?: LinkSnapshot[];
  } = {},
): PortalSnapshot {
  const columns = parts.columns ?? [column({ id: 'gzdt', name: '工作动态' })];
  return {
    portal: portalConfig(
      columns.map((c) => c.column),
      parts.portal,
    ),
    homepage: homepage(parts.homepage),
    columns,
    pages: new Map((parts.pages ?? []).map((p) => [p.url, p])),
    links: parts.links ?? [],
  };
}

export const AS_OF = '2018-01-15';

export function context(snap: PortalSnapshot, over: Partial<RuleContext> = {}): RuleContext {
  return {
    asOf: AS_OF,
    calendar: chineseWorkingCalendar,
    thresholds: resolveThresholds(snap.portal),
    firstScan: false,
    failureStreak: {},
    firstScanAsOf: '2018-01-01',
    availability: week(),
    ...over,
  };
}

/** A week of homepage probes ending on AS_OF (rules/availability.ts sums the stored days into this). */
export function week(probes = 0, failures = 0, over: Partial<AvailabilityWindow> = {}): AvailabilityWindow {
  return { from: '2018-01-09', to: AS_OF, probes, failures, recentFailures: [], streak: 0, lastAt: null, ...over };
}
