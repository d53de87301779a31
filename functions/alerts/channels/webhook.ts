import { alertId } from '../alert.ts';
import type { AlertChannel } from './channel.ts';
import { failure } from './failure.ts';
import { httpRefusal, postJson, type HttpOptions } from './http.ts';

// A plain JSON POST of the Alert itself, for an office's own system (a ticket queue, an OA
// integration). Any 2xx is accepted. The Idempotency-Key lets a receiver drop a duplicate if the
// caller ever sends an unconfirmed alert again.

export interface WebhookTarget {
  /** The receiver's URL (resolved from its secret reference: it may carry a token). */
  url: string;
}

export function webhookChannel(opts: HttpOptions = {}): AlertChannel<WebhookTarget> {
  return {
    async send(alert, target) {
      const what = 'webhook';
      try {
        const reply = await postJson(target.url, alert, { ...opts, headers: { 'idempotency-key': alertId(alert) } });
        if (reply.status >= 200 && reply.status < 300) return { ok: true };
        return httpRefusal(what, reply, [target.url]);
      } catch (e) {
        return failure(what, e, [target.url]);
      }
    },
  };
}
