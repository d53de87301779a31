import * as z from 'zod';
import { portalIdSchema } from '../common/portal-id.ts';

// The crawl queue's messages. Whatever arrives from SQS is parsed here before anything runs:
// a malformed body is a poison message to drop loudly, not to retry forever. Unknown fields are
// dropped rather than refused: during a deploy a newer producer (the API) may send a field an
// older consumer (crawl-column) does not know yet, and that message must still be worked.

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = portalIdSchema;

/** More than fit in OUTSTANDING_MESSAGE_BYTES however short the URLs: the plan's byte budget is the real bound. */
const MAX_OUTSTANDING_URLS = 2000;

export const crawlMessageSchema = z.object({
  kind: z.literal('crawl'),
  portalId: id,
  scanId: z
    .string()
    .regex(/^[0-9TZ]+-[0-9a-z]+$/)
    .max(64),
  asOf: isoDay,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('homepage') }),
    z.object({ kind: z.literal('column'), columnId: z.string().min(1).max(64) }),
  ]),
  /** The column's pages with outstanding findings (plan.ts); absent, the task reads them itself. */
  outstanding: z.array(z.url().max(2048)).max(MAX_OUTSTANDING_URLS).optional(),
});

export const checkMessageSchema = z.object({
  kind: z.literal('check'),
  portalId: id,
  checkId: z.string().min(1).max(128),
  url: z.url().max(2048),
  asOf: isoDay,
  /** When the API accepted it: the record keeps the caller's time, not the queue's. */
  requestedAt: z.iso.datetime().optional(),
});

export const queueMessageSchema = z.discriminatedUnion('kind', [crawlMessageSchema, checkMessageSchema]);

export type CrawlMessage = z.infer<typeof crawlMessageSchema>;
export type CheckMessage = z.infer<typeof checkMessageSchema>;
export type QueueMessage = z.infer<typeof queueMessageSchema>;

/** Where plan-scan and the API put work: SQS FIFO in AWS, an in-process queue on a laptop. */
export interface TaskQueue {
  send(messages: QueueMessage[]): Promise<void>;
}

/** The task's name inside its run: what makes a redelivery recognisable. */
export const taskName = (m: CrawlMessage) =>
  m.target.kind === 'homepage' ? 'homepage' : `column:${m.target.columnId}`;
