import type { Config } from '../../functions/config/schema.ts';
import { DEMO_PORTALS } from './site.ts';

/** "Today" of the demo: the week the bureau wrote its 2017 report. */
export const DEMO_AS_OF = '2018-01-15';

/** The demo scans the day before too, so rules that need history (two failed scans, first-seen dates) have it. */
export const DEMO_PREVIOUS_DAY = '2018-01-14';

/** The portal config of the demo sites served at `origin` — also a full example of the format. */
export function demoConfig(origin: string): Config {
  return {
    portals: DEMO_PORTALS.map((p) => {
      const lead = p.departments[0]!;
      return {
        id: p.id,
        name: p.name,
        homepage: `${origin}/${p.id}/index.html`,
        columns: p.columns.map((c) => ({
          id: c.id,
          name: c.name,
          url: `${origin}/${p.id}/${c.id}/index.html`,
          kind: c.kind,
          department: c.department,
        })),
        expectedColumns: p.expectedColumns,
        departments: p.departments,
        recipients: [
          { name: '局长 韩志刚', email: `director@${p.id}.example.gov.cn`, role: 'leader' as const },
          { name: '副局长 高峰', email: `deputy@${p.id}.example.gov.cn`, role: 'leader' as const },
          {
            name: `${lead.name}负责人`,
            email: `head-${p.departments.indexOf(lead)}@${p.id}.example.gov.cn`,
            role: 'department' as const,
            department: lead.name,
          },
        ],
        obsoleteNames: p.obsoleteNames ?? [{ old: '国土资源局', new: '自然资源局', since: '2019-03-01' }],
        // A bureau scanning its own demo site on loopback: no need to wait between requests.
        crawl: {
          concurrency: 4,
          minIntervalMs: 0,
          robots: true,
          userAgent: 'disclosure-watch-demo (+http://127.0.0.1/)',
        },
      };
    }),
  };
}
