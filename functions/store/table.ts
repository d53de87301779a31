import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { awsClientOptions } from '../common/aws-client.ts';
import { batchWrite, type WriteRequest } from './batch-calls.ts';
import { portalPk } from './keys.ts';

// The single table underneath the repository: the client, the write fence, the counted write
// and the conditional write, and the generic get / query / put every record kind goes through.
// Record kinds and what they mean live in repository.ts.

export interface RepositoryOptions {
  tableName: string;
  /** DynamoDB Local's endpoint; absent in AWS. */
  endpoint?: string;
  region?: string;
  client?: DynamoDBClient;
  /** Once aborted, every write through this repository throws WritesFenced (see fencedBy). */
  fence?: AbortSignal;
}

/** A write refused because the work it belonged to was handed on (see Repository.fencedBy). */
export class WritesFenced extends Error {
  constructor() {
    super('writes fenced off: this work was handed to another attempt');
    this.name = 'WritesFenced';
  }
}

export class Table {
  readonly tableName: string;
  protected readonly raw: DynamoDBClient;
  protected readonly doc: DynamoDBDocumentClient;
  protected readonly fence: AbortSignal | undefined;
  /** Items written since construction: the incremental-scan tests and the scan summary count these. */
  writes = 0;
  /** Items read since construction: the re-scan tests count these (a cheap re-scan reads few records). */
  reads = 0;

  constructor(opts: RepositoryOptions) {
    this.tableName = opts.tableName;
    this.fence = opts.fence;
    this.raw = opts.client ?? new DynamoDBClient(awsClientOptions({ endpoint: opts.endpoint, region: opts.region }));
    this.doc = DynamoDBDocumentClient.from(this.raw, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }

  /** Every write goes through here, so a fence holds for all of them. */
  protected writer(): DynamoDBDocumentClient {
    if (this.fence?.aborted) throw new WritesFenced();
    return this.doc;
  }

  /**
   * Runs one conditional write and counts it; undefined when DynamoDB refused it because its
   * condition did not hold (nothing was written). Any other failure is thrown.
   */
  protected async ifConditionHolds<T>(write: () => Promise<T>): Promise<T | undefined> {
    try {
      const output = await write();
      this.writes += 1;
      return output;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  }

  /** Creates the table when missing (local runs; in AWS the stack owns it). */
  async ensureTable(): Promise<void> {
    try {
      await this.raw.send(new DescribeTableCommand({ TableName: this.tableName }));
      return;
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException)) throw e;
    }
    await this.raw.send(
      new CreateTableCommand({
        TableName: this.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        // As in the stack: a run's crawling → crawled change on the stream starts evaluate.
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  }

  // ---- reads and writes every record kind shares ---------------------------------------------

  protected async queryPrefix<T>(
    portalId: string,
    prefix: string,
    opts: { newestFirst?: boolean; limit?: number; consistent?: boolean } = {},
  ): Promise<T[]> {
    const out: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': portalPk(portalId), ':prefix': prefix },
          ExclusiveStartKey: startKey,
          ScanIndexForward: !opts.newestFirst,
          Limit: opts.limit,
          ConsistentRead: opts.consistent,
        }),
      );
      for (const item of res.Items ?? []) out.push(strip(item) as T);
      this.reads += res.Items?.length ?? 0;
      startKey = res.LastEvaluatedKey;
      if (opts.limit && out.length >= opts.limit) break;
    } while (startKey);
    return out;
  }

  protected async get<T>(portalId: string, sk: string, consistent = false): Promise<T | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: portalPk(portalId), sk }, ConsistentRead: consistent }),
    );
    if (!res.Item) return null;
    this.reads += 1;
    return strip(res.Item) as T;
  }

  protected async put(portalId: string, sk: string, record: object): Promise<void> {
    await this.writer().send(
      new PutCommand({ TableName: this.tableName, Item: { pk: portalPk(portalId), sk, ...record } }),
    );
    this.writes += 1;
  }

  protected batchPut(items: Record<string, unknown>[]): Promise<void> {
    return this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  /** Re-sends unprocessed items with backoff (nothing is dropped), counting each item written. */
  protected batchWrite(requests: WriteRequest[]): Promise<void> {
    return batchWrite(
      () => this.writer(),
      this.tableName,
      requests,
      (items) => (this.writes += items),
    );
  }

  destroy() {
    this.doc.destroy();
    this.raw.destroy();
  }
}

export function strip(item: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { pk, sk, ...rest } = item;
  return rest;
}
