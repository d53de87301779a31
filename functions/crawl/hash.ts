import { createHash } from 'node:crypto';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A stable hash of plain data (key order as written), for "did anything change" checks. */
export const hashOf = (value: unknown) => sha256(JSON.stringify(value)).slice(0, 32);
