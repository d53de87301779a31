import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AlertChannelConfig, AlertsConfig, ChannelType } from '../config/alerts-schema.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { Alert } from './alert.ts';
import type { SendResult } from './channels/channel.ts';
import { dingtalkChannel } from './channels/dingtalk.ts';
import { failure } from './channels/failure.ts';
import type { HttpOptions } from './channels/http.ts';
import { alertSesClient, sesChannel } from './channels/ses.ts';
import { smtpChannel } from './channels/smtp.ts';
import { webhookChannel } from './channels/webhook.ts';
import { wecomChannel } from './channels/wecom.ts';
import { resolveSecret as processResolver, SecretError, type SecretResolver } from './secrets.ts';

// One alert to every channel of a portal's `alerts` block that takes its level: secrets resolved
// at the last moment, email fanned out one message per recipient. Deciding whether the alert is
// due, and holding it through quiet hours, happen before this; recording what went out, after.

export type PortalRecipient = NonNullable<PortalConfig['recipients']>[number];

export interface Delivery {
  /** The channel's position in `alerts.channels`. */
  channel: number;
  type: ChannelType;
  /** The address, for email channels. */
  to?: string;
  result: SendResult;
}

export interface DeliveryDeps {
  resolveSecret?: SecretResolver;
  /** An SES client with maxAttempts 1; one is made when an SES channel needs it. */
  ses?: SESv2Client;
  /** The deploy's sender identity, for SES channels that name no `from`. */
  sesFrom?: string;
  http?: HttpOptions;
  smtpTimeoutMs?: number;
  now?: () => Date;
}

/** A channel without `levels` takes every level. */
export const channelTakes = (channel: AlertChannelConfig, alert: Pick<Alert, 'level'>) =>
  !channel.levels || channel.levels.includes(alert.level);

/**
 * The addresses an email channel writes to. "portal" (the default) is the portal's leaders and
 * the recipients of the department that must act: a 科长 hears of their own column's leak, not of
 * every other department's.
 */
export function emailRecipients(
  alert: Pick<Alert, 'owner'>,
  setting: 'portal' | string[] | undefined,
  portal: readonly PortalRecipient[],
): string[] {
  if (Array.isArray(setting)) return [...new Set(setting)];
  const chosen = portal.filter(
    (r) =>
      r.role === 'leader' ||
      r.role === 'webmaster' ||
      (r.role === 'department' && r.department === alert.owner.department),
  );
  return [...new Set(chosen.map((r) => r.email))];
}

/** Sends to every channel that takes the alert's level; never throws, one Delivery per message. */
export async function deliverAlert(
  alert: Alert,
  config: AlertsConfig,
  portalRecipients: readonly PortalRecipient[],
  deps: DeliveryDeps = {},
): Promise<Delivery[]> {
  let ses = deps.ses;
  const context: ChannelContext = {
    ...deps,
    resolve: deps.resolveSecret ?? processResolver,
    ses: () => (ses ??= alertSesClient()),
    portalRecipients,
  };
  const batches = await Promise.all(
    config.channels.map((channel, index) =>
      channelTakes(channel, alert) ? deliverTo(alert, channel, index, context) : [],
    ),
  );
  return batches.flat();
}

interface ChannelContext extends Omit<DeliveryDeps, 'ses'> {
  resolve: SecretResolver;
  ses: () => SESv2Client;
  portalRecipients: readonly PortalRecipient[];
}

async function deliverTo(
  alert: Alert,
  channel: AlertChannelConfig,
  index: number,
  ctx: ChannelContext,
): Promise<Delivery[]> {
  const one = (result: SendResult): Delivery[] => [{ channel: index, type: channel.type, result }];
  const each = async (send: (to: string) => Promise<SendResult>, setting: 'portal' | string[] | undefined) => {
    const addresses = emailRecipients(alert, setting, ctx.portalRecipients);
    if (addresses.length === 0)
      return one({
        ok: false,
        error: `${channel.type}: no recipient (the portal lists no leader and no recipient of ${alert.owner.department})`,
      });
    const out: Delivery[] = [];
    for (const to of addresses) out.push({ channel: index, type: channel.type, to, result: await send(to) });
    return out;
  };
  try {
    switch (channel.type) {
      case 'ses': {
        const from = channel.from ?? ctx.sesFrom;
        if (!from)
          return one({ ok: false, error: 'ses: the channel names no "from" and the deploy has no sender address' });
        const ses = sesChannel(ctx.ses());
        return await each((to) => ses.send(alert, { from, to }), channel.recipients);
      }
      case 'smtp': {
        const password = channel.password ? await ctx.resolve(channel.password) : undefined;
        const smtp = smtpChannel({ timeoutMs: ctx.smtpTimeoutMs });
        const { host, port, secure, user, from } = channel;
        return await each(
          (to) => smtp.send(alert, { host, port, secure, user, password, from, to }),
          channel.recipients,
        );
      }
      case 'wecom':
        return one(await wecomChannel(ctx.http).send(alert, { url: await ctx.resolve(channel.url) }));
      case 'dingtalk': {
        const [url, secret] = await Promise.all([
          ctx.resolve(channel.url),
          channel.secret ? ctx.resolve(channel.secret) : undefined,
        ]);
        return one(await dingtalkChannel({ ...ctx.http, now: ctx.now }).send(alert, { url, secret }));
      }
      case 'webhook':
        return one(await webhookChannel(ctx.http).send(alert, { url: await ctx.resolve(channel.url) }));
    }
  } catch (e) {
    // A secret that cannot be read says which reference; anything else is scrubbed like a refusal.
    return one(
      e instanceof SecretError ? { ok: false, error: `${channel.type}: ${e.message}` } : failure(channel.type, e, []),
    );
  }
}
