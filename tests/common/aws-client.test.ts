import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClientOptions } from '../../functions/common/aws-client.ts';

describe('awsClientOptions', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('leaves region and credentials to the SDK in AWS', () => {
    expect(awsClientOptions()).toEqual({});
    expect(awsClientOptions({ maxAttempts: 1 })).toEqual({ maxAttempts: 1 });
  });

  it('gives a local endpoint dummy credentials, so real ones never reach it', () => {
    vi.stubEnv('AWS_REGION', undefined);
    expect(awsClientOptions({ endpoint: 'http://127.0.0.1:8000', maxAttempts: 1 })).toEqual({
      endpoint: 'http://127.0.0.1:8000',
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  it('keeps the region of the environment, or the one asked for', () => {
    vi.stubEnv('AWS_REGION', 'cn-northwest-1');
    expect(awsClientOptions({ endpoint: 'http://127.0.0.1:8000' }).region).toBe('cn-northwest-1');
    expect(awsClientOptions({ endpoint: 'http://127.0.0.1:8000', region: 'eu-west-1' }).region).toBe('eu-west-1');
  });
});
