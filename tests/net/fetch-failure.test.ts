import { describe, expect, it } from 'vitest';
import { FETCH_ERROR_KINDS, type FetchErrorKind } from '../../functions/model/fetch-error.ts';
import { shouldRetry } from '../../functions/net/fetch-failure.ts';

// Which failures are asked again: those of the moment, never an answer another try would repeat.

describe('shouldRetry', () => {
  const expected: Record<FetchErrorKind, boolean> = {
    timeout: true,
    connection: true,
    dns: true,
    tls: true,
    'not-public': true,
    other: true,
    http: false, // by status, below
    'redirect-off-site': false,
    'too-many-redirects': false,
    'too-large': false,
    robots: false,
  };

  it.each(FETCH_ERROR_KINDS.filter((k) => k !== 'http'))('%s', (kind) => {
    expect(shouldRetry({ kind })).toBe(expected[kind]);
  });

  it.each([
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [429, true],
    [404, false],
    [410, false],
    [403, false],
    [501, false],
    [301, false],
  ])('http %i: %s', (status, retry) => {
    expect(shouldRetry({ kind: 'http', status })).toBe(retry);
  });
});
