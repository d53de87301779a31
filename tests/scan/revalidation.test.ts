import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import { queueMessageSchema } from '../../functions/scan/messages.ts';
import {
  OUTSTANDING_MESSAGE_BYTES,
  outstandingPagesByColumn,
  outstandingUrls,
} from '../../functions/scan/outstanding-pages.ts';
import { planScan } from '../../functions/scan/plan.ts';
import {
  dueReason,
  mustWrite,
  onRollingTurn,
  revalidationCap,
  rollingTurnSince,
  scheduleDue,
  type DueReason,
} from '../../functions/scan/revalidation.ts';
import { page } from '../support/record-builders.ts';

// Which pages a scan asks again for their findings, how the plan hands them to each column's
// message within SQS's size limits, which revalidations a column's crawl starts first and how
// many, and when an unchanged page is written back.

const O = 'http://www.mhk.gov.cn/gtj';
const portal = parseConfig({
  portals: [
    {
      id: 'p',
      name: '测试',
      homepage: `${O}/index.html`,
      columns: [
        { id: 'tzgg', name: '通知公告', url: `${O}/tzgg/index.html`, kind: 'notice' },
        { id: 'zcwj', name: '政策文件', url: `${O}/zcwj/index.html`, kind: 'policy' },
      ],
    },
  ],
}).portals[0]!;

describe('the pages with outstanding findings', () => {
  it('are those of open or acknowledged findings, per column, each once and sorted; not a column, the homepage or a site-wide finding', () => {
    const byColumn = outstandingPagesByColumn(portal, [
      { status: 'open', url: `${O}/tzgg/b.html`, columnId: 'tzgg' },
      { status: 'acknowledged', url: `${O}/tzgg/a.html`, columnId: 'tzgg' },
      { status: 'open', url: `${O}/tzgg/a.html`, columnId: 'tzgg' }, // a second rule on the same page
      { status: 'resolved', url: `${O}/tzgg/c.html`, columnId: 'tzgg' },
      { status: 'ignored', url: `${O}/tzgg/d.html`, columnId: 'tzgg' },
      { status: 'open', url: `${O}/tzgg/index.html`, columnId: 'tzgg' }, // stale-column: the list itself
      { status: 'open', url: `${O}/index.html` }, // homepage-not-updated
      { status: 'open', url: `${O}/gone/x.html`, columnId: 'gone' }, // a column no longer configured
      { status: 'open', url: `${O}/zcwj/x.html`, columnId: 'zcwj' },
    ]);
    expect(Object.fromEntries(byColumn)).toEqual({
      tzgg: [`${O}/tzgg/a.html`, `${O}/tzgg/b.html`],
      zcwj: [`${O}/zcwj/x.html`],
    });
    expect(outstandingUrls([{ status: 'resolved', url: `${O}/a.html` }])).toEqual([]);
  });

  it('travel in each column’s message when they fit, and are left for the task to read when they do not', () => {
    const many = Array.from({ length: 400 }, (_, i) => `${O}/tzgg/202401/t20240110_${String(i).padStart(7, '0')}.html`);
    const tasks = planScan(
      portal,
      '20180115T020000Z-sched',
      '2018-01-15',
      new Map([
        ['tzgg', many],
        ['zcwj', [`${O}/zcwj/x.html`]],
      ]),
    );
    expect(tasks.map((t) => t.outstanding)).toEqual([undefined, undefined, [`${O}/zcwj/x.html`]]);
    // No plan read: no column says anything, and every task reads its own.
    expect(planScan(portal, '20180115T020000Z-sched', '2018-01-15').some((t) => t.outstanding)).toBe(false);
  });

  it('keep ten messages at the budget under SendMessageBatch’s 256 KiB, and pass the schema crawl-column parses with', () => {
    const url = (i: number) => `${O}/tzgg/202401/t20240110_${String(i).padStart(6, '0')}.html`;
    const full: string[] = [];
    while (Buffer.byteLength(JSON.stringify([...full, url(full.length)])) <= OUTSTANDING_MESSAGE_BYTES)
      full.push(url(full.length));
    const [, column] = planScan(portal, '20180115T020000Z-sched', '2018-01-15', new Map([['tzgg', full]]));
    expect(column!.outstanding).toHaveLength(full.length);
    const body = JSON.stringify({ kind: 'crawl', ...column });
    expect(10 * Buffer.byteLength(body)).toBeLessThan(256 * 1024);
    expect(queueMessageSchema.parse(JSON.parse(body))).toMatchObject({ outstanding: full });
  });
});

describe('writing back a page asked again', () => {
  const schedule = { today: '2018-02-10', refreshDays: 30, revalidateDays: 7 };
  const known = page('a', 'tzgg', { fetchedAt: '2018-01-20T02:00:00.000Z', listTitle: '通知', listDate: '2018-01-10' });

  it('skips an unchanged answer while the record is younger than refreshDays − revalidateDays', () => {
    expect(mustWrite({ record: { ...known, fetchedAt: 'now' }, unchanged: true }, known, schedule)).toBe(false); // 21 days
    const older = { ...known, fetchedAt: '2018-01-18T02:00:00.000Z' }; // 23 days: the next turn would pass 30
    expect(mustWrite({ record: { ...older, fetchedAt: 'now' }, unchanged: true }, older, schedule)).toBe(true);
  });

  it('always writes new content, a new page, or a new list entry', () => {
    expect(mustWrite({ record: known, unchanged: false }, known, schedule)).toBe(true);
    expect(mustWrite({ record: known, unchanged: false }, undefined, schedule)).toBe(true);
    expect(mustWrite({ record: { ...known, listTitle: '通知（更正）' }, unchanged: true }, known, schedule)).toBe(true);
  });
});

describe('the order and number of revalidations a column starts', () => {
  const due = (reason: DueReason, n: number) =>
    Array.from({ length: n }, (_, i) => ({ item: { url: `${O}/tzgg/${reason}-${i}.html` }, reason }));

  it('fetches every new, changed or failed page, then at most the cap of the pages longest unseen, with findings, on their turn', () => {
    const all = [
      ...due('rolling', 5),
      ...due('new', 3),
      ...due('outstanding', 4),
      ...due('failed', 1),
      ...due('aged', 2),
    ];
    const { fetch, deferred } = scheduleDue(all, '2018-01-15', 5);
    expect(fetch.map((d) => d.reason)).toEqual([
      ...['new', 'new', 'new', 'failed'],
      ...['aged', 'aged'],
      ...['outstanding', 'outstanding', 'outstanding'],
    ]);
    expect(fetch.slice(0, 3).map((d) => d.item.url)).toEqual(due('new', 3).map((d) => d.item.url)); // list order
    expect(deferred).toBe(1 + 5);
  });

  it('takes a different share first each day when more are due than the cap', () => {
    const many = due('outstanding', 40);
    const first = (day: string) => scheduleDue(many, day, 10).fetch.map((d) => d.item.url);
    expect(first('2018-01-15')).toEqual(first('2018-01-15'));
    expect(first('2018-01-16')).not.toEqual(first('2018-01-15'));
  });

  it('allows 300 a scan at the default 500 ms between requests, fewer at a gentler pace', () => {
    expect(revalidationCap(500)).toBe(300);
    expect(revalidationCap(1000)).toBe(150);
    expect(revalidationCap(0)).toBe(1500);
  });

  it('asks a page on its rolling turn once a day: not again when it was fetched earlier that day', () => {
    const asOf = '2018-01-15';
    const onTurn = Array.from({ length: 50 }, (_, i) => page(`r${i}`, 'tdsc')).find((p) =>
      onRollingTurn(p.url, asOf, 7),
    )!;
    const item = { url: onTurn.url, title: 't', date: null };
    const known = { ...onTurn, listTitle: 't', listDate: null };
    const schedule = { asOf, today: asOf, outstanding: new Set<string>(), refreshDays: 30, revalidateDays: 7 };
    expect(dueReason(item, { ...known, fetchedAt: '2018-01-14T23:00:00Z' }, schedule)).toBe('rolling');
    expect(dueReason(item, { ...known, fetchedAt: '2018-01-15T01:00:00Z' }, schedule)).toBeNull();
  });

  it('passes the turns of days without a scan to the next scan, and asks everything after a week', () => {
    const urls = Array.from({ length: 200 }, (_, i) => page(`w${i}`, 'tdsc').url);
    const asked = (since: string | null, asOf: string) => urls.filter((u) => rollingTurnSince(u, since, asOf, 7));
    // Daily: exactly the day's turn.
    expect(asked('2018-01-14', '2018-01-15')).toEqual(urls.filter((u) => onRollingTurn(u, '2018-01-15', 7)));
    // Monday after a weekend without scans: Saturday's, Sunday's and Monday's turns.
    const monday = asked('2018-01-12', '2018-01-15');
    for (const day of ['2018-01-13', '2018-01-14', '2018-01-15'])
      for (const u of urls.filter((x) => onRollingTurn(x, day, 7))) expect(monday).toContain(u);
    expect(monday.length).toBeLessThan(urls.length);
    // A week or more without a scan, or none before: every URL.
    expect(asked('2018-01-08', '2018-01-15')).toEqual(urls);
    expect(asked(null, '2018-01-15')).toEqual(urls);
  });
});
