import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Repository } from '../store/repository.ts';
import { startLocalDynamo, type LocalDynamo } from './dynamodb-local.ts';

// Wires the repository to a store: DynamoDB Local under the data dir (the default), or a real
// DynamoDB (`aws`, optionally at --endpoint). The repository is handed out as a promise so the
// caller can start crawling while the JVM boots.

export interface StoreOptions {
  store: 'local' | 'aws';
  dataDir: string;
  endpoint?: string;
  tableName?: string;
}

export interface OpenStore {
  repo: Promise<Repository>;
  /** A local store created just now: it knows nothing yet, so a scan need not wait for it to start fetching. */
  fresh: boolean;
  close(): Promise<void>;
}

export const DEFAULT_TABLE = 'disclosure-watch';

export class StoreConfigError extends Error {}

export function openStore(opts: StoreOptions): OpenStore {
  const tableName = opts.tableName ?? process.env.DW_TABLE_NAME ?? DEFAULT_TABLE;
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw new StoreConfigError(
      `DW_TABLE_NAME "${tableName}" is not a DynamoDB table name: use 3–255 letters, digits, "_", "-" or ".".`,
    );
  }
  const fresh = opts.store === 'local' && !opts.endpoint && !existsSync(resolve(opts.dataDir, 'dynamodb'));
  let dynamo: LocalDynamo | null = null;
  let repository: Repository | null = null;
  const repo = (async () => {
    let endpoint = opts.endpoint;
    if (opts.store === 'local' && !endpoint) {
      dynamo = await startLocalDynamo({ dataDir: opts.dataDir });
      endpoint = dynamo.endpoint;
    }
    repository = new Repository({ tableName, endpoint });
    if (opts.store === 'local' || opts.endpoint) await repository.ensureTable();
    return repository;
  })();
  repo.catch(() => {}); // surfaced to whoever awaits it; never an unhandled rejection
  return {
    repo,
    fresh,
    async close() {
      await repo.catch(() => {});
      (repository as Repository | null)?.destroy();
      await (dynamo as LocalDynamo | null)?.stop();
    },
  };
}
