import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

// SQS has no local engine here: ElasticMQ is not on npm or Debian, and sqslite speaks only the
// Query protocol that SDK v3 dropped. So the real SDK sends to this server, which records the
// SendMessageBatch calls exactly as they went over the wire (AWS JSON 1.0) and answers them the
// way SQS documents; the tests then deliver what was sent to crawl-column as Lambda's SQS event
// source would, FIFO attributes included. It stores nothing else and implements nothing else.

export interface SentMessage {
  body: string;
  groupId?: string;
  deduplicationId?: string;
  messageId: string;
}

export interface SqsWire {
  url: string;
  queueUrl: string;
  sent: SentMessage[];
  /** The x-amz-target of every call, in order. */
  calls: string[];
  close(): Promise<void>;
}

export async function startSqsWire(): Promise<SqsWire> {
  const sent: SentMessage[] = [];
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      calls.push(target);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (target !== 'AmazonSQS.SendMessageBatch') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.sqs#UnsupportedOperation',
            message: `${target} is not recorded here`,
          }),
        );
        return;
      }
      const successful = (
        body.Entries as { Id: string; MessageBody: string; MessageGroupId?: string; MessageDeduplicationId?: string }[]
      ).map((e) => {
        const messageId = randomUUID();
        sent.push({
          body: e.MessageBody,
          groupId: e.MessageGroupId,
          deduplicationId: e.MessageDeduplicationId,
          messageId,
        });
        return {
          Id: e.Id,
          MessageId: messageId,
          MD5OfMessageBody: createHash('md5').update(e.MessageBody).digest('hex'),
        };
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ Successful: successful, Failed: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queueUrl: `${url}/000000000000/disclosure-watch-crawl.fifo`,
    sent,
    calls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** An SQS event as Lambda's event source mapping delivers it from a FIFO queue. */
export function sqsEvent(messages: SentMessage[], receiveCount = 1): SQSEvent {
  return {
    Records: messages.map((m, i): SQSRecord => ({
      messageId: m.messageId,
      receiptHandle: `rh-${m.messageId}-${receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: String(Date.now()),
        SenderId: 'AROAEXAMPLE:plan-scan',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
        SequenceNumber: String(18_000_000_000_000_000_000n + BigInt(i)),
        MessageGroupId: m.groupId,
        MessageDeduplicationId: m.deduplicationId,
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:cn-north-1:000000000000:disclosure-watch-crawl.fifo',
      awsRegion: 'cn-north-1',
    })),
  };
}
