import type { Alert } from '../alert.ts';

// What every channel promises: one attempt, an answer instead of an exception. A refusal by the
// remote side (a bounced address, a robot's errcode, a timeout) is `ok: false` with a message
// that is safe to log; retrying is the caller's decision, made from `unconfirmed`.

export interface SendResult {
  ok: boolean;
  /** The receiver's id for the message (SES MessageId, SMTP Message-ID), when it gives one. */
  id?: string;
  /** Why it failed, with every secret redacted. */
  error?: string;
  /**
   * The request left and no answer came back (a timeout or a dropped connection after sending):
   * the message may have been delivered. Sending again risks a duplicate to the 局长.
   */
  unconfirmed?: boolean;
}

export interface AlertChannel<Target> {
  send(alert: Alert, target: Target): Promise<SendResult>;
}
