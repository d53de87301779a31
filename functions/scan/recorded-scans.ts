import type { Repository } from '../store/repository.ts';

// A scan counts once its scan record (S#) is written. Its crawl writes streaks and first-seen
// dates long before that, and a run killed in between must leave no count behind: a re-run
// would otherwise say "已连续 2 次检查失败" after one completed scan. So whatever counts scans
// carries the id of the scan that last advanced it, and the value the last recorded scan left;
// a reader takes the latter while that scan has no record. The next scan that reads such a
// record rewrites it, so an unrecorded stamp never outlives the next recorded scan.
//
// Scan ids begin with their start time and one portal's scans run one after another, so a
// stamp at or before the newest recorded scan is that scan's or an older recorded one's; a
// stamp after it belongs to a run that was killed. An on-demand check never records a scan.

export interface RecordedScans {
  /** The scan reading: its own stamps count. */
  current: string;
  /** The newest scan with a scan record, null before the first. */
  last: string | null;
  /** Its as-of day: what a rolling schedule counts the days since. */
  lastAsOf?: string | null;
}

const isCheck = (scanId: string) => scanId.startsWith('check-');

/** Whether what `stamp` counted stands. Records stored before stamps existed (no stamp) do. */
export function stampCounts(stamp: string | undefined, scans: RecordedScans): boolean {
  if (stamp === undefined || stamp === scans.current) return true;
  return !isCheck(stamp) && scans.last !== null && stamp <= scans.last;
}

/** One query: the newest scan record of the portal. */
export async function recordedScans(repo: Repository, portalId: string, current: string): Promise<RecordedScans> {
  const [last] = await repo.listScans(portalId, 1);
  return { current, last: last?.scanId ?? null, lastAsOf: last?.asOf ?? null };
}

/** A stamped count as the reading scan sees it: `value` when its stamp counts, else what the last recorded scan left. */
export const countedValue = <T>(stamp: string | undefined, value: T, recorded: T, scans: RecordedScans): T =>
  stampCounts(stamp, scans) ? value : recorded;

/**
 * The count before the reading scan adds its own outcome. Its own stamp means a retried task of
 * the same scan (a redelivered message, a Lambda that died after writing): it must not add twice.
 */
export const valueBefore = <T>(stamp: string | undefined, value: T, recorded: T, scans: RecordedScans): T =>
  stamp !== scans.current && stampCounts(stamp, scans) ? value : recorded;

interface FailStreaked {
  scanId?: string;
  failStreak: number;
  recordedFailStreak?: number;
}

/** A homepage's or column's failure streak as recorded scans left it, before this scan's fetch. */
export const failStreakBefore = (prev: FailStreaked | null | undefined, scans: RecordedScans): number =>
  prev ? valueBefore(prev.scanId, prev.failStreak, prev.recordedFailStreak ?? 0, scans) : 0;

/** A homepage's or column's failure streak as the reading scan counts it (its own fetch included). */
export const countedFailStreak = (rec: FailStreaked | null | undefined, scans: RecordedScans): number =>
  rec ? countedValue(rec.scanId, rec.failStreak, rec.recordedFailStreak ?? 0, scans) : 0;

/** Whether a stored record must be rewritten by this scan though unchanged: a stamp that does not count must not outlive it. */
export const mustRestamp = (stamp: string | undefined, scans: RecordedScans) => !stampCounts(stamp, scans);
