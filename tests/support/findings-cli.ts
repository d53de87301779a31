import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import type { Repository } from '../../functions/store/repository.ts';

// `disclosure-watch findings …` as a user runs it: a real process on the test's DynamoDB Local
// table, its exit code and both streams (a refusal exits 2 with the reason on stderr).

const BIN = new URL('../../bin/disclosure-watch.mjs', import.meta.url).pathname;

export function findingsCli(repo: () => Repository, configFile: () => string) {
  return async (args: string[]) => {
    const store = ['--config', configFile(), '--store', 'aws', '--endpoint', inject('dynamoEndpoint')];
    try {
      const { stdout, stderr } = await promisify(execFile)('node', [BIN, 'findings', ...args, ...store], {
        timeout: 60_000,
        env: { ...process.env, DW_TABLE_NAME: repo().tableName },
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
}
