import * as z from 'zod';
import { alertsSchema } from './alerts-schema.ts';
import { lexiconsSchema } from './lexicon-schema.ts';
import { scoreSchema } from './score-schema.ts';
import { portalIdSchema } from '../common/portal-id.ts';
import { RULE_IDS } from '../common/rule-ids.ts';
import { httpUrl, isoDate, shortName } from './fields.ts';

// The portal config contract (docs/config.md). Every object is strict: an unknown field is an
// error, because a typo (e.g. "maxAgeDay") must never silently switch a rule back to its default.

export const COLUMN_KINDS = [
  'news',
  'notice',
  'policy',
  'personnel',
  'planning',
  'static',
  'interpretation',
  'annual-report',
  // 办事指南: one guide per page, each checked for its elements (guide-missing-elements); never stale.
  'service-guide',
  'interaction',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/**
 * What an `interaction` column is: 咨询/留言 (consultation), 领导信箱 (mailbox) count as the
 * portal's consultation channel; 网上信访 (petition), 纪检举报 (discipline), 在线访谈 (interview)
 * and 调查征集 (survey) do not, and their messages are not held to the 3-month reply.
 */
export const INTERACTION_CHANNELS = [
  'consultation',
  'mailbox',
  'petition',
  'discipline',
  'interview',
  'survey',
] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

/** Portals, a portal's columns, departments, recipients: a few hundred at most in any real file. */
export const MAX_LIST_LENGTH = 1000;

// Columns follow the portals' id rule: both end up in keys and paths.
const id = portalIdSchema;

const email = z.string().max(254).email({ message: 'must be an email address' });
const positiveInt = z.number().int().positive();

/** Rule thresholds (the defaults of docs/rules.md apply to anything left out). */
export const thresholdsSchema = z.strictObject({
  homepageMaxAgeDays: positiveInt.optional(),
  homepageWarningDays: positiveInt.optional(),
  latePublicationWorkingDays: positiveInt.optional(),
  emptyPageMinChars: positiveInt.optional(),
  emptyColumnVeto: positiveInt.optional(),
  emptyColumnWarning: positiveInt.optional(),
  staleColumnVeto: positiveInt.optional(),
  staleColumnWarning: positiveInt.optional(),
  /** 应更新而长期未更新的栏目 (every kind that can go stale): the warning and veto lines. */
  staleColumnLongWarning: positiveInt.optional(),
  staleColumnLongVeto: positiveInt.optional(),
  unreachableVetoPercent: z.number().positive().max(100).optional(),
  unreachableWarningPercent: z.number().positive().max(100).optional(),
  backdatedWorkingDays: positiveInt.optional(),
  interpretationWorkingDays: positiveInt.optional(),
  /** Max age per column kind, in days; `static` is never stale. */
  maxAgeDays: z
    .strictObject(
      Object.fromEntries(COLUMN_KINDS.map((k) => [k, positiveInt.optional()])) as Record<
        ColumnKind,
        z.ZodOptional<typeof positiveInt>
      >,
    )
    .optional(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const columnSchema = z.strictObject({
  id,
  name: shortName,
  url: httpUrl,
  kind: z.enum(COLUMN_KINDS, { message: `must be one of ${COLUMN_KINDS.join(', ')}` }),
  department: shortName.optional(),
  /** Overrides the kind's stale-column threshold for this column. */
  maxAgeDays: positiveInt.optional(),
  /** Rule ids switched off for this column, e.g. a column that is an archive. */
  disabledRules: z.array(z.string().max(64)).max(RULE_IDS.length).optional(),
  /** Which channel an `interaction` column is (default consultation); other kinds ignore it. */
  channel: z.enum(INTERACTION_CHANNELS, { message: `must be one of ${INTERACTION_CHANNELS.join(', ')}` }).optional(),
});
export type ColumnConfig = z.infer<typeof columnSchema>;

export const crawlSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(16).optional(),
  minIntervalMs: z.number().int().min(0).max(60_000).optional(),
  robots: z.boolean().optional(),
  refreshDays: positiveInt.optional(),
  /** A known detail page is asked again (conditionally) once every this many days, on a rolling schedule. */
  revalidateDays: positiveInt.optional(),
  userAgent: z.string().min(1).max(300).optional(),
  timeoutMs: z.number().int().min(1000).max(120_000).optional(),
  maxListPages: z.number().int().min(1).max(1000).optional(),
  /** Check every link on the monitored pages (default true). */
  checkLinks: z.boolean().optional(),
});
export type CrawlSettings = z.infer<typeof crawlSchema>;

export const portalSchema = z.strictObject({
  id,
  name: shortName,
  homepage: httpUrl,
  columns: z
    .array(columnSchema)
    .min(1, { message: 'a portal needs at least one column to watch' })
    .max(MAX_LIST_LENGTH),
  expectedColumns: z.array(shortName).max(MAX_LIST_LENGTH).optional(),
  departments: z
    .array(z.strictObject({ name: shortName, officer: shortName.optional(), email: email.optional() }))
    .max(MAX_LIST_LENGTH)
    .optional(),
  recipients: z
    .array(
      z.strictObject({
        name: shortName,
        email,
        // leader: the whole digest and every alert; webmaster (信息中心): the whole digest and every
        // alert too, site-wide outages above all; department: its own department first.
        role: z.enum(['leader', 'webmaster', 'department']),
        department: shortName.optional(),
      }),
    )
    .max(MAX_LIST_LENGTH)
    .optional(),
  obsoleteNames: z
    .array(z.strictObject({ old: shortName, new: shortName, since: isoDate }))
    .max(MAX_LIST_LENGTH)
    .optional(),
  crawl: crawlSchema.optional(),
  thresholds: thresholdsSchema.optional(),
  /** Pages probed for availability besides the homepage (recorded, outside the inspection's share). */
  probeUrls: z.array(httpUrl).max(10, { message: 'probe at most 10 pages besides the homepage' }).optional(),
  /** 整改 deadlines in working days: per severity (veto 1, major 5, minor 10 by default) and per rule. */
  deadlines: z
    .strictObject({
      veto: positiveInt.optional(),
      major: positiveInt.optional(),
      minor: positiveInt.optional(),
      rules: z
        .partialRecord(z.enum(RULE_IDS, { message: `must be a rule id: ${RULE_IDS.join(', ')}` }), positiveInt)
        .optional(),
    })
    .optional(),
  /** Same-day alerts: channels, quiet hours (docs/alerts.md). */
  alerts: alertsSchema.optional(),
  /** Per-portal weights of the inspection score estimate (docs/score.md). */
  score: scoreSchema.optional(),
  /** The portal's wording lexicons: leaders, 落马官员, extra entries and exceptions (docs/rules.md, wording-error). */
  lexicons: lexiconsSchema.optional(),
});
export type PortalConfig = z.infer<typeof portalSchema>;

export const configSchema = z.strictObject({
  portals: z.array(portalSchema).min(1, { message: 'list at least one portal' }).max(MAX_LIST_LENGTH),
});
export type Config = z.infer<typeof configSchema>;
