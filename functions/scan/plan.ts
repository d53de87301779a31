import type { PortalConfig } from '../config/schema.ts';

// A scan is one message for the homepage and one per column (栏目). In AWS each becomes an SQS
// message (MessageGroupId = host); in the CLI they go through the in-process queue.

export type CrawlTarget = { kind: 'homepage' } | { kind: 'column'; columnId: string };

export interface CrawlTask {
  portalId: string;
  scanId: string;
  asOf: string;
  target: CrawlTarget;
}

export function planScan(portal: PortalConfig, scanId: string, asOf: string): CrawlTask[] {
  return [
    { portalId: portal.id, scanId, asOf, target: { kind: 'homepage' } },
    ...portal.columns.map((c): CrawlTask => ({
      portalId: portal.id,
      scanId,
      asOf,
      target: { kind: 'column', columnId: c.id },
    })),
  ];
}
