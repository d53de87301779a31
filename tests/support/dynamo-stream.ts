import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';

// Reads a table's stream from DynamoDB Local, as Lambda's event source mapping would, and
// hands the records over in the shape of a DynamoDB stream event.

export async function readStream(endpoint: string, tableName: string): Promise<DynamoDBStreamEvent['Records']> {
  const opts = { endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const db = new DynamoDBClient(opts);
  const streams = new DynamoDBStreamsClient(opts);
  try {
    const arn = (await db.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${tableName} has no stream`);
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
    const records: DynamoDBStreamEvent['Records'] = [];
    for (const shard of shards) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
        )
      ).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const r of page.Records ?? []) {
          records.push({
            eventID: r.eventID,
            eventName: r.eventName as 'INSERT' | 'MODIFY' | 'REMOVE',
            eventSource: 'aws:dynamodb',
            eventVersion: r.eventVersion,
            awsRegion: 'cn-north-1',
            eventSourceARN: arn,
            dynamodb: r.dynamodb as NonNullable<DynamoDBStreamEvent['Records'][number]['dynamodb']>,
          });
        }
        // An open shard hands out a fresh iterator for ever: stop once a page comes back empty.
        iterator = (page.Records ?? []).length === 0 ? undefined : page.NextShardIterator;
      }
    }
    return records;
  } finally {
    db.destroy();
    streams.destroy();
  }
}
