import type { Finding } from '../model/finding.ts';
import type { StoredFinding } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';
import { reconcile, type ReconcileScan, type Reconciled } from './reconcile.ts';

// Reconciles a scan's findings with the stored ones and writes the changes. A write the store
// refuses means someone acted on that finding after the scan read it (a person's ack or ignore,
// an on-demand check): the scan reads those findings again and reconciles them anew, so the
// person's decision stands and the scan's observation still lands.

/** Rounds of re-reading: each needs someone acting on the same finding within milliseconds. */
const MAX_ROUNDS = 5;

export async function reconcileAndSave(
  repo: Repository,
  portalId: string,
  previous: StoredFinding[],
  current: Finding[],
  scan: ReconcileScan,
): Promise<Reconciled> {
  const at = scan.at ?? new Date().toISOString();
  let result = reconcile(previous, current, { ...scan, at });
  let conflicts = await repo.writeFindingChanges(portalId, result.changed, result.history);
  for (let round = 1; conflicts.length > 0; round++) {
    if (round > MAX_ROUNDS)
      throw new Error(
        `findings ${conflicts.join(', ')} of ${portalId} kept changing while scan ${scan.scanId} saved them; run the scan again`,
      );
    const ids = new Set(conflicts);
    const fresh = (await Promise.all(conflicts.map((id) => repo.getFinding(portalId, id)))).filter(
      (f): f is StoredFinding => f !== null,
    );
    const again = reconcile(
      fresh,
      current.filter((f) => ids.has(f.id)),
      { ...scan, at },
    );
    conflicts = await repo.writeFindingChanges(portalId, again.changed, again.history);
    result = replaceIds(result, again, ids);
  }
  return result;
}

/** `base` with everything about `ids` taken from `redo`. */
function replaceIds(base: Reconciled, redo: Reconciled, ids: Set<string>): Reconciled {
  const keep = <T extends { id: string }>(xs: T[], ys: T[]) => [...xs.filter((x) => !ids.has(x.id)), ...ys];
  return {
    changed: keep(base.changed, redo.changed),
    history: [...base.history.filter((h) => !ids.has(h.findingId)), ...redo.history],
    counted: keep(base.counted, redo.counted),
    ignored: keep(base.ignored, redo.ignored),
    resolved: keep(base.resolved, redo.resolved),
    newIds: new Set([...[...base.newIds].filter((id) => !ids.has(id)), ...redo.newIds]),
  };
}
