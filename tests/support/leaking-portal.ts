import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { addDays } from '../../functions/calendar/dates.ts';
import { detailPage, homepage, html, listPage, type MiniItem } from './mini-portal.ts';
import { startTestServer, type TestServer } from './test-server.ts';

// A small portal on a real local server whose columns of notices (通知公告) each hold one page
// that leaks a citizen's ID number (a valid GB 11643 number, as the demo's loss notice has it),
// and the edit a 信息员 makes to fix it: the same list entry, the number gone from the body.

export const LEAKED_ID = '220581198503152317';
const LEAKING_BODY = `梅河口市居民王建国（身份证号码：${LEAKED_ID}）不慎遗失梅国用（2009）第0312号国有土地使用证，声明作废。`;
const FIXED_BODY =
  '梅河口市居民王建国（身份证号码已作去标识化处理）不慎遗失梅国用（2009）第0312号国有土地使用证，声明作废。';

/** `n` notices of a column, each dated the day it was written (nothing late), the first one leaking. */
function notices(columnId: string, n: number): MiniItem[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `/${columnId}/201801/t20180110_${i}.html`,
    title: i === 0 ? `遗失声明（第${i}号）` : `关于土地执法检查的通知（第${i}号）`,
    date: '2018-01-10',
    generated: '2018-01-10',
    ...(i === 0 ? { body: LEAKING_BODY } : {}),
  }));
}

export interface LeakingPortal {
  server: TestServer;
  portal: PortalConfig;
  /** Every detail page's URL, by column. */
  pages: Map<string, string[]>;
  /** The leaking page's URL of a column. */
  leakOf(columnId: string): string;
  /** The 信息员's fix: the page edited, its list entry untouched. */
  fix(columnId: string): void;
  /** The detail pages requested since `since` (an index into server.requests), with their validators. */
  detailRequestsSince(since: number): { url: string; conditional: boolean }[];
  close(): Promise<void>;
}

export async function startLeakingPortal(columns: { id: string; pages: number }[]): Promise<LeakingPortal> {
  const byColumn = new Map(columns.map((c) => [c.id, notices(c.id, c.pages)]));
  const routes: Record<string, ReturnType<typeof html>> = {
    '/index.html': html(homepage([...byColumn.values()].flat().slice(0, 5))),
  };
  for (const [id, items] of byColumn) {
    routes[`/${id}/index.html`] = html(listPage('通知公告', items));
    for (const item of items) routes[item.path] = html(detailPage(item));
  }
  const server = await startTestServer(routes);
  const o = server.origin;
  const portal = parseConfig({
    portals: [
      {
        id: 'leaking',
        name: '梅河口市国土资源局',
        homepage: `${o}/index.html`,
        columns: columns.map((c) => ({
          id: c.id,
          name: `通知公告${c.id}`,
          url: `${o}/${c.id}/index.html`,
          kind: 'notice',
        })),
        crawl: { robots: false, minIntervalMs: 0, concurrency: 4, checkLinks: false },
      },
    ],
  }).portals[0]!;
  const isDetail = (path: string) => /\/\d{6}\/t\d+_\d+\.html$/.test(path);
  return {
    server,
    portal,
    pages: new Map([...byColumn].map(([id, items]) => [id, items.map((i) => `${o}${i.path}`)])),
    leakOf: (columnId) => `${o}${byColumn.get(columnId)![0]!.path}`,
    fix(columnId) {
      const leaking = byColumn.get(columnId)![0]!;
      server.routes.set(leaking.path, html(detailPage({ ...leaking, body: FIXED_BODY })));
    },
    detailRequestsSince: (since) =>
      server.requests
        .slice(since)
        .filter((q) => isDetail(q.path))
        .map((q) => ({
          url: `${o}${q.path}`,
          conditional: q.headers['if-none-match'] !== undefined || q.headers['if-modified-since'] !== undefined,
        })),
    close: () => server.close(),
  };
}

/**
 * The first day from `from` on that `holds`: a test states what its days must be (whose turn they
 * are) instead of hard-coding days that happen to fit today's page paths.
 */
export function firstDay(from: string, holds: (day: string) => boolean): string {
  for (let i = 0; i < 366; i++) if (holds(addDays(from, i))) return addDays(from, i);
  throw new Error(`no day within a year of ${from} fits`);
}
