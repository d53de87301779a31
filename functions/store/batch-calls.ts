import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { retryLeftovers, type Backoff } from '../common/retry.ts';

// BatchGetItem and BatchWriteItem over any number of keys or items: cut to the calls' limits, and
// what DynamoDB leaves unprocessed (it throttles a batch in part, not as a whole) sent again
// until it is done. Nothing is dropped: what is still unprocessed at the end is an error.

const GET_LIMIT = 100; // BatchGetItem's limit
const WRITE_LIMIT = 25; // BatchWriteItem's limit
const CHUNKS_IN_FLIGHT = 4;

/** Nine rounds, about nine seconds of waiting at most. */
const UNPROCESSED_BACKOFF: Backoff = { attempts: 9, baseMs: 50, maxMs: 2000 };

export type ItemKey = Record<string, unknown>;
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** The items stored under `keys` (a call per 100, one after another); keys with no item are left out. */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: ItemKey[],
  what: string,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += GET_LIMIT) {
    await retryLeftovers(
      keys.slice(i, i + GET_LIMIT),
      async (pending) => {
        const res = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
        out.push(...(res.Responses?.[tableName] ?? []));
        return (res.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
      },
      { ...UNPROCESSED_BACKOFF, giveUp: (left, attempts) => stillUnprocessed(`${left.length} ${what}`, attempts) },
    );
  }
  return out;
}

/**
 * Writes in chunks of 25, four chunks in flight at a time. `writer` is asked for the client on
 * every call, so a fence that closes mid-batch stops the rest; `written` hears of every item done.
 */
export async function batchWrite(
  writer: () => DynamoDBDocumentClient,
  tableName: string,
  requests: WriteRequest[],
  written: (items: number) => void,
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += WRITE_LIMIT) chunks.push(requests.slice(i, i + WRITE_LIMIT));
  const writeChunk = (chunk: WriteRequest[]) =>
    retryLeftovers(
      chunk,
      async (pending) => {
        const res = await writer().send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        const unprocessed = (res.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
        written(pending.length - unprocessed.length);
        return unprocessed;
      },
      { ...UNPROCESSED_BACKOFF, giveUp: (left, attempts) => stillUnprocessed(`${left.length} items`, attempts) },
    );
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) await writeChunk(chunks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, chunks.length) }, lane));
}

const stillUnprocessed = (what: string, attempts: number) =>
  new Error(`DynamoDB kept ${what} unprocessed after ${attempts} attempts`);
