// Single-table layout. Everything of a portal shares one partition key, so a scan's whole
// state (columns, pages, findings, scans) is one Query, and nothing crosses portals.
//
//   pk = P#<portalId>   sk = META              portal bookkeeping (first scan …)
//                       sk = H                 homepage state
//                       sk = C#<columnId>      column state (列表 items, fetch outcome, failure streak, its pages gzipped)
//                       sk = U#<url>           a detail page (公开目录 metadata + HTTP cache fields)
//                       sk = F#<findingId>     a finding and its lifecycle (整改 status, decision, version)
//                       sk = FH#<findingId>#<v> one change of a finding's status: its history is one Query
//                       sk = DL#<at>#<findingId> a person's decision (or a scan undoing one): recent decisions are one Query
//                       sk = S#<scanId>        a scan summary (scanId sorts by time)
//                       sk = L#<url>           a link that is not ok: verdict, broken streak, where it is found
//                       sk = D#<week>#<email>  a digest sent (or being sent) to a recipient: idempotency
//                       sk = R#<scanId>        a scan in flight across Lambdas: tasks done, counters (TTL)
//                       sk = K#<checkId>       an on-demand check asked through the API (TTL)
//                       sk = A#<day>           the day's availability probes, summed (TTL), day in Asia/Shanghai
//                       sk = AL#<key>          an alert's state: open or cleared, its notice (held, sent …)

export const portalPk = (portalId: string) => `P#${portalId}`;
export const META_SK = 'META';
export const HOMEPAGE_SK = 'H';
export const columnSk = (columnId: string) => `C#${columnId}`;
export const pageSk = (url: string) => `U#${url}`;
export const findingSk = (findingId: string) => `F#${findingId}`;
export const HISTORY_PREFIX = 'FH#';
export const historyPrefix = (findingId: string) => `${HISTORY_PREFIX}${findingId}#`;
/** Zero-padded so a finding's entries sort by version. */
export const historySk = (findingId: string, version: number) =>
  `${historyPrefix(findingId)}${String(version).padStart(8, '0')}`;
export const DECISION_PREFIX = 'DL#';
export const decisionSk = (at: string, findingId: string) => `${DECISION_PREFIX}${at}#${findingId}`;
export const scanSk = (scanId: string) => `S#${scanId}`;
export const linkSk = (url: string) => `L#${url}`;
export const digestSk = (week: string, email: string) => `D#${week}#${email}`;
export const runSk = (scanId: string) => `R#${scanId}`;
export const checkSk = (checkId: string) => `K#${checkId}`;
export const probeDaySk = (day: string) => `A#${day}`;
export const ALERT_PREFIX = 'AL#';
export const alertSk = (key: string) => `${ALERT_PREFIX}${key}`;

/** DynamoDB TTL value (epoch seconds) `days` after `from`. */
export const expiresAfter = (from: Date, days: number) => Math.floor(from.getTime() / 1000) + days * 86_400;
