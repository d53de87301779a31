import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../model/finding.ts';
import { DECISION_PREFIX, decisionSk, findingSk, historyPrefix, historySk, portalPk } from './keys.ts';
import type { StoredFinding } from './records.ts';
import { Table } from './table.ts';

// Findings and their history (整改). A finding is written only over the version it was read
// at, so a scan and a person acting at once, or two people, can never lose either change: the
// later write is refused and its author reads again. A change of status is written together
// with its history entry (and, for decisions, its line in the portal's decision log) in one
// transaction: there is never a status without the entry that explains it.

/** Conditional writes in flight at once: a scan changes tens of findings, not thousands. */
const WRITES_IN_FLIGHT = 8;

export class FindingStore extends Table {
  listFindings(portalId: string) {
    return this.queryPrefix<StoredFinding>(portalId, 'F#');
  }

  /** Strongly consistent: a person's decision must see the latest version. */
  getFinding(portalId: string, findingId: string) {
    return this.get<StoredFinding>(portalId, findingSk(findingId), true);
  }

  /** A finding's history, oldest first: one Query. */
  findingHistory(portalId: string, findingId: string) {
    return this.queryPrefix<HistoryEntry>(portalId, historyPrefix(findingId));
  }

  /** The portal's recent decisions (people's, and scans undoing them), newest first: one Query. */
  recentDecisions(portalId: string, limit = 50) {
    return this.queryPrefix<HistoryEntry>(portalId, DECISION_PREFIX, { newestFirst: true, limit });
  }

  /**
   * Writes `finding` as its `version`, if the stored one is still the version before it, with
   * `entry` when its status changed. False when someone wrote the finding in between (nothing
   * is written then).
   */
  async writeFinding(portalId: string, finding: StoredFinding, entry?: HistoryEntry): Promise<boolean> {
    const version = finding.version ?? 1;
    const item = { pk: portalPk(portalId), sk: findingSk(finding.id), ...finding, version };
    // Version 1 is a new finding, or one stored before versions existed.
    const condition =
      version === 1
        ? { ConditionExpression: 'attribute_not_exists(version)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version - 1 } };
    if (!entry) {
      const done = await this.ifConditionHolds(() =>
        this.writer().send(new PutCommand({ TableName: this.tableName, Item: item, ...condition })),
      );
      return done !== undefined;
    }
    const extra = [{ pk: portalPk(portalId), sk: historySk(finding.id, entry.version), portalId, ...entry }];
    if (entry.decision) extra.push({ ...extra[0]!, sk: decisionSk(entry.at, finding.id) });
    try {
      await this.writer().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ...condition } },
            ...extra.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
          ],
        }),
      );
    } catch (e) {
      if (e instanceof TransactionCanceledException && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed')
        return false;
      throw e;
    }
    this.writes += 1 + extra.length;
    return true;
  }

  /**
   * A scan's changes to its findings, with their history entries. Returns the ids a person (or a
   * concurrent check) changed since they were read: the caller reads those again and reconciles them anew.
   */
  async writeFindingChanges(portalId: string, changed: StoredFinding[], history: HistoryEntry[]): Promise<string[]> {
    const entries = new Map(history.map((h) => [h.findingId, h]));
    const conflicts: string[] = [];
    for (let i = 0; i < changed.length; i += WRITES_IN_FLIGHT) {
      const done = await Promise.all(
        changed.slice(i, i + WRITES_IN_FLIGHT).map((f) => this.writeFinding(portalId, f, entries.get(f.id))),
      );
      done.forEach((ok, j) => ok || conflicts.push(changed[i + j]!.id));
    }
    return conflicts;
  }

  /** Findings as they are, without conditions: fixtures and tests only; scans go through writeFindingChanges. */
  putFindings(portalId: string, findings: StoredFinding[]) {
    return this.batchPut(findings.map((f) => ({ pk: portalPk(portalId), sk: findingSk(f.id), ...f })));
  }
}
