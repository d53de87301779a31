import * as z from 'zod';
import { isoDate } from './fields.ts';

// The wording lexicons (严重表述错误 / 错别字): the built-in data files (functions/config/lexicons/)
// and a portal's own extension in the config share one entry shape, checked with zod when they
// load, so a malformed entry fails at start-up and never silently stops matching.

// Entries end up in finding subjects and the JSON: a short id that says what the entry is.
const entryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'must be lowercase letters, digits and dashes, e.g. "typo-jiegan"' });
const name = z.string().trim().min(2).max(8);

export const lexiconEntrySchema = z.strictObject({
  id: entryId,
  /** The wrong text as it appears on a page. */
  text: z.string().trim().min(2).max(40),
  /** What it should say. */
  correct: z.string().trim().min(1).max(40),
  /** Where the entry comes from: a notice, a dictionary, the bureau's own review. */
  source: z.string().trim().min(1).max(500),
  /** When the entry was added or last checked. */
  date: isoDate,
  /** Longer words or names in which the text is legitimate: a page containing one around the match is not reported. */
  exceptions: z.array(z.string().trim().min(1).max(60)).optional(),
});
export type LexiconEntry = z.infer<typeof lexiconEntrySchema>;

/** A lexicon data file: one kind, its entries. */
export const lexiconFileSchema = z.strictObject({
  kind: z.enum(['serious', 'typo']),
  entries: z.array(lexiconEntrySchema),
});

export const leaderSchema = z.strictObject({
  /** The name as it must be written, e.g. 杜家毫. */
  name,
  /** The title it stands next to on pages, e.g. 局长 or 省委书记. */
  title: z.string().trim().min(1).max(20),
});
export type Leader = z.infer<typeof leaderSchema>;

export const fallenOfficialSchema = z.strictObject({
  name,
  /** The post held before the fall, e.g. 副局长: a later page naming the person with it presents them as in office. */
  formerPost: z.string().trim().min(1).max(20),
  /** The day the investigation was announced (or the post was lost): pages published before it are history. */
  date: isoDate,
  /** Where this is from, e.g. the 纪委监委 notice. */
  source: z.string().trim().min(1).max(500).optional(),
});
export type FallenOfficial = z.infer<typeof fallenOfficialSchema>;

/** The config's `lexicons` block: the portal's leaders, 落马官员, extra entries and extra exceptions. */
export const lexiconsSchema = z.strictObject({
  leaders: z.array(leaderSchema).optional(),
  fallenOfficials: z.array(fallenOfficialSchema).optional(),
  serious: z.array(lexiconEntrySchema).optional(),
  typos: z.array(lexiconEntrySchema).optional(),
  /** Exceptions added to built-in entries by id: how a false positive on this portal is silenced. */
  exceptions: z
    .array(z.strictObject({ id: entryId, contexts: z.array(z.string().trim().min(1).max(60)).min(1) }))
    .optional(),
});
export type LexiconsConfig = z.infer<typeof lexiconsSchema>;
