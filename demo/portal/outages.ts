import { addDays } from '../../functions/calendar/dates.ts';
import { DEMO_AS_OF } from './config.ts';

// When the demo's homepages fail, by the simulated time the demo replays its week of probes at
// (the server is told the moment before each round; see server.ts `setClock`). mhk-gtj's homepage
// fails now and then — 11 single failures spread over the week plus one outage of 2 probes in a
// row — so its share stays between the warning line (3 %) and the veto line (5 %) from the 100th
// probe on, ending at 13 of 339 (3.8 %, the three daily scans' fetches included). mhk-tdcb's
// homepage is down for good (siblings.ts) and needs no schedule.

/** How the homepage fails at a moment: the connection reset, or an HTTP status. */
export type HomepageFault = 'reset' | number;

/** The inspection's rhythm: a probe every 30 minutes, 48 a day. */
export const ROUNDS_PER_DAY = 48;
export const REPLAY_DAYS = 7;

/** The first day of the replayed week: 7 days ending on DEMO_AS_OF. */
export const REPLAY_FROM = addDays(DEMO_AS_OF, -(REPLAY_DAYS - 1));

/** A Beijing wall-clock time as an instant. */
export const beijing = (dayAndTime: string) => new Date(`${dayAndTime}:00+08:00`);

/** Every probe round of the week, oldest first: 00:00, 00:30 … 23:30 Beijing time, 336 in all. */
export function replayRounds(): Date[] {
  const rounds: Date[] = [];
  for (let d = 0; d < REPLAY_DAYS; d++) {
    const day = addDays(REPLAY_FROM, d);
    for (let r = 0; r < ROUNDS_PER_DAY; r++) {
      const hh = String(Math.floor(r / 2)).padStart(2, '0');
      rounds.push(beijing(`${day}T${hh}:${r % 2 ? '30' : '00'}`));
    }
  }
  return rounds;
}

/**
 * The mid-week outage of mhk-gtj: two probes in a row answer 503 (a botched update on Friday
 * afternoon); the next one opens again. One alert when the second fails, one 已恢复 after.
 */
export const GTJ_OUTAGE = {
  failed: ['2018-01-12T15:00', '2018-01-12T15:30'],
  recovered: '2018-01-12T16:00',
  status: 503,
} as const;

/**
 * mhk-gtj's single failures: never two in a row, never at 02:00 (the daily scans' time, whose
 * homepage fetch must find the site up), none near the outage.
 */
const GTJ_FLAKY: readonly [string, HomepageFault][] = [
  ['2018-01-09T08:30', 'reset'],
  ['2018-01-09T21:00', 502],
  ['2018-01-10T09:30', 504],
  ['2018-01-10T22:00', 'reset'],
  ['2018-01-11T10:30', 502],
  ['2018-01-11T23:00', 'reset'],
  ['2018-01-13T00:00', 504],
  ['2018-01-13T12:30', 'reset'],
  ['2018-01-14T01:00', 502],
  ['2018-01-14T13:30', 'reset'],
  ['2018-01-15T14:30', 504],
];

const SCHEDULE = new Map<string, Map<number, HomepageFault>>([
  [
    '/mhk-gtj/index.html',
    new Map([
      ...GTJ_FLAKY.map(([at, fault]) => [beijing(at).getTime(), fault] as const),
      ...GTJ_OUTAGE.failed.map((at) => [beijing(at).getTime(), GTJ_OUTAGE.status] as const),
    ]),
  ],
]);

/** How `path` fails at `at` (a moment of the replay), or null when it answers as usual. */
export function faultAt(path: string, at: Date): HomepageFault | null {
  return SCHEDULE.get(path)?.get(at.getTime()) ?? null;
}
