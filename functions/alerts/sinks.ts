import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertChannelConfig, AlertsConfig } from '../config/alerts-schema.ts';
import type { PortalConfig } from '../config/schema.ts';
import { mimeMessage } from '../digest/mime.ts';
import { ALERT_SENDER_NAME, alertId } from './alert.ts';
import { dingtalkPayload } from './channels/dingtalk.ts';
import { wecomPayload } from './channels/wecom.ts';
import { channelTakes, deliverAlert, emailRecipients, type Delivery, type DeliveryDeps } from './deliver.ts';
import type { AlertSink, SinkResult } from './dispatch.ts';
import { renderEmail } from './render.ts';
import { formatShanghai } from './shanghai-clock.ts';

// The two places an announced alert can go: the portal's channels (SES, SMTP, the group robots,
// a webhook), or files for a dry run (`disclosure-watch alerts` without --send, the demo).
// Both name targets alike, `<type>#<channel index>[:<address>]`, so a retry reaches only the
// targets that failed.

const targetOf = (d: Pick<Delivery, 'type' | 'channel' | 'to'>) => `${d.type}#${d.channel}${d.to ? `:${d.to}` : ''}`;

/** Sends through the portal's `alerts.channels`. A portal without an `alerts` block has nowhere to send. */
export function channelSink(portal: PortalConfig, deps: DeliveryDeps = {}): AlertSink {
  return {
    async deliver(alert, only) {
      const config = portal.alerts;
      if (!config) return { delivered: [], failed: [], unconfirmed: [] };
      const { reduced, indexOf } = only ? onlyTargets(config, only) : { reduced: config, indexOf: (i: number) => i };
      const deliveries = await deliverAlert(alert, reduced, portal.recipients ?? [], deps);
      const result: SinkResult = { delivered: [], failed: [], unconfirmed: [] };
      for (const d of deliveries) {
        const target = targetOf({ ...d, channel: indexOf(d.channel) });
        if (d.result.ok) result.delivered.push(target);
        else if (d.result.unconfirmed) result.unconfirmed.push(target);
        else result.failed.push({ target, error: d.result.error ?? 'failed' });
      }
      return result;
    },
  };
}

/** The channels (and, for email, the addresses) named by `only`, keeping their original indexes. */
function onlyTargets(config: AlertsConfig, only: ReadonlySet<string>) {
  const kept: { channel: AlertChannelConfig; index: number }[] = [];
  config.channels.forEach((channel, index) => {
    const prefix = `${channel.type}#${index}`;
    const mine = [...only].filter((t) => t === prefix || t.startsWith(`${prefix}:`));
    if (mine.length === 0) return;
    const addresses = mine.map((t) => t.slice(prefix.length + 1)).filter(Boolean);
    const isEmail = channel.type === 'ses' || channel.type === 'smtp';
    kept.push({ channel: isEmail && addresses.length > 0 ? { ...channel, recipients: addresses } : channel, index });
  });
  return { reduced: { ...config, channels: kept.map((k) => k.channel) }, indexOf: (i: number) => kept[i]!.index };
}

/**
 * Writes what would be sent under `dir/<portal>/`: one .eml per email recipient and the exact JSON
 * body per robot or webhook, named by the alert's id. Secrets are never needed, so none is read.
 */
export function fileSink(
  portal: PortalConfig,
  dir: string,
  opts: { from?: string } = {},
): AlertSink & { files: string[] } {
  const files: string[] = [];
  return {
    files,
    async deliver(alert, only) {
      const out = join(dir, portal.id);
      mkdirSync(out, { recursive: true });
      // Named by Beijing wall-clock time, as the people opening the folder read it.
      const base = `${formatShanghai(alert.at).replace(/[- :]/g, '')}-${alert.kind}-${alertId(alert).slice(0, 8)}`;
      const channels = portal.alerts?.channels ?? [{ type: 'ses' as const }];
      const names = new Map((portal.recipients ?? []).map((r) => [r.email, r.name]));
      const result: SinkResult = { delivered: [], failed: [], unconfirmed: [] };
      const write = (target: string, name: string, body: string) => {
        if (only && !only.has(target)) return;
        const file = join(out, name);
        writeFileSync(file, body);
        files.push(file);
        result.delivered.push(target);
      };
      channels.forEach((channel, index) => {
        if (!channelTakes(channel, alert)) return;
        if (channel.type === 'ses' || channel.type === 'smtp') {
          const mail = renderEmail(alert);
          const from = ('from' in channel && channel.from) || opts.from || 'disclosure-watch@localhost';
          const recipients = emailRecipients(alert, channel.recipients, portal.recipients ?? []);
          for (const to of recipients) {
            const eml = mimeMessage({
              from: { name: ALERT_SENDER_NAME, email: from },
              to: { name: names.get(to) ?? to, email: to },
              ...mail,
              date: new Date(alert.at),
              messageId: `${alertId(alert)}@disclosure-watch`,
            });
            write(targetOf({ type: channel.type, channel: index, to }), `${base}-${to}.eml`, eml);
          }
          return;
        }
        const payload =
          channel.type === 'wecom' ? wecomPayload(alert) : channel.type === 'dingtalk' ? dingtalkPayload(alert) : alert;
        write(
          targetOf({ type: channel.type, channel: index }),
          `${base}-${channel.type}-${index}.json`,
          `${JSON.stringify(payload, null, 2)}\n`,
        );
      });
      return result;
    },
  };
}
