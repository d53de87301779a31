import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';

// Every item of a DynamoDB Local table as raw JSON, read past the repository, so a test can prove
// what was really written (no personal data in clear, whatever the record types say).

export async function storedItems(tableName: string): Promise<string[]> {
  const raw = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const stored: string[] = [];
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const page = await raw.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start as never }));
      stored.push(...(page.Items ?? []).map((i) => JSON.stringify(i)));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    raw.destroy();
  }
  return stored;
}
