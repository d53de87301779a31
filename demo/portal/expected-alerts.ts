// The ground truth of the demo's replayed week of probes (demo/replay-week.ts): how each portal's
// availability ends, and every alert the week announces, in order, with why it goes out then.
// tests/demo/replay-week.test.ts holds the replay to it.

/** One alert the demo's week announces (demo/replay-week.ts), with why it goes out then. */
export interface AlertExpectation {
  /** Beijing time the announcement goes out. */
  at: string;
  portal: string;
  kind: 'opened' | 'cleared';
  level: 'warning' | 'veto';
  /** The alert's key; a finding's is named by its page title instead of its hash id. */
  what: string;
  why: string;
}

/** How the week of probes ends for each portal: the three scans' homepage fetches count too. */
export const DEMO_AVAILABILITY = {
  'mhk-gtj': { probes: 339, failures: 13, level: 'warning', why: '13 of 339 (3.8 %): between 3 % and 5 %' },
  'mhk-bdc': { probes: 339, failures: 0, level: 'ok', why: 'never fails' },
  'mhk-tdcb': { probes: 339, failures: 339, level: 'veto', why: 'down for good: every probe fails' },
  'mhk-kcz': { probes: 339, failures: 0, level: 'ok', why: 'never fails' },
} as const;

/**
 * Every alert of the demo's week, in the order it goes out (within a moment: portal, then
 * outage, veto item, finding, by title), each exactly once. Nothing else is
 * announced: not gtj's single failures (never two in a row), not a veto item below its line.
 */
export function demoAlertExpectations(): AlertExpectation[] {
  const a = (
    at: string,
    portal: string,
    kind: AlertExpectation['kind'],
    level: AlertExpectation['level'],
    what: string,
    why: string,
  ): AlertExpectation => ({ at, portal, kind, level, what, why });
  return [
    a('2018-01-09 00:30', 'mhk-tdcb', 'opened', 'veto', 'outage:homepage', 'its second probe fails too: down now'),
    a(
      '2018-01-09 02:00',
      'mhk-gtj',
      'opened',
      'veto',
      'risk:poor-interaction',
      'first scan: messages unanswered past 3 months',
    ),
    a('2018-01-09 02:00', 'mhk-gtj', 'opened', 'veto', 'risk:privacy-exposure', 'first scan: three leaks'),
    a('2018-01-09 02:00', 'mhk-gtj', 'opened', 'veto', 'finding:李秀英遗失不动产权证书声明', 'an ID number'),
    a(
      '2018-01-09 02:00',
      'mhk-gtj',
      'opened',
      'veto',
      'finding:梅河口市2017年耕地地力保护补贴发放情况公示',
      'bank card numbers in a roster table',
    ),
    a(
      '2018-01-09 02:00',
      'mhk-gtj',
      'opened',
      'veto',
      'finding:王建国遗失国有土地使用证声明',
      'an ID number and a mobile',
    ),
    a('2018-01-09 02:00', 'mhk-bdc', 'opened', 'veto', 'risk:poor-interaction', 'first scan: its only channel is 信访'),
    a('2018-01-09 02:00', 'mhk-bdc', 'opened', 'veto', 'risk:homepage-not-updated', 'first scan: 20 days'),
    a(
      '2018-01-09 02:00',
      'mhk-tdcb',
      'opened',
      'veto',
      'risk:poor-interaction',
      'first scan: no consultation channel configured',
    ),
    a(
      '2018-01-09 07:00',
      'mhk-gtj',
      'opened',
      'warning',
      'risk:wording-error',
      'first scan: three serious wording matches await confirmation (a warning), held by quiet hours',
    ),
    a(
      '2018-01-09 07:00',
      'mhk-gtj',
      'opened',
      'warning',
      'risk:guide-missing-elements',
      'first scan: two incomplete 办事指南 (服务不实用 warns from one), held by quiet hours until 07:00',
    ),
    a(
      '2018-01-09 07:00',
      'mhk-gtj',
      'opened',
      'warning',
      'risk:homepage-not-updated',
      'first scan: 11 days, past the warning line (10) at 02:00, held by quiet hours until 07:00',
    ),
    a(
      '2018-01-11 01:00',
      'mhk-tdcb',
      'opened',
      'veto',
      'risk:site-unreachable',
      'the 100th probe (the first scan’s fetch is one): a share the inspection would recognise, 100 %',
    ),
    a(
      '2018-01-11 07:00',
      'mhk-gtj',
      'opened',
      'warning',
      'risk:site-unreachable',
      'warning from the 100th probe at 01:00, held by quiet hours until 07:00',
    ),
    a('2018-01-12 15:30', 'mhk-gtj', 'opened', 'veto', 'outage:homepage', 'the second 503 in a row'),
    a('2018-01-12 16:00', 'mhk-gtj', 'cleared', 'veto', 'outage:homepage', 'the homepage opens again: one 已恢复'),
    a(
      '2018-01-14 02:00',
      'mhk-gtj',
      'opened',
      'veto',
      'risk:homepage-not-updated',
      'the warning of the 9th escalates: 16 days, past the veto line (14)',
    ),
    a(
      '2018-01-15 02:00',
      'mhk-gtj',
      'opened',
      'veto',
      'risk:backdated-publication',
      'the 15th: two pages first seen long after their date',
    ),
  ];
}
