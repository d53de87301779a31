import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch-calls.ts';
import { FindingStore } from './finding-store.ts';
import { strip } from './table.ts';
import {
  ALERT_PREFIX,
  HOMEPAGE_SK,
  META_SK,
  alertSk,
  checkSk,
  columnSk,
  digestSk,
  linkSk,
  pageSk,
  portalPk,
  probeDaySk,
  runSk,
  scanSk,
} from './keys.ts';
import type { AlertState } from '../model/alert-state.ts';
import type { ProbeRoundDelta } from '../model/availability.ts';
import type {
  AlertRecord,
  CheckRecord,
  ColumnRecord,
  DigestDelivery,
  HomepageRecord,
  LinkRecord,
  PageRecord,
  PortalMeta,
  ProbeDayRecord,
  ScanRecord,
  ScanRun,
  TaskCounters,
} from './records.ts';

// The one place that talks to DynamoDB. Everything else speaks in records.

export { WritesFenced, type RepositoryOptions } from './table.ts';

export class Repository extends FindingStore {
  /**
   * The same table and client, but writes stop the moment `signal` aborts. An attempt that was
   * given up on (an API check past its budget, handed to the queue) may wake up later in a
   * thawed Lambda; whatever it would write then is stale, and the attempt that took over owns
   * the records. The view shares this repository's client: destroy this one, not the view.
   */
  fencedBy(signal: AbortSignal): Repository {
    return new Repository({ tableName: this.tableName, client: this.raw, fence: signal });
  }

  // ---- reads -------------------------------------------------------------------------------

  getMeta(portalId: string) {
    return this.get<PortalMeta>(portalId, META_SK);
  }
  getHomepage(portalId: string) {
    return this.get<HomepageRecord>(portalId, HOMEPAGE_SK);
  }
  getColumn(portalId: string, columnId: string) {
    return this.get<ColumnRecord>(portalId, columnSk(columnId));
  }
  /** `consistent`: right after other processes wrote them (the evaluation after the crawl Lambdas). */
  listColumns(portalId: string, opts: { consistent?: boolean } = {}) {
    return this.queryPrefix<ColumnRecord>(portalId, 'C#', opts);
  }
  listPages(portalId: string) {
    return this.queryPrefix<PageRecord>(portalId, 'U#');
  }
  /** The stored pages among `urls` (BatchGetItem, 100 keys a call): a column's, without reading the whole portal. */
  async getPages(portalId: string, urls: string[]): Promise<PageRecord[]> {
    const keys = [...new Set(urls)].map((u) => ({ pk: portalPk(portalId), sk: pageSk(u) }));
    const items = await batchGet(this.doc, this.tableName, keys, 'page reads');
    this.reads += items.length;
    return items.map((item) => strip(item) as unknown as PageRecord);
  }

  listLinks(portalId: string) {
    return this.queryPrefix<LinkRecord>(portalId, 'L#');
  }
  /** Newest first. */
  listScans(portalId: string, limit?: number) {
    return this.queryPrefix<ScanRecord>(portalId, 'S#', { newestFirst: true, limit });
  }

  // ---- writes ------------------------------------------------------------------------------

  putMeta(meta: PortalMeta) {
    return this.put(meta.portalId, META_SK, meta);
  }
  putHomepage(portalId: string, rec: HomepageRecord) {
    return this.put(portalId, HOMEPAGE_SK, rec);
  }
  putColumn(portalId: string, rec: ColumnRecord) {
    return this.put(portalId, columnSk(rec.columnId), rec);
  }
  putScan(rec: ScanRecord) {
    return this.put(rec.portalId, scanSk(rec.scanId), rec);
  }

  putPages(portalId: string, pages: PageRecord[]) {
    return this.batchPut(pages.map((p) => ({ pk: portalPk(portalId), sk: pageSk(p.url), ...p })));
  }

  putLinks(portalId: string, links: LinkRecord[]) {
    return this.batchPut(links.map((l) => ({ pk: portalPk(portalId), sk: linkSk(l.url), ...l })));
  }

  /** Forgets links no page carries any more. */
  deleteLinks(portalId: string, urls: string[]) {
    return this.batchWrite(urls.map((u) => ({ DeleteRequest: { Key: { pk: portalPk(portalId), sk: linkSk(u) } } })));
  }

  /**
   * Claims a digest for sending: succeeds when it was never sent or its last send failed, in one
   * conditional write. Returns null when claimed, else the delivery that stands in the way.
   */
  async claimDigest(portalId: string, week: string, email: string, now: string): Promise<DigestDelivery | null> {
    const claimed = await this.ifConditionHolds(() =>
      this.writer().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: portalPk(portalId), sk: digestSk(week, email) },
          UpdateExpression:
            'SET #s = :sending, week = :week, email = :email, updatedAt = :now ADD attempts :one REMOVE #e',
          ConditionExpression: 'attribute_not_exists(pk) OR #s = :failed',
          ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':failed': 'failed',
            ':week': week,
            ':email': email,
            ':now': now,
            ':one': 1,
          },
        }),
      ),
    );
    if (claimed) return null;
    // Strongly consistent: an eventually consistent miss here would read as "claimed" and send twice.
    const standing = await this.get<DigestDelivery>(portalId, digestSk(week, email), true);
    // Gone between the two calls (TTL): not ours to send; the next run claims it afresh.
    return standing ?? { week, email, status: 'sending', attempts: 0, updatedAt: now };
  }

  async finishDigest(
    portalId: string,
    week: string,
    email: string,
    outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string },
    now: string,
  ) {
    await this.writer().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: portalPk(portalId), sk: digestSk(week, email) },
        UpdateExpression:
          outcome.status === 'sent'
            ? 'SET #s = :s, messageId = :v, updatedAt = :now'
            : 'SET #s = :s, #e = :v, updatedAt = :now',
        ExpressionAttributeNames: outcome.status === 'sent' ? { '#s': 'status' } : { '#s': 'status', '#e': 'error' },
        ExpressionAttributeValues: {
          ':s': outcome.status,
          ':v': outcome.status === 'sent' ? outcome.messageId : outcome.error,
          ':now': now,
        },
      }),
    );
    this.writes += 1;
  }

  // ---- scans in flight across Lambdas, and API checks ---------------------------------------

  /** Starts a run; false when it exists already (a redelivered plan). */
  async createRun(run: ScanRun): Promise<boolean> {
    const created = await this.ifConditionHolds(() =>
      this.writer().send(
        // doneTasks starts absent: the first task's ADD makes it a string set.
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: portalPk(run.portalId), sk: runSk(run.scanId), ...run, doneTasks: undefined },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return created !== undefined;
  }

  /** Strongly consistent: a run's status and count decide who crawls and who closes it. */
  async getRun(portalId: string, scanId: string): Promise<ScanRun | null> {
    const run = await this.get<Record<string, unknown>>(portalId, runSk(scanId), true);
    return run ? runOf(run) : null;
  }

  /** The portal's runs still kept (TTL), newest first: scan ids begin with their start time. */
  async listRuns(portalId: string, limit?: number): Promise<ScanRun[]> {
    return (await this.queryPrefix<Record<string, unknown>>(portalId, 'R#', { newestFirst: true, limit })).map(runOf);
  }

  /**
   * Counts one task of a run done, at most once: the task's name joins the run's set in the same
   * conditional write that adds its counters, so a redelivered message adds nothing. `counted`
   * is false for a repeat; `run` is the run after the write either way.
   */
  async completeRunTask(
    portalId: string,
    scanId: string,
    task: string,
    counters: TaskCounters,
  ): Promise<{ counted: boolean; run: ScanRun }> {
    const names: Record<string, string> = { '#c': 'counters', '#done': 'done', '#tasks': 'doneTasks' };
    const values: Record<string, unknown> = { ':task': task, ':tasks': new Set([task]), ':one': 1 };
    const adds = Object.entries(counters).map(([k, v], i) => {
      names[`#k${i}`] = k;
      values[`:v${i}`] = v;
      // A counter the plan did not know (added by a newer version mid-scan) starts at zero.
      return `#c.#k${i} = if_not_exists(#c.#k${i}, :zero) + :v${i}`;
    });
    values[':zero'] = 0;
    const res = await this.ifConditionHolds(() =>
      this.writer().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: portalPk(portalId), sk: runSk(scanId) },
          UpdateExpression: `SET ${adds.join(', ')} ADD #done :one, #tasks :tasks`,
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(#tasks, :task)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (res) return { counted: true, run: runOf(strip(res.Attributes!)) };
    const run = await this.getRun(portalId, scanId);
    if (!run)
      throw new Error(`scan ${scanId} of portal ${portalId} is not in the store (expired, or planned elsewhere)`);
    return { counted: false, run };
  }

  /** Moves a run on (crawling → crawled, crawled → evaluated); true only for the one caller that did. */
  async advanceRun(portalId: string, scanId: string, from: ScanRun['status'], to: ScanRun['status']): Promise<boolean> {
    const advanced = await this.ifConditionHolds(() =>
      this.writer().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: portalPk(portalId), sk: runSk(scanId) },
          UpdateExpression: 'SET #s = :to',
          // crawled needs every task counted: a late duplicate can never close a run early.
          ConditionExpression: to === 'crawled' ? '#s = :from AND #done >= #total' : '#s = :from',
          ExpressionAttributeNames:
            to === 'crawled' ? { '#s': 'status', '#done': 'done', '#total': 'total' } : { '#s': 'status' },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      ),
    );
    return advanced !== undefined;
  }

  putCheck(rec: CheckRecord) {
    return this.put(rec.portalId, checkSk(rec.checkId), rec);
  }

  /**
   * Stores a check's answer unless another attempt already has: the inline attempt the API gave
   * up on and the queued one may both finish. The first answer stands; the store returns it.
   */
  async finishCheck(rec: CheckRecord): Promise<CheckRecord> {
    const stored = await this.ifConditionHolds(() =>
      this.writer().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...rec, pk: portalPk(rec.portalId), sk: checkSk(rec.checkId) },
          ConditionExpression: 'attribute_not_exists(pk) OR #s = :running',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':running': 'running' },
        }),
      ),
    );
    if (stored) return rec;
    return (await this.get<CheckRecord>(rec.portalId, checkSk(rec.checkId), true)) ?? rec;
  }
  getCheck(portalId: string, checkId: string, consistent = false) {
    return this.get<CheckRecord>(portalId, checkSk(checkId), consistent);
  }

  getDigestDelivery(portalId: string, week: string, email: string) {
    return this.get<DigestDelivery>(portalId, digestSk(week, email));
  }

  // ---- availability probes and alerts ------------------------------------------------------

  /** The probe days from `from` to `to` (YYYY-MM-DD, inclusive): a week is one query. */
  async listProbeDays(portalId: string, from: string, to: string): Promise<ProbeDayRecord[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': portalPk(portalId), ':from': probeDaySk(from), ':to': probeDaySk(to) },
      }),
    );
    this.reads += res.Items?.length ?? 0;
    return (res.Items ?? []).map((i) => strip(i) as unknown as ProbeDayRecord);
  }

  /**
   * Adds a round of probes to its day: one write, whatever the number of probes. Counters are
   * ADDed, so a scan and a probe round landing at once both count; the failures listed and the
   * streak come from the caller, who read the day before.
   */
  async recordProbeRound(portalId: string, day: string, round: ProbeRoundDelta & { expiresAt: number }): Promise<void> {
    const latest = round.latest
      ? {
          set: ', lastAt = :lastAt, streak = :streak',
          values: { ':lastAt': round.latest.at, ':streak': round.latest.streak },
        }
      : {
          set: ', lastAt = if_not_exists(lastAt, :none), streak = if_not_exists(streak, :zero)',
          values: { ':none': '', ':zero': 0 },
        };
    await this.writer().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: portalPk(portalId), sk: probeDaySk(day) },
        UpdateExpression:
          'SET portalId = :p, #day = :day, expiresAt = :exp, failed = list_append(if_not_exists(failed, :empty), :failed)' +
          latest.set +
          ' ADD attempts :a, failures :f, otherAttempts :oa, otherFailures :of',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: {
          ':p': portalId,
          ':day': day,
          ':exp': round.expiresAt,
          ':empty': [],
          ':failed': round.failed,
          ':a': round.attempts,
          ':f': round.failures,
          ':oa': round.otherAttempts,
          ':of': round.otherFailures,
          ...latest.values,
        },
      }),
    );
    this.writes += 1;
  }

  listAlertStates(portalId: string) {
    return this.queryPrefix<AlertRecord>(portalId, ALERT_PREFIX);
  }

  /**
   * Writes an alert's next state if nobody wrote it since `state.version` was read, and stores it
   * as version + 1; false when another run got there first (then it, not this one, announces).
   */
  async putAlertState(portalId: string, state: AlertState): Promise<boolean> {
    const stored = await this.ifConditionHolds(() =>
      this.writer().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...state, portalId, version: state.version + 1, pk: portalPk(portalId), sk: alertSk(state.key) },
          ConditionExpression: state.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ExpressionAttributeValues: state.version === 0 ? undefined : { ':v': state.version },
        }),
      ),
    );
    return stored !== undefined;
  }
}

/** DynamoDB hands a string set back as a Set; a run carries its done tasks as a sorted list. */
function runOf(item: Record<string, unknown>): ScanRun {
  const tasks = item.doneTasks instanceof Set ? [...(item.doneTasks as Set<string>)].sort() : [];
  return { ...(item as unknown as ScanRun), doneTasks: tasks };
}
