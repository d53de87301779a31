import { hashOf } from '../common/hash.ts';
import type { Finding } from '../model/finding.ts';
import type { StoredFinding } from '../store/records.ts';

// A finding's id is a hash of (portal, rule, subject), so reconciling a scan with the store is
// a set difference: new ids open, missing ids resolve, returning ids reopen. Only findings whose
// status or content changed are written back; lastChanged* moves only when something a reader
// would call a change happened (not when a stale column is merely one day staler).

export interface Reconciled {
  /** Records to write: new, reopened, changed or resolved findings. */
  changed: StoredFinding[];
  /** Every finding open after this scan. */
  open: StoredFinding[];
  /** Findings this scan resolved. */
  resolved: StoredFinding[];
  newIds: Set<string>;
}

/**
 * Counts that grow by themselves each day a problem stays: the finding is rewritten so its text
 * stays current, but it has not changed for a reader asking "what is new since Monday".
 */
const AGEING_EVIDENCE = new Set(['ageDays', 'daysSinceEnd']);

/** What a finding says, less its ageing counts (and the message, which only renders them). */
const substanceOf = (f: Finding) =>
  hashOf([
    f.severity,
    f.title,
    f.url,
    f.action,
    f.columnId ?? null,
    f.department ?? null,
    // An object, not entries: hashOf sorts an object's keys, and DynamoDB returns maps in any order.
    Object.fromEntries(Object.entries(f.evidence).filter(([k]) => !AGEING_EVIDENCE.has(k))),
  ]);

/** Everything stored of a finding's content: a change here is written back. */
const contentOf = (f: Finding) => hashOf([substanceOf(f), f.message, f.evidence]);

export function reconcile(
  previous: StoredFinding[],
  current: Finding[],
  scan: { scanId: string; asOf: string },
): Reconciled {
  const before = new Map(previous.map((f) => [f.id, f]));
  const changed: StoredFinding[] = [];
  const open: StoredFinding[] = [];
  const newIds = new Set<string>();
  const seen = new Set<string>();

  for (const f of current) {
    if (seen.has(f.id)) continue; // one finding per (rule, subject), even if a rule repeats itself
    seen.add(f.id);
    const prev = before.get(f.id);
    if (!prev) {
      const rec: StoredFinding = {
        ...f,
        status: 'open',
        firstSeenScan: scan.scanId,
        firstSeenAsOf: scan.asOf,
        lastChangedScan: scan.scanId,
        lastChangedAsOf: scan.asOf,
        reopened: 0,
      };
      newIds.add(f.id);
      changed.push(rec);
      open.push(rec);
    } else if (prev.status === 'resolved') {
      const rec: StoredFinding = {
        ...prev,
        ...f,
        status: 'open',
        lastChangedScan: scan.scanId,
        lastChangedAsOf: scan.asOf,
        reopened: prev.reopened + 1,
        resolvedScan: undefined,
        resolvedAsOf: undefined,
      };
      changed.push(rec);
      open.push(rec);
    } else if (contentOf(prev) !== contentOf(f)) {
      const moved =
        substanceOf(prev) !== substanceOf(f) ? { lastChangedScan: scan.scanId, lastChangedAsOf: scan.asOf } : {};
      const rec: StoredFinding = { ...prev, ...f, ...moved };
      changed.push(rec);
      open.push(rec);
    } else {
      open.push(prev);
    }
  }

  const resolved: StoredFinding[] = [];
  for (const prev of previous) {
    if (prev.status !== 'open' || seen.has(prev.id)) continue;
    const rec: StoredFinding = {
      ...prev,
      status: 'resolved',
      resolvedScan: scan.scanId,
      resolvedAsOf: scan.asOf,
      lastChangedScan: scan.scanId,
      lastChangedAsOf: scan.asOf,
    };
    resolved.push(rec);
    changed.push(rec);
  }
  return { changed, open, resolved, newIds };
}
