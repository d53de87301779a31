import type { ScanRecord } from '../../functions/store/records.ts';
import type { Repository } from '../../functions/store/repository.ts';

/**
 * Records scan `scanId` as evaluate would at its end, with nothing in it: for tests that crawl
 * without evaluating. Until a scan is recorded, what its crawl counted does not count.
 */
export function recordScan(repo: Repository, portalId: string, scanId: string, asOf: string) {
  const record: ScanRecord = {
    scanId,
    portalId,
    asOf,
    startedAt: `${asOf}T02:00:00.000Z`,
    finishedAt: `${asOf}T02:05:00.000Z`,
    columns: 0,
    pages: 0,
    findings: { open: 0, new: 0, resolved: 0, byRule: {} },
    counters: { requests: 0, bytes: 0, notModified: 0, pagesParsed: 0, writes: 0, failures: 0 },
    warnings: [],
  };
  return repo.putScan(record);
}
