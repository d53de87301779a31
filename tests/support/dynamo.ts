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
