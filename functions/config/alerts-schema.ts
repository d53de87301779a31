import * as z from 'zod';

// A portal's `alerts` block: where same-day alerts go and when they may not. Strict like the rest
// of the config. Anything that grants access to a channel (a robot's URL with its key, DingTalk's
// signing secret (加签密钥), an SMTP password) is a reference to an environment variable or an SSM
// SecureString, never the text itself: config files end up in bundles, repositories and tickets.

export const ALERT_LEVELS = ['warning', 'veto'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const CHANNEL_TYPES = ['ses', 'smtp', 'wecom', 'dingtalk', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** "HH:MM-HH:MM", Asia/Shanghai; the end may be earlier than the start (the range wraps midnight). */
export const QUIET_RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

const REF_HINT = 'must be a secret reference, { "env": "NAME" } or { "ssm": "/path/name" }, never the secret itself';

export const secretRefSchema = z.union(
  [
    z.strictObject({
      env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be an environment variable name, e.g. "DW_WECOM_URL"' }),
    }),
    z.strictObject({
      ssm: z.string().regex(/^\/[A-Za-z0-9_.\-/]+$/, {
        message: 'must be an SSM parameter path starting with "/", e.g. "/disclosure-watch/wecom-url"',
      }),
    }),
  ],
  { message: REF_HINT },
);
export type SecretRef = z.infer<typeof secretRefSchema>;

/** A URL that carries its own credential (a robot's key=, access_token=): by reference only. */
const secretUrl = z.union(secretRefSchema.options, {
  message: `${REF_HINT}: a robot or webhook URL carries its key, so it is read from the environment or SSM`,
});

const email = z.string().email({ message: 'must be an email address' });

const levels = z
  .array(z.enum(ALERT_LEVELS, { message: `must be one of ${ALERT_LEVELS.join(', ')}` }))
  .min(1, { message: 'list at least one level, or leave "levels" out to receive every level' })
  .optional();

/**
 * Who receives an email channel's alerts: "portal" (the default) means the portal's leaders and the
 * recipients of the department that must act; a list names the addresses instead.
 */
const recipients = z
  .union([z.literal('portal'), z.array(email).min(1)], { message: 'must be "portal" or a list of email addresses' })
  .optional();

const sesChannel = z.strictObject({
  type: z.literal('ses'),
  /** The sender, a verified SES identity; the deploy's sender address when left out. */
  from: email.optional(),
  recipients,
  levels,
});

const smtpChannel = z
  .strictObject({
    type: z.literal('smtp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().optional(),
    user: z.string().min(1).optional(),
    password: z
      .union(secretRefSchema.options, { message: `${REF_HINT}: the SMTP password is read from the environment or SSM` })
      .optional(),
    from: email,
    recipients,
    levels,
  })
  .refine((c) => (c.user === undefined) === (c.password === undefined), {
    message: 'give "user" and "password" together (or neither, for a relay that needs no login)',
    path: ['password'],
  });

const wecomChannel = z.strictObject({ type: z.literal('wecom'), url: secretUrl, levels });

const dingtalkChannel = z.strictObject({
  type: z.literal('dingtalk'),
  url: secretUrl,
  /** The robot's 加签 secret ("SEC…"); when given, every message is signed. */
  secret: z
    .union(secretRefSchema.options, { message: `${REF_HINT}: the 加签 secret is read from the environment or SSM` })
    .optional(),
  levels,
});

const webhookChannel = z.strictObject({ type: z.literal('webhook'), url: secretUrl, levels });

export const alertChannelSchema = z.discriminatedUnion(
  'type',
  [sesChannel, smtpChannel, wecomChannel, dingtalkChannel, webhookChannel],
  {
    message: `"type" must be one of ${CHANNEL_TYPES.join(', ')}`,
  },
);
export type AlertChannelConfig = z.infer<typeof alertChannelSchema>;

const quietRange = z
  .string()
  .regex(QUIET_RANGE, {
    message: 'must be a range "HH:MM-HH:MM" (Asia/Shanghai), e.g. "22:00-07:00", or null for none',
  })
  .refine((r) => r.slice(0, 5) !== r.slice(6), {
    message: 'start and end are the same time; use null for no quiet hours',
  })
  .nullable();

/** Per level, when alerts wait (held until the range ends); a level left out keeps its default. */
export const quietHoursSchema = z.strictObject({ warning: quietRange.optional(), veto: quietRange.optional() });
export type QuietHoursConfig = z.infer<typeof quietHoursSchema>;

export const alertsSchema = z.strictObject({
  channels: z.array(alertChannelSchema).min(1, { message: 'list at least one channel, or leave "alerts" out' }),
  quietHours: quietHoursSchema.optional(),
});
export type AlertsConfig = z.infer<typeof alertsSchema>;
