import type { Config } from '../../functions/config/schema.ts';
import { DEMO_PORTALS } from './site.ts';

/** "Today" of the demo: the week the bureau wrote its 2017 report. */
export const DEMO_AS_OF = '2018-01-15';

/** The demo scans the day before too, so rules that need history (two failed scans, first-seen dates) have it. */
export const DEMO_PREVIOUS_DAY = '2018-01-14';

/**
 * The day the bureau started monitoring: the first day of the replayed week. Findings first seen
 * then are past their 整改 due date by the as-of day, so the demo shows overdue work.
 */
export const DEMO_FIRST_DAY = '2018-01-09';

/** Every daily scan of the demo, in order; each runs at 02:00 Beijing time. */
export const DEMO_SCAN_DAYS = [DEMO_FIRST_DAY, DEMO_PREVIOUS_DAY, DEMO_AS_OF] as const;

/**
 * Where the demo's alerts go: mail to the portal's people, the bureau's 企业微信 group robot, and
 * its 钉钉 group robot (signed, 加签) for vetoes only. The robots' URLs and the signing secret are
 * references, never the text: the demo writes files (`fileSink`) and reads none of them.
 */
export const DEMO_ALERTS: NonNullable<Config['portals'][number]['alerts']> = {
  channels: [
    { type: 'ses', from: 'disclosure-watch@mhk.example.gov.cn' },
    { type: 'wecom', url: { env: 'DW_WECOM_URL' } },
    {
      type: 'dingtalk',
      url: { ssm: '/disclosure-watch/dingtalk-url' },
      secret: { ssm: '/disclosure-watch/dingtalk-secret' },
      levels: ['veto'],
    },
  ],
  // The defaults, spelled out: a warning found at night waits for 07:00, a veto never waits.
  quietHours: { warning: '22:00-07:00', veto: null },
};

/**
 * The portal config of the demo sites served at `origin` — also a full example of the format.
 * `alerts: true` adds the alerts block (the demo's replay); scans and digests do without it.
 */
export function demoConfig(origin: string, opts: { alerts?: boolean } = {}): Config {
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
          ...(c.channel ? { channel: c.channel } : {}),
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
          { name: '信息中心 网站管理员', email: `webmaster@${p.id}.example.gov.cn`, role: 'webmaster' as const },
        ],
        obsoleteNames: p.obsoleteNames ?? [{ old: '国土资源局', new: '自然资源局', since: '2019-03-01' }],
        ...(p.lexicons ? { lexicons: p.lexicons } : {}),
        // A bureau scanning its own demo site on loopback: no need to wait between requests.
        crawl: {
          concurrency: 4,
          minIntervalMs: 0,
          robots: true,
          userAgent: 'disclosure-watch-demo (+http://127.0.0.1/)',
        },
        ...(opts.alerts ? { alerts: DEMO_ALERTS } : {}),
      };
    }),
  };
}
