import type { PortalConfig } from '../config/schema.ts';
import { fitsInMessage } from './outstanding-pages.ts';

// A scan is one message for the homepage and one per column (栏目). In AWS each becomes an SQS
// message (MessageGroupId = host); in the CLI they go through the in-process queue.

export type CrawlTarget = { kind: 'homepage' } | { kind: 'column'; columnId: string };

export interface CrawlTask {
  portalId: string;
  scanId: string;
  asOf: string;
  target: CrawlTarget;
  /**
   * A column's pages with an open or acknowledged finding, asked again whatever their schedule.
   * Absent: the plan did not give them (too many for a message, or a planner older than the
   * field), and the task reads them from the store itself.
   */
  outstanding?: string[];
}

/** `outstanding`: each column's pages with outstanding findings (outstanding-pages.ts), when the planner read them. */
export function planScan(
  portal: PortalConfig,
  scanId: string,
  asOf: string,
  outstanding?: ReadonlyMap<string, string[]>,
): CrawlTask[] {
  return [
    { portalId: portal.id, scanId, asOf, target: { kind: 'homepage' } },
    ...portal.columns.map((c): CrawlTask => {
      const urls = outstanding?.get(c.id) ?? (outstanding ? [] : undefined);
      return {
        portalId: portal.id,
        scanId,
        asOf,
        target: { kind: 'column', columnId: c.id },
        ...(urls && fitsInMessage(urls) ? { outstanding: urls } : {}),
      };
    }),
  ];
}
