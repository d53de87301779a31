import { randomBytes } from 'node:crypto';

// A scan's id starts with the second it started (20180115T020000Z), so its records (S#, R#) sort
// by time; the tag after it tells apart scans started in the same second.

/**
 * The id of a scan started at `at`. The random default tag keeps concurrent starts apart; a
 * scheduled run passes a fixed one, so a retried schedule names the same run again.
 */
export function scanIdAt(at: Date, tag: string = randomBytes(3).toString('hex')): string {
  return `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${tag}`;
}
