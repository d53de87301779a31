// The DynamoDB actions functions/store/repository.ts performs on the table, and nothing more:
// the stack grants exactly these (no Scan, no DeleteItem, no table administration), and a test
// checks the repository's commands against this list so the two cannot drift apart.
// (BatchWriteItem covers its delete requests too: IAM authorises the batch call as a whole; a
// TransactWriteItems of Puts is authorised as PutItem, item by item.)

export const REPOSITORY_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
] as const;
