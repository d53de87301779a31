import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Repository } from '../../functions/store/repository.ts';

/** A repository on the run's DynamoDB Local, with a table of its own. */
export async function testRepository(label = 'test'): Promise<Repository> {
  const repo = new Repository({
    tableName: `${label}-${randomBytes(4).toString('hex')}`,
    endpoint: inject('dynamoEndpoint'),
  });
  await repo.ensureTable();
  return repo;
}

/** How many items a table holds: a refused request must leave it unchanged. */
export async function itemCount(tableName: string): Promise<number> {
  const db = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  try {
    return (await db.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count ?? 0;
  } finally {
    db.destroy();
  }
}
