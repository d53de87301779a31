import { sampleBytes, sampleManifest, type SampleEntry } from '../support/real-samples.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { decodeHtml } from '../../functions/extract/charset.ts';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { extractList } from '../../functions/extract/list-extractor.ts';
import { calendarCoverage } from '../../functions/calendar/working-days.ts';
import { missingInterpretation } from '../../functions/rules/missing-interpretation.ts';
import { buildSnapshot } from '../../functions/scan/evaluate.ts';
import { pageRecordOf } from '../../functions/scan/page-record.ts';
import { annualStats } from '../../functions/stats/count.ts';
import type { ColumnRecord, ItemSnapshot, PageRecord } from '../../functions/store/records.ts';
import { columnConfig, context, OK, page, portalConfig } from '../support/builders.ts';
import { scannedDemoPortal, type DemoStore } from '../support/demo-store.ts';

// The missing-interpretation rule and the annual statistics read the same store, so for every
// policy document they must agree: the rule finds a 解读 for it (whenever published) exactly when
// the statistics count it 有解读. Checked on the demo portal and on the real sample pages.

/** The rule judges documents published since 国办发〔2016〕80号. */
const SINCE = '2016-11-10';
/**
 * A scan date after every document's 3-working-day window (the rule waits for it to close): the
 * last day the working-day calendar covers.
 */
const WINDOWS_CLOSED = calendarCoverage().last;

interface Verdict {
  title: string;
  ruleFinds: boolean;
  statsCounts: boolean;
}

/** For every policy document the rule judges, both answers; and how many documents the statistics counted. */
function verdicts(portal: PortalConfig, columns: ColumnRecord[], pages: PageRecord[]) {
  const snapshot = buildSnapshot(portal, null, columns, pages);
  // A document reported with a 解读 that came late has one; only those reported without any have none.
  const unexplained = new Set(
    missingInterpretation(snapshot, context(snapshot, { asOf: WINDOWS_CLOSED }))
      .filter((f) => f.evidence.interpretation === null)
      .map((f) => f.url),
  );
  const policyItems = columns
    .filter((c) => portal.columns.find((k) => k.id === c.columnId)?.kind === 'policy')
    .flatMap((c) => c.items);
  const published = (i: ItemSnapshot) => snapshot.pages.get(i.url)?.publishedDate ?? i.date;
  const years = [...new Set(policyItems.map((i) => Number(published(i)!.slice(0, 4))))];
  const counted = years.map((year) => annualStats({ portal, year, columns, pages }).policy);
  const without = new Set(counted.flatMap((p) => p.without.map((d) => d.url)));
  const readable = (i: ItemSnapshot) => snapshot.pages.get(i.url)?.fetch.ok && !snapshot.pages.get(i.url)?.notFound;
  const judged = policyItems.filter((i) => readable(i) && published(i)! >= SINCE);
  return {
    documentsCounted: counted.reduce((n, p) => n + p.documents, 0),
    policyItems: policyItems.length,
    verdicts: new Map<string, Verdict>(
      judged.map((i) => [
        i.url,
        { title: i.title, ruleFinds: !unexplained.has(i.url), statsCounts: !without.has(i.url) },
      ]),
    ),
  };
}

const disagreements = (v: Map<string, Verdict>) => [...v.values()].filter((d) => d.ruleFinds !== d.statsCounts);
const withInterpretation = (v: Map<string, Verdict>) =>
  [...v.values()]
    .filter((d) => d.ruleFinds)
    .map((d) => d.title)
    .sort();

describe('the rule and the statistics agree on the demo portal', () => {
  let demo: DemoStore;
  let result: ReturnType<typeof verdicts>;

  beforeAll(async () => {
    demo = await scannedDemoPortal('agreement');
    const [columns, pages] = await Promise.all([
      demo.repo.listColumns(demo.portal.id),
      demo.repo.listPages(demo.portal.id),
    ]);
    result = verdicts(demo.portal, columns, pages);
  }, 120_000);
  afterAll(() => demo.close());

  it('gives the same answer for each of the eight 政策文件 and 规范性文件', () => {
    expect(result.policyItems).toBe(8);
    expect(result.documentsCounted).toBe(8);
    expect(result.verdicts.size).toBe(8);
    expect(disagreements(result.verdicts)).toEqual([]);
    // Four have no 解读 at all (demo/portal/expected.ts: two 政策文件, and the two 规范性文件 of
    // January 2018, one of which may still get its 解读 on the demo's scan date); four have one.
    expect(withInterpretation(result.verdicts)).toHaveLength(4);
    expect(withInterpretation(result.verdicts)).toContain('梅河口市国土资源局关于开展2017年度土地变更调查工作的通知');
  });
});

// ── The real sample pages ─────────────────────────────────────────────────────────────────

const html = (e: SampleEntry) => decodeHtml(new Uint8Array(sampleBytes(e))).html;
const entry = (file: string) => sampleManifest.find((e) => e.file === file)!;
const FETCHED_AT = '2026-07-20T08:00:00Z';

const portal = portalConfig([
  columnConfig({ id: 'zcwj', name: '政策文件', kind: 'policy' }),
  columnConfig({ id: 'zcjd', name: '政策解读', kind: 'interpretation' }),
]);
const record = (columnId: string, items: ItemSnapshot[]): ColumnRecord => ({
  columnId,
  fetch: OK,
  listPages: 1,
  items,
  placeholder: null,
  warnings: [],
  failStreak: 0,
  listCache: [],
  stateHash: 'x',
  scanId: 's',
});
const stored = (p: ReturnType<typeof page>, links: PageRecord['links'] = []): PageRecord => ({
  ...p,
  links,
  fetchedAt: FETCHED_AT,
});

/** “《…》政策解读”, not the navigation's “解读回应” or “政府文件及解读”. */
const namesAnInterpretation = (link: { text: string }) => link.text.includes('解读') && link.text.includes('《');

/** The 解读 of the bug: its title names no document, and it only links to its document. */
const LINK_ONLY = { url: 'https://ghj.nanjing.gov.cn/zcjd/tujie-tudi.html', title: '图解：营商环境再添新举措' };
const LINKED_DOCUMENT = '关于进一步优化土地市场服务管理的通知';

/**
 * A portal built from the real samples: every readable detail page a 政策文件 (dated by its
 * 发布日期, else its 成文日期), plus 沈阳市房产局's 行政规范性文件 list as documents whose pages
 * show their list title and date; as 政策解读, 沈阳's 政策解读 list and the 解读 the documents link
 * to (list entries only: their pages are not in the fixtures), and the link-only 解读 of the bug.
 */
function samplePortal({ linkOnly }: { linkOnly: boolean }) {
  const documents: ItemSnapshot[] = [];
  const interpretations: ItemSnapshot[] = [];
  const pages: PageRecord[] = [];
  for (const e of sampleManifest.filter((m) => m.kind === 'detail')) {
    const url = e.originalUrl ?? `https://samples.invalid/${e.file}`;
    const detail = extractDetail(html(e), url);
    const date = detail.publishedDate ?? detail.generatedDate;
    if (detail.notFound || !detail.title || !date) continue;
    pages.push(
      pageRecordOf(detail, { url, columnId: 'zcwj', fetch: OK, firstSeen: date, fetchedAt: FETCHED_AT }, portal),
    );
    documents.push({ title: detail.title, url, date });
    for (const l of detail.links.filter(namesAnInterpretation)) {
      if (!interpretations.some((i) => i.url === l.url)) interpretations.push({ title: l.text, url: l.url, date });
    }
  }
  const list = (file: string) => {
    const e = entry(file);
    return extractList(html(e), e.originalUrl!, { referenceDate: e.retrievedAt!.slice(0, 10) }).items;
  };
  for (const i of list('list/sy-fcj-xzgfxwj.html')) {
    documents.push({ title: i.title, url: i.url, date: i.date });
    pages.push(stored(page(i.url, 'zcwj', { title: i.title, publishedDate: i.date })));
  }
  for (const i of list('list/sy-fcj-zcjd.html')) interpretations.push({ title: i.title, url: i.url, date: i.date });
  const tudi = documents.find((d) => d.title === LINKED_DOCUMENT)!;
  interpretations.push({ ...LINK_ONLY, date: tudi.date });
  const link = { url: tudi.url, text: '原文链接', kind: 'a' as const };
  pages.push(
    stored(page(LINK_ONLY.url, 'zcjd', { title: LINK_ONLY.title, publishedDate: tudi.date }), linkOnly ? [link] : []),
  );
  return { columns: [record('zcwj', documents), record('zcjd', interpretations)], pages };
}

describe('the rule and the statistics agree on the real sample pages', () => {
  const { columns, pages } = samplePortal({ linkOnly: true });
  const result = verdicts(portal, columns, pages);

  it('gives the same answer for every document the rule judges', () => {
    expect(result.documentsCounted).toBe(result.policyItems);
    expect(disagreements(result.verdicts)).toEqual([]);
    // All but the 2013 document (before the rule); 17 with a 解读, among them 8 of 沈阳's 14
    // documents: its 解读 list names the other six only in titles cut off with “...”, or not at all.
    expect(result.verdicts.size).toBe(result.policyItems - 1);
    expect(withInterpretation(result.verdicts)).toHaveLength(17);
    expect(withInterpretation(result.verdicts).filter((t) => t.includes('《沈阳市'))).toHaveLength(8);
  });

  it('both count a document whose 解读 only links to it, and neither does without the link', () => {
    const linked = columns[0]!.items.find((d) => d.title === LINKED_DOCUMENT)!.url;
    expect(result.verdicts.get(linked)).toMatchObject({ ruleFinds: true, statsCounts: true });
    const unlinked = samplePortal({ linkOnly: false });
    const before = verdicts(portal, unlinked.columns, unlinked.pages);
    expect(before.verdicts.get(linked)).toMatchObject({ ruleFinds: false, statsCounts: false });
    expect(disagreements(before.verdicts)).toEqual([]);
  });
});
