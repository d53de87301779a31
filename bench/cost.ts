// What disclosure-watch costs in AWS per month, priced from the figures a scan really produces:
// items written per new page, items written and read by an unchanged re-scan, node time per page,
// the Lambdas' cold start. `npm run bench` calls costModel()/costTable() with what it measured; run
// alone it prices the targets, any figure overridable:
//   npx tsx bench/cost.ts [--writesPerNewPage 2.04] [--readsPerUnchangedRescan 6180] [--json]
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROBE_EVERY_MINUTES } from '../lib/context.ts';
import { SIZING } from '../lib/functions.ts';

/**
 * List prices, US East (N. Virginia, us-east-1), as published on 2026-12-01: Lambda arm64 (first
 * 7.5 billion GB-s a month), DynamoDB on-demand (standard table class, after the 2024-11-01 cut),
 * SQS FIFO, SES outbound. Free tiers are left out. The China regions (cn-north-1, cn-northwest-1)
 * bill in CNY at their own rates: multiply the units in the table by those instead.
 */
export const PRICES = {
  region: 'us-east-1',
  asOf: '2026-12-01',
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  writeRequestUnit: 0.625 / 1e6,
  readRequestUnit: 0.125 / 1e6,
  storageGbMonth: 0.25,
  pitrGbMonth: 0.2,
  sqsFifoRequest: 0.5 / 1e6,
  sesEmail: 0.1 / 1000,
} as const;

/**
 * Item sizes in bytes, as the bench portal's partition stores them: a page record without the
 * template's navigation links (about 800 B), a column record with its 100 items and its pages
 * gzipped (scan/column-pages.ts), a link record (only for a link that is not ok).
 */
export const ITEM_BYTES = {
  page: 850,
  link: 509,
  column: 24_000,
  finding: 1157,
  scan: 2426,
  probeDay: 306,
  alertState: 400,
};

export interface CostInput {
  /** Pages per portal, and its columns. */
  pages: number;
  columns: number;
  /** Link targets that are not crawled pages (attachments, off-site links, images), per page. */
  linkTargetsPerPage: number;
  /** Findings a portal keeps (each probe round's alert dispatch reads them all). */
  findings: number;
  /** Items written per new page on a first scan (measured: `counters.writes` / pages). */
  writesPerNewPage: number;
  /** Items written by a re-scan of an unchanged site. */
  writesPerUnchangedRescan: number;
  /** Items read by a re-scan of an unchanged site. */
  readsPerUnchangedRescan: number;
  /** Pages new or changed on a day, each fetched, judged and written like a first scan's. */
  changedPagesPerDay: number;
  /** Requests a first scan makes per page (list pages, the homepage, robots.txt on top of the pages). */
  requestsPerNewPage: number;
  /** Node time per page fetched, extracted, stored and judged (bench: CPU ms per page). */
  lambdaMsPerPage: number;
  /** Time evaluate spends re-judging a page that did not change (from the column's summary). */
  rejudgeMsPerPage: number;
  /** A cold start (init is billed): bench/lambda.ts's import time plus the runtime's own. */
  coldStartMs: number;
  /** The per-host politeness (500 ms between request starts): a crawl Lambda waits it out, billed. */
  requestIntervalMs: number;
  /** Known detail pages asked again (conditionally) one day in this many; 0: never. */
  revalidateDays: number;
  /** Link verdicts rechecked one day in this many (a rolling share, flat per day). */
  linkRecheckDays: number;
  /** Crawl Lambdas running at once (the crawl event source's maxConcurrency in the stack). */
  crawlConcurrency: number;
  probeEveryMinutes: number;
  /** Probe URLs per portal (its homepage and `probeUrls`), and the time one takes to answer. */
  probeUrlsPerPortal: number;
  probeSeconds: number;
  /** Weekly digest emails per portal (recipients). */
  digestRecipientsPerPortal: number;
  itemBytes: typeof ITEM_BYTES;
}

/** Link targets that are not ok at any time, and so keep a record (the others keep none). */
const NOT_OK_LINK_SHARE = 0.02;

/** Records a portal keeps: what "reads under 5 % of the records" is a share of. */
export const recordsPerPortal = (i: Pick<CostInput, 'pages' | 'linkTargetsPerPage' | 'columns' | 'findings'>) =>
  Math.round(i.pages * (1 + i.linkTargetsPerPage * NOT_OK_LINK_SHARE) + i.columns + i.findings);

/** The targets (3,000 pages in 30 columns): 1.1 writes per new page, columns + 2 per re-scan, reads < 5 %. */
export function defaultCostInput(overrides: Partial<CostInput> = {}): CostInput {
  const base = {
    pages: 3000,
    columns: 30,
    // A county portal: about one page in three carries an attachment or an off-site link.
    linkTargetsPerPage: 0.3,
    findings: 150,
    ...overrides,
  };
  return {
    writesPerNewPage: 1.1,
    writesPerUnchangedRescan: base.columns + 2,
    readsPerUnchangedRescan: Math.floor(0.05 * recordsPerPortal(base)),
    changedPagesPerDay: 5,
    requestsPerNewPage: 3211 / 3000,
    lambdaMsPerPage: 2.5,
    rejudgeMsPerPage: 0.05,
    coldStartMs: 300,
    requestIntervalMs: 500,
    revalidateDays: 7,
    linkRecheckDays: 7,
    crawlConcurrency: 2,
    probeEveryMinutes: DEFAULT_PROBE_EVERY_MINUTES,
    probeUrlsPerPortal: 1,
    probeSeconds: 1,
    digestRecipientsPerPortal: 2,
    itemBytes: ITEM_BYTES,
    ...base,
  };
}

/** Billed units and dollars of one line of the bill. */
export interface CostLine {
  gbSeconds: number;
  invocations: number;
  wru: number;
  rru: number;
  sqsRequests: number;
  emails: number;
  storageGb: number;
  dollars: number;
}

export interface CostEstimate {
  portals: number;
  input: CostInput;
  /** The first scan of every portal, once. */
  firstScan: CostLine;
  /** A month of daily re-scans (30), probe rounds, weekly digests and the partition's storage. */
  rescans: CostLine;
  probes: CostLine;
  digests: CostLine;
  storage: CostLine;
  /** A steady month, and the first month (with the first scans). */
  month: number;
  firstMonth: number;
  /** Crawl Lambda hours a day at the stack's crawl concurrency: over 24, the daily scan cannot keep up. */
  crawlHoursPerDay: number;
}

const DAYS = 30;
const WEEKS = DAYS / 7;
/** A write bills 1 WRU per started KB; an eventually consistent read half an RRU per started 4 KB. */
const wruOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const rruOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096)) / 2;
const gb = (fn: keyof typeof SIZING) => SIZING[fn].memorySize / 1024;

function line(parts: Partial<Omit<CostLine, 'dollars'>>): CostLine {
  const l = { gbSeconds: 0, invocations: 0, wru: 0, rru: 0, sqsRequests: 0, emails: 0, storageGb: 0, ...parts };
  const dollars =
    l.gbSeconds * PRICES.lambdaArmGbSecond +
    l.invocations * PRICES.lambdaRequest +
    l.wru * PRICES.writeRequestUnit +
    l.rru * PRICES.readRequestUnit +
    l.sqsRequests * PRICES.sqsFifoRequest +
    l.emails * PRICES.sesEmail +
    l.storageGb * (PRICES.storageGbMonth + PRICES.pitrGbMonth);
  return { ...l, dollars };
}

/** Seconds a crawl Lambda is billed for `requests` to one host: the politeness bounds it from below. */
const crawlSeconds = (i: CostInput, requests: number, processedPages: number) =>
  (requests * i.requestIntervalMs + processedPages * i.lambdaMsPerPage) / 1000;

export const PORTAL_COUNTS = [1, 100, 1000];

/** A month of daily scans for 1, 100 and 1,000 portals (or `counts`), probes and digests included. */
export function costModel(input: Partial<CostInput> = {}, counts = PORTAL_COUNTS): CostEstimate[] {
  return counts.map((n) => costEstimate(input, n));
}

/** A month of daily scans for `portals` portals of `input.pages` pages each, probes and digests included. */
export function costEstimate(input: Partial<CostInput> = {}, portals = 1): CostEstimate {
  const i = defaultCostInput(input);
  const b = i.itemBytes;
  const messages = i.columns + 1; // one crawl message per column and one for the homepage

  // First scan: every page fetched and written, then every column with its pages; the writes
  // beyond those are link-sized (links that are not ok). evaluate reads the columns (a Query:
  // bytes rounded per 4 KB), which carry the pages.
  const firstBytes = i.columns * b.column;
  const otherFirstWrites = Math.max(0, i.pages * i.writesPerNewPage - i.pages - i.columns);
  const firstRequests = i.pages * i.requestsPerNewPage;
  const firstScan = line({
    invocations: portals * (messages + 2),
    gbSeconds:
      portals *
      (gb('crawl-column') * (crawlSeconds(i, firstRequests, i.pages) + (messages * i.coldStartMs) / 1000) +
        gb('evaluate') * ((i.pages * i.lambdaMsPerPage) / 1000 + i.coldStartMs / 1000)),
    wru: portals * (i.pages * wruOf(b.page) + i.columns * wruOf(b.column) + otherFirstWrites * wruOf(b.link)),
    rru: portals * rruOf(firstBytes),
    sqsRequests: portals * messages * 3,
  });

  // A day's re-scan: the list pages, the day's share of revalidated pages and rechecked links, and
  // the changed pages; its writes (columns + 2 when nothing changed) are column- and run-sized.
  const dailyRequests =
    messages +
    (i.revalidateDays > 0 ? i.pages / i.revalidateDays : 0) +
    (i.pages * i.linkTargetsPerPage) / i.linkRecheckDays +
    i.changedPagesPerDay * i.requestsPerNewPage;
  const dailyCrawlSeconds = crawlSeconds(i, dailyRequests, i.changedPagesPerDay);
  const unchangedWru = Math.max(0, i.writesPerUnchangedRescan - 2) * wruOf(b.column) + 2 * wruOf(b.scan);
  // A changed page is its own record and its column's, rewritten with it.
  const changedWru = i.changedPagesPerDay * (wruOf(b.page) + wruOf(b.column));
  const rescans = line({
    invocations: DAYS * (1 + portals * (messages + 1)),
    gbSeconds:
      DAYS *
      (gb('plan-scan') * (0.1 + 0.02 * portals) +
        portals *
          (gb('crawl-column') * (dailyCrawlSeconds + (i.crawlConcurrency * i.coldStartMs) / 1000) +
            gb('evaluate') * ((i.pages * i.rejudgeMsPerPage) / 1000 + i.coldStartMs / 1000))),
    wru: DAYS * portals * (unchangedWru + changedWru),
    // The columns in one Query (rounded per 4 KB), the few other items one by one, the findings.
    rru:
      DAYS *
      portals *
      (rruOf(i.columns * b.column) +
        Math.max(0, i.readsPerUnchangedRescan - i.columns) +
        rruOf(i.findings * b.finding)),
    sqsRequests: DAYS * portals * messages * 3,
  });

  // Probe rounds: one invocation for every portal, hosts side by side. Each portal's round reads its
  // week (Query) and writes its day; its alert dispatch then reads its alert states, its findings
  // and its latest scan (three Queries).
  const rounds = DAYS * ((24 * 60) / i.probeEveryMinutes);
  const probeReadsPerPortal =
    rruOf(7 * b.probeDay) + rruOf(b.alertState) + rruOf(i.findings * b.finding) + rruOf(b.scan);
  const probes = line({
    invocations: rounds,
    gbSeconds: rounds * gb('probe') * (i.probeUrlsPerPortal * i.probeSeconds + 0.01 * portals),
    wru: rounds * portals * wruOf(b.probeDay),
    rru: rounds * portals * probeReadsPerPortal,
  });

  // The Monday digest: one email per recipient, each claimed and settled (two writes), the
  // findings of each portal read once.
  const emails = WEEKS * portals * i.digestRecipientsPerPortal;
  const digests = line({
    invocations: WEEKS,
    gbSeconds: WEEKS * gb('send-digest') * (1 + 0.2 * portals * i.digestRecipientsPerPortal),
    emails,
    wru: emails * 2,
    rru: WEEKS * portals * rruOf(i.findings * b.finding),
  });

  const partitionBytes = firstBytes + i.columns * b.column + i.findings * b.finding + 35 * b.probeDay + DAYS * b.scan;
  const storage = line({ storageGb: (portals * partitionBytes) / 1e9 });

  const month = rescans.dollars + probes.dollars + digests.dollars + storage.dollars;
  const crawlHoursPerDay = (portals * dailyCrawlSeconds) / i.crawlConcurrency / 3600;
  return {
    portals,
    input: i,
    firstScan,
    rescans,
    probes,
    digests,
    storage,
    month,
    firstMonth: month + firstScan.dollars,
    crawlHoursPerDay,
  };
}

const usd = (n: number) => (n < 0.01 ? `$${n.toFixed(4)}` : n < 10 ? `$${n.toFixed(3)}` : `$${n.toFixed(0)}`);
const units = (l: CostLine) =>
  [
    l.gbSeconds ? `${Math.round(l.gbSeconds).toLocaleString('en-US')} GB-s` : '',
    l.wru ? `${Math.round(l.wru).toLocaleString('en-US')} WRU` : '',
    l.rru ? `${Math.round(l.rru).toLocaleString('en-US')} RRU` : '',
    l.emails ? `${Math.round(l.emails).toLocaleString('en-US')} emails` : '',
    l.storageGb ? `${l.storageGb.toFixed(2)} GB` : '',
  ]
    .filter(Boolean)
    .join(', ');

/** The model for 1, 100 and 1,000 portals as markdown, with the figures it was fed. */
/** Three significant digits: measured figures print as figures, not as floating-point noise. */
const round = (x: number) => Number(x.toPrecision(3));

export function costTable(input: Partial<CostInput> = {}, counts = PORTAL_COUNTS): string {
  const est = costModel(input, counts);
  const i = est[0]!.input;
  const row = (label: string, cell: (e: CostEstimate) => string) =>
    `| ${label} | ${est.map((e) => cell(e)).join(' | ')} |`;
  const bill = (label: string, pick: (e: CostEstimate) => CostLine) =>
    row(label, (e) => `${usd(pick(e).dollars)} (${units(pick(e))})`);
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `| a month, ${PRICES.region} list prices of ${PRICES.asOf} | ${counts.map((c) => `${n(c)} portal${c > 1 ? 's' : ''}`).join(' | ')} |`,
    `|---|${counts.map(() => '---|').join('')}`,
    bill('first scan (once)', (e) => e.firstScan),
    bill(`30 daily re-scans`, (e) => e.rescans),
    bill(`probe rounds (every ${i.probeEveryMinutes} min)`, (e) => e.probes),
    bill('weekly digest (SES)', (e) => e.digests),
    bill('storage + PITR', (e) => e.storage),
    row('**a month**', (e) => `**${usd(e.month)}**`),
    row('first month (with the first scan)', (e) => usd(e.firstMonth)),
    row(`crawl Lambda hours a day (at ${i.crawlConcurrency} at once)`, (e) =>
      e.crawlHoursPerDay > 24
        ? `**${e.crawlHoursPerDay.toFixed(1)} h: over 24 h**`
        : `${e.crawlHoursPerDay.toFixed(1)} h`,
    ),
    '',
    `Fed with: ${n(i.pages)} pages in ${i.columns} columns per portal, ${round(i.linkTargetsPerPage)} non-page link targets per page,` +
      ` ${i.findings} findings; ${round(i.writesPerNewPage)} items written per new page, ${round(i.writesPerUnchangedRescan)} per unchanged` +
      ` re-scan, ${n(i.readsPerUnchangedRescan)} read (of ${n(recordsPerPortal(i))} records); ${i.changedPagesPerDay} changed` +
      ` pages a day; ${round(i.lambdaMsPerPage)} ms of Lambda per page, ${i.coldStartMs} ms per cold start; one request per` +
      ` ${i.requestIntervalMs} ms per host, pages revalidated every ${i.revalidateDays || '∞'} days, links every` +
      ` ${i.linkRecheckDays}. Items: page ${i.itemBytes.page} B, link ${i.itemBytes.link} B, column ${i.itemBytes.column} B.` +
      ` Not counted: the fixed costs (alarms, KMS key, metrics: docs/cost.md), CloudWatch Logs, API Gateway, data transfer.`,
  ].join('\n');
}

function parseOverrides(argv: string[]): Partial<CostInput> {
  const known = Object.keys(defaultCostInput()).filter((k) => k !== 'itemBytes');
  const out: Record<string, number> = {};
  for (let a = 0; a < argv.length; a++) {
    const flag = argv[a]!;
    if (flag === '--json') continue;
    const key = flag.replace(/^--/, '');
    const value = Number(argv[a + 1]);
    if (!flag.startsWith('--') || !known.includes(key) || !Number.isFinite(value))
      throw new Error(
        `bench/cost.ts: "${flag} ${argv[a + 1] ?? ''}" is not a figure; use --<name> <number>, name one of: ${known.join(', ')}`,
      );
    out[key] = value;
    a++;
  }
  return out as Partial<CostInput>;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const overrides = parseOverrides(process.argv.slice(2));
    if (process.argv.includes('--json')) console.log(JSON.stringify(costModel(overrides), null, 2));
    else console.log(costTable(overrides));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
