import { addDays, daysBetween } from '../../functions/calendar/dates.ts';
import { chineseWorkingCalendar } from '../../functions/calendar/working-days.ts';
import type { DemoItem } from './model.ts';
import { bodyText, topicBody, type Topic } from './phrases.ts';
import { seeded } from './random.ts';

let serial = 1000;

/** A slug in the TRS convention, unique across the demo: t20171205_1234. */
export const slug = (date: string) => `t${date.replace(/-/g, '')}_${serial++}`;

/**
 * `count` ordinary, compliant items spread from `from` to `to` (newest first, as lists show
 * them): dated in the list and on the page, formed a few working days before publication.
 */
export function series(opts: {
  count: number;
  from: string;
  to: string;
  titles: readonly string[];
  seed: number;
  meta?: boolean;
  docPrefix?: string;
  /** Bodies on the column's subject instead of the general-purpose ones. */
  topic?: Topic;
  /** Bodies given item by item (oldest first, like `titles`). */
  bodies?: readonly string[];
}): DemoItem[] {
  const r = seeded(opts.seed);
  const span = daysBetween(opts.from, opts.to);
  const items: DemoItem[] = [];
  for (let i = 0; i < opts.count; i++) {
    const date = opts.count === 1 ? opts.to : addDays(opts.from, Math.round((span * i) / (opts.count - 1)));
    const title = opts.titles[i % opts.titles.length]!.replace('{n}', String(i + 1)).replace(
      '{m}',
      String(Number(date.slice(5, 7))),
    );
    const meta = opts.meta ?? true;
    items.push({
      slug: slug(date),
      title,
      listDate: date,
      published: date,
      generated: meta ? chineseWorkingCalendar.addWorkingDays(date, -r.int(1, 5)) : undefined,
      docNo: meta && opts.docPrefix ? `${opts.docPrefix}〔2017〕${i + 1}号` : undefined,
      meta,
      body:
        opts.bodies?.[i] ?? (opts.topic ? topicBody(opts.topic, opts.seed * 1000 + i) : bodyText(opts.seed * 1000 + i)),
    });
  }
  return items.reverse();
}

/** One hand-made item: for the seeded problems and their near-misses. */
export function item(
  fields: Omit<DemoItem, 'slug' | 'body' | 'meta'> & { body?: string; meta?: boolean; seed?: number },
): DemoItem {
  const { seed, ...rest } = fields;
  const date = fields.listDate ?? fields.published ?? '2017-06-01';
  return { slug: slug(date), meta: true, body: bodyText(seed ?? 7), ...rest };
}

/** `n` working days after `date` on the Chinese calendar (调休 included). */
export const workingDaysAfter = (date: string, n: number) => chineseWorkingCalendar.addWorkingDays(date, n);

/** Changes item `index` of a generated series: a seeded problem inside an otherwise ordinary column. */
export function amend(items: DemoItem[], index: number, fields: Partial<DemoItem>): DemoItem[] {
  const target = items[index];
  if (!target) throw new Error(`no item ${index} to amend`);
  items[index] = { ...target, ...fields };
  return items;
}
