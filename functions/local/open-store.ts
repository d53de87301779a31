import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { awsClientOptions } from '../common/aws-client.ts';
import { Repository } from '../store/repository.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { startLocalDynamo, type LocalDynamo } from './dynamodb-local.ts';
import { dataDirUnusable, LocalStoreStopped, storeCauseInJvmOutput } from './store-errors.ts';

// Wires the repository to a store: DynamoDB Local under the data dir (the default), or a real
// DynamoDB (`aws`, optionally at --endpoint). The repository is handed out as a promise so the
// caller can start crawling while the JVM boots.

export interface StoreOptions {
  store: 'local' | 'aws';
  dataDir: string;
  endpoint?: string;
  tableName?: string;
  /** Who holds the data dir, for the message a second run shows; by default this process's CLI command. */
  command?: string;
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
  const ownsDataDir = opts.store === 'local' && !opts.endpoint;
  const fresh = ownsDataDir && !existsSync(resolve(opts.dataDir, 'dynamodb'));
  // Held from before the JVM starts until after it stopped: serve holds it for its lifetime.
  const lock: DataDirLock | null = ownsDataDir ? lockDataDir(opts.dataDir, opts.command) : null;
  let dynamo: LocalDynamo | null = null;
  let repository: Repository | null = null;
  const repo = (async () => {
    let endpoint = opts.endpoint;
    if (ownsDataDir) {
      dynamo = await startLocalDynamo({ dataDir: opts.dataDir });
      endpoint = dynamo.endpoint;
    }
    const client = new DynamoDBClient(awsClientOptions({ endpoint }));
    if (dynamo) explainLocalStoreFailures(client, dynamo, resolve(opts.dataDir));
    repository = new Repository({ tableName, client });
    if (opts.store === 'local' || opts.endpoint) await repository.ensureTable();
    return repository;
  })();
  repo.catch(() => {}); // surfaced to whoever awaits it; never an unhandled rejection
  return {
    repo,
    fresh,
    async close() {
      try {
        await repo.catch(() => {});
        (repository as Repository | null)?.destroy();
        await (dynamo as LocalDynamo | null)?.stop();
      } finally {
        lock?.release();
      }
    },
  };
}

const CONNECTION_LOST = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * A failed request to our own DynamoDB Local says why in the operator's terms: the store stopped
 * (the JVM was killed), or the data dir refused a write (SQLite's words on the JVM's stderr).
 */
function explainLocalStoreFailures(client: DynamoDBClient, dynamo: LocalDynamo, dataDir: string): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        const stopped = dynamo.unexpectedExit();
        if (stopped || CONNECTION_LOST.has(code))
          throw new LocalStoreStopped(dataDir, stopped ?? `${code}: it no longer answers`);
        const cause = storeCauseInJvmOutput(dynamo.recentOutput());
        if (cause) throw dataDirUnusable(dataDir, { code: cause });
        throw e;
      }
    },
    { step: 'initialize', name: 'explainLocalStoreFailures' },
  );
}
