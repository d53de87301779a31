import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startLocalDynamo } from '../../functions/local/dynamodb-local.ts';

// One DynamoDB Local for the whole run; each test file creates its own table.
declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startLocalDynamo();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
