// Wall-clock time in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a
// fixed offset is exact and needs no ICU time-zone data (Lambda's Node can lack it).

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Milliseconds since 00:00 Beijing time of the instant's day. */
export function msOfDayInShanghai(instant: Date): number {
  const local = instant.getTime() + SHANGHAI_OFFSET_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant's Beijing-time day start (00:00 北京时间), as an instant. */
export function shanghaiMidnightBefore(instant: Date): number {
  return instant.getTime() - msOfDayInShanghai(instant);
}

/** "2018-01-15 08:30" in Beijing time: what a reader in the bureau sees on the wall clock. */
export function formatShanghai(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2 天 3 小时", "45 分钟": how long a problem lasted, to the minute. */
export function formatDuration(fromIso: string, toIso: string): string | null {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!(ms >= 0)) return null;
  const minutes = Math.floor(ms / MINUTE_MS);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  if (d > 0) return h > 0 ? `${d} 天 ${h} 小时` : `${d} 天`;
  if (h > 0) return m > 0 ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
  return `${m} 分钟`;
}
