import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/calendar/dates.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { Fetcher } from '../../functions/net/fetcher.ts';
import { crawlColumn } from '../../functions/scan/crawl-column.ts';
import { onRollingTurn } from '../../functions/scan/revalidation.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { recordScan } from '../support/scan-record.ts';
import { columnRoutes, type MiniItem } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The rolling schedule over a column of 49 known pages, crawled day after day as a daily scan
// does: each page asked once a week, about a seventh of them a day, conditionally, and none
// written back while unchanged; the page with an outstanding finding asked every day; and
// `refreshDays` still the bound when scans skip days.

const N = 49;
const DAY0 = '2018-01-14';
const items: MiniItem[] = Array.from({ length: N }, (_, i) => ({
  path: `/tzgg/201801/t20180110_${i}.html`,
  title: `关于土地执法检查的通知（第${i}号）`,
  date: '2018-01-10',
  generated: '2018-01-10',
}));

describe('revalidating the known pages of a column', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;
  let fetcher: Fetcher;
  let urls: string[];
  let outstanding: string;

  /** One day's crawl of the column, stamped that day; what it asked for, and whether every ask was conditional. */
  const crawlOn = async (day: string) => {
    const since = server.requests.length;
    const r = await crawlColumn(
      { portal, column: portal.columns[0]!, scanId: `s-${day}`, asOf: day, outstanding: [outstanding] },
      { fetcher, repo, now: () => new Date(`${day}T02:00:00Z`) },
    );
    await recordScan(repo, 'rolling', `s-${day}`, day);
    const asked = server.requests.slice(since).filter((q) => q.path !== '/tzgg/index.html');
    return {
      r,
      asked: asked.map((q) => `${server.origin}${q.path}`).sort(),
      conditional: asked.every((q) => q.headers['if-none-match'] !== undefined),
    };
  };

  beforeAll(async () => {
    server = await startTestServer(columnRoutes('/tzgg/index.html', '通知公告', items));
    repo = await testRepository('rolling');
    portal = parseConfig({
      portals: [
        {
          id: 'rolling',
          name: '测试',
          homepage: `${server.origin}/index.html`,
          columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/index.html`, kind: 'notice' }],
          crawl: { robots: false, minIntervalMs: 0, refreshDays: 30, revalidateDays: 7 },
        },
      ],
    }).portals[0]!;
    fetcher = new Fetcher({ robots: false, retries: 0 });
    fetcher.limiter.configure(new URL(server.origin).host, { concurrency: 4, minIntervalMs: 0 });
    urls = items.map((i) => `${server.origin}${i.path}`);
    outstanding = urls[0]!;
    const first = await crawlOn(DAY0);
    expect(first.r).toMatchObject({ pagesFetched: N, pagesWritten: N, revalidated: 0 });
  });
  afterAll(async () => {
    await fetcher.close();
    repo.destroy();
    await server.close();
  });

  it('asks every page once in seven days, about a seventh a day, conditionally, and writes none back', async () => {
    const others = urls.filter((u) => u !== outstanding);
    const seen = new Map<string, number>();
    // A seventh of the pages on average; a hash spreads them as a random draw would, so a day may
    // hold a few more: three standard deviations of that draw above the mean.
    const mean = others.length / 7;
    const ceiling = Math.ceil(mean + 3 * Math.sqrt(mean * (6 / 7)));
    for (let d = 1; d <= 7; d++) {
      const day = addDays(DAY0, d);
      const { r, asked, conditional } = await crawlOn(day);
      const rolling = others.filter((u) => onRollingTurn(u, day, 7));
      expect(asked).toEqual([outstanding, ...rolling].sort()); // the outstanding page every day
      expect(conditional).toBe(true);
      expect(rolling.length).toBeLessThanOrEqual(ceiling);
      expect(r).toMatchObject({
        pagesFetched: asked.length,
        pagesParsed: 0,
        pagesWritten: 0,
        revalidated: asked.length,
        revalidatedUnchanged: asked.length,
        columnWritten: false,
      });
      for (const u of rolling) seen.set(u, (seen.get(u) ?? 0) + 1);
    }
    // Each page exactly once: the week costs one conditional request per page, however they fall.
    expect([...seen.keys()].sort()).toEqual(others.sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('writes an unchanged page back only to keep it younger than refreshDays, which still bounds a scan that skipped days', async () => {
    // Day 28, a page's fourth turn since it was stored: past 30 − 7 days, so the 304 is stored
    // (its fetchedAt moves on) and refreshDays is never reached while scans run daily.
    const day28 = addDays(DAY0, 28);
    const touched = urls.filter((u) => u !== outstanding && onRollingTurn(u, day28, 7));
    const onTurn = await crawlOn(day28);
    expect(onTurn.asked).toEqual([outstanding, ...touched].sort());
    expect(onTurn.r).toMatchObject({ pagesParsed: 0, pagesWritten: 1 + touched.length });

    // No scan on days 29 and 30. On day 31 every page not stored since day 0 is 30 days old or
    // more: due whatever its turn, asked conditionally, and stored.
    const day31 = addDays(DAY0, 31);
    const aged = urls.filter((u) => u !== outstanding && !touched.includes(u));
    const late = await crawlOn(day31);
    expect(late.asked).toEqual([outstanding, ...aged].sort());
    expect(late.conditional).toBe(true);
    expect(late.r).toMatchObject({ pagesParsed: 0, pagesWritten: aged.length, revalidated: 1 + aged.length });
  });
});
