import * as z from 'zod';
import table from '../score/deductions.json' with { type: 'json' };

// The portal's own weights for the inspection score estimate (docs/score.md): a bureau whose
// province publishes its own deduction values puts them here. Only the ids of the deduction table
// are accepted, so a misspelt id is an error instead of an override that silently does nothing.

const LINE_IDS: readonly string[] = table.lines.map((l) => l.id);

const points = z.number().min(0, { message: 'must be 0 or more' }).max(100, { message: 'must be at most 100' });

const lineOverride = z.strictObject({
  /** Deducted per finding the line counts. */
  points: points.optional(),
  /** The most the line deducts in all. */
  maxPoints: points.optional(),
});

export const scoreSchema = z.strictObject({
  deductions: z
    .record(z.string(), lineOverride)
    .superRefine((deductions, ctx) => {
      for (const id of Object.keys(deductions)) {
        if (LINE_IDS.includes(id)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [id],
          message: `"${id}" is not a deduction line id (the ids of docs/score.md are ${LINE_IDS.join(', ')})`,
        });
      }
    })
    .optional(),
});
export type ScoreSettings = z.infer<typeof scoreSchema>;
