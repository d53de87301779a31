import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

// What a running HotSpot JVM says about itself, read from the performance-data file it keeps
// (hsperfdata, on by default). The JRE alone has no jcmd, but every HotSpot writes this file: it is
// the JVM's own account of its arguments and heap, not what we meant to pass it.

const MAGIC = 0xcafec0c0; // written big-endian whatever the byte order of the rest
const TYPE_LONG = 'J'.charCodeAt(0);
const TYPE_BYTE = 'B'.charCodeAt(0);

/** Every counter of the JVM `pid`, by name: numbers for longs, text for byte arrays (strings). */
export function jvmPerfData(pid: number): Map<string, bigint | string> {
  const buf = readFileSync(`/tmp/hsperfdata_${userInfo().username}/${pid}`);
  if (buf.readUInt32BE(0) !== MAGIC)
    throw new Error(`JVM ${pid}'s perf data file does not start with HotSpot's magic number`);
  const bigEndian = buf[4] === 0;
  const u32 = (at: number) => (bigEndian ? buf.readUInt32BE(at) : buf.readUInt32LE(at));
  const i64 = (at: number) => (bigEndian ? buf.readBigInt64BE(at) : buf.readBigInt64LE(at));
  // Prologue: magic, byte order, major, minor, accessible (4 × 1 byte after the magic), used,
  // overflow, modification time stamp (8), entry offset, number of entries.
  const entryOffset = u32(24);
  const entries = u32(28);
  const counters = new Map<string, bigint | string>();
  for (let i = 0, at = entryOffset; i < entries; i++) {
    const length = u32(at);
    const nameAt = at + u32(at + 4);
    const vectorLength = u32(at + 8);
    const type = buf[at + 12];
    const dataAt = at + u32(at + 16);
    const name = buf.toString('latin1', nameAt, buf.indexOf(0, nameAt));
    if (type === TYPE_LONG && vectorLength === 0) counters.set(name, i64(dataAt));
    else if (type === TYPE_BYTE) {
      const end = buf.indexOf(0, dataAt);
      counters.set(
        name,
        buf.toString('utf8', dataAt, end < 0 || end > dataAt + vectorLength ? dataAt + vectorLength : end),
      );
    }
    at += length;
  }
  return counters;
}

/** The largest heap the JVM will grow to, in bytes: the sum of its generations' maximum capacities. */
export function jvmMaxHeap(counters: Map<string, bigint | string>): number {
  let total = 0n;
  for (const [name, value] of counters)
    if (/^sun\.gc\.generation\.\d+\.maxCapacity$/.test(name) && typeof value === 'bigint') total += value;
  return Number(total);
}
