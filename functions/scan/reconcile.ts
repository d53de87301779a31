import type { Finding, FindingStatus, HistoryEntry } from '../model/finding.ts';
import { contentOf, decisionSubstance, evidenceChange, substanceOf } from '../rectification/substance.ts';
import type { StoredFinding } from '../store/records.ts';

// A finding's id is a hash of (portal, rule, subject), so reconciling a scan with the store is
// a set difference: new ids open, missing ids resolve, returning ids reopen. A scan never undoes
// a person's decision: an acknowledged finding stays acknowledged while seen, an ignored one stays
// ignored while its evidence is the same in substance and its end date has not passed.
//
// Only findings whose status or content changed are written back, each as the next version of
// what was read (the store refuses it if a person acted in between); every change of status
// gets a history entry. lastChanged* moves only when something a reader would call a change
// happened (not when a stale column is merely one day staler).

export interface Reconciled {
  /** Records to write (new, reopened, changed, resolved), each carrying its next `version`. */
  changed: StoredFinding[];
  /** One entry for each change of status among `changed`. */
  history: HistoryEntry[];
  /** Open or acknowledged after this scan: the work that counts. */
  counted: StoredFinding[];
  /** Seen by this scan but ignored by a person: not counted, listed apart. */
  ignored: StoredFinding[];
  /** Findings this scan resolved. */
  resolved: StoredFinding[];
  newIds: Set<string>;
}

export interface ReconcileScan {
  scanId: string;
  asOf: string;
  /** ISO timestamp of the change, for the history (now by default). */
  at?: string;
}

const SEEN_AGAIN = '整改后再次出现';
const NO_LONGER_SEEN = '扫描不再发现';

export function reconcile(previous: StoredFinding[], current: Finding[], scan: ReconcileScan): Reconciled {
  const before = new Map(previous.map((f) => [f.id, f]));
  const out: Reconciled = { changed: [], history: [], counted: [], ignored: [], resolved: [], newIds: new Set() };
  const at = scan.at ?? new Date().toISOString();
  const by = scan.scanId.startsWith('check-') ? `check ${scan.scanId}` : `scan ${scan.scanId}`;
  const stamp = { lastChangedScan: scan.scanId, lastChangedAsOf: scan.asOf };
  const write = (rec: StoredFinding, from: FindingStatus | null, why?: string, decision = false) => {
    out.changed.push(rec);
    if (why === undefined) return;
    out.history.push({
      findingId: rec.id,
      version: rec.version!,
      at,
      asOf: scan.asOf,
      from,
      to: rec.status,
      by,
      scanId: scan.scanId,
      why,
      decision,
    });
  };
  const seen = new Set<string>();

  for (const f of current) {
    if (seen.has(f.id)) continue; // one finding per (rule, subject), even if a rule repeats itself
    seen.add(f.id);
    const prev = before.get(f.id);
    const version = (prev?.version ?? 0) + 1;
    if (!prev) {
      const rec: StoredFinding = {
        ...f,
        status: 'open',
        version,
        firstSeenScan: scan.scanId,
        firstSeenAsOf: scan.asOf,
        openedAsOf: scan.asOf,
        ...stamp,
        reopened: 0,
      };
      out.newIds.add(f.id);
      write(rec, null, '扫描首次发现');
      out.counted.push(rec);
      continue;
    }
    const reopen =
      prev.status === 'resolved' ? SEEN_AGAIN : prev.status === 'ignored' ? ignoreEnds(prev, f, scan) : null;
    if (reopen) {
      const rec: StoredFinding = {
        ...prev,
        ...f,
        status: 'open',
        version,
        openedAsOf: scan.asOf,
        ...stamp,
        reopened: prev.status === 'resolved' ? prev.reopened + 1 : prev.reopened,
        resolvedScan: undefined,
        resolvedAsOf: undefined,
        decision: undefined,
      };
      write(rec, prev.status, reopen, prev.status === 'ignored');
      out.counted.push(rec);
      continue;
    }
    const list = prev.status === 'ignored' ? out.ignored : out.counted;
    if (contentOf(prev) !== contentOf(f)) {
      const moved = substanceOf(prev) !== substanceOf(f) ? stamp : {};
      const rec: StoredFinding = { ...prev, ...f, ...moved, version };
      write(rec, prev.status);
      list.push(rec);
    } else {
      list.push(prev);
    }
  }

  for (const prev of previous) {
    if (seen.has(prev.id) || prev.status === 'resolved') continue;
    // An ignored finding no longer seen keeps its decision (a false positive that comes and goes
    // stays dismissed) until the decision ends.
    if (prev.status === 'ignored' && !(prev.decision?.until && scan.asOf > prev.decision.until)) continue;
    const rec: StoredFinding = {
      ...prev,
      status: 'resolved',
      version: (prev.version ?? 0) + 1,
      resolvedScan: scan.scanId,
      resolvedAsOf: scan.asOf,
      ...stamp,
      decision: undefined,
    };
    write(
      rec,
      prev.status,
      prev.status === 'ignored' ? `忽略期限 ${prev.decision!.until} 已过，${NO_LONGER_SEEN}` : NO_LONGER_SEEN,
    );
    out.resolved.push(rec);
  }
  return out;
}

/** Why an ignored finding seen again reopens, or null while the decision holds. */
function ignoreEnds(prev: StoredFinding, f: Finding, scan: ReconcileScan): string | null {
  const d = prev.decision;
  if (!d) return '忽略决定缺失，重新打开';
  if (d.until && scan.asOf > d.until) return `忽略期限 ${d.until} 已过`;
  if (decisionSubstance(f) !== d.substance) return `证据已变化：${evidenceChange(prev, f)}`;
  return null;
}
