import { SendMessageBatchCommand, SQSClient, type BatchResultErrorEntry } from '@aws-sdk/client-sqs';
import { retryLeftovers, type Backoff } from '../common/retry.ts';
import type { Config } from '../config/schema.ts';
import type { QueueMessage, TaskQueue } from '../scan/messages.ts';
import { taskName } from '../scan/messages.ts';

// The crawl queue in AWS: SQS FIFO. MessageGroupId is the portal's host, so SQS hands one
// host's messages to one Lambda at a time — politeness holds however many Lambdas run. The
// deduplication id names the task, so a re-sent plan within SQS's 5-minute window is dropped.

const BATCH = 10; // SendMessageBatch's limit

/** For entries SQS failed on its side (throttling, a hiccup): four rounds, about a second and a half of waiting at most. */
const FAILED_ENTRY_BACKOFF: Backoff = { attempts: 4, baseMs: 100, maxMs: 800 };

export class SqsTaskQueue implements TaskQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly config: Config,
    private readonly client: SQSClient = new SQSClient({}),
  ) {}

  async send(messages: QueueMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += BATCH) await this.sendBatch(messages.slice(i, i + BATCH));
  }

  private async sendBatch(batch: QueueMessage[]): Promise<void> {
    const entries = batch.map((m, i) => ({
      Id: String(i),
      MessageBody: JSON.stringify(m),
      MessageGroupId: this.groupOf(m),
      MessageDeduplicationId: dedupId(m),
    }));
    let failed: BatchResultErrorEntry[] = [];
    await retryLeftovers(
      entries,
      async (pending) => {
        const res = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        failed = res.Failed ?? [];
        // The sender's fault (a malformed entry) fails the same way every time: no retry.
        const fatal = failed.find((f) => f.SenderFault);
        if (fatal) throw refused(failed, fatal);
        const retry = new Set(failed.map((f) => f.Id));
        return pending.filter((e) => retry.has(e.Id));
      },
      { ...FAILED_ENTRY_BACKOFF, giveUp: () => refused(failed, failed[0]!) },
    );
  }

  private groupOf(m: QueueMessage): string {
    if (m.kind === 'check') return new URL(m.url).host;
    const portal = this.config.portals.find((p) => p.id === m.portalId);
    if (!portal) throw new Error(`no portal ${m.portalId} in the config`);
    return new URL(portal.homepage).host;
  }
}

function refused(failed: BatchResultErrorEntry[], shown: BatchResultErrorEntry): Error {
  return new Error(`SQS refused ${failed.length} message(s): ${shown.Code} ${shown.Message ?? ''}`.trim());
}

/** SQS allows 128 characters of a fixed set; scan ids, portal and column ids stay within it. */
function dedupId(m: QueueMessage): string {
  const raw = m.kind === 'check' ? `check:${m.checkId}` : `${m.portalId}:${m.scanId}:${taskName(m)}`;
  return raw.replace(/[^A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '_').slice(0, 128);
}
