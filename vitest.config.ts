import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // DynamoDB Local is one JVM shared by the whole run (globalSetup); tests isolate by table name.
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/quiet-sdk.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
