import type { ColumnConfig, InteractionChannel } from '../config/schema.ts';
import type { MessageFacts } from '../model/message.ts';
import type { ColumnSnapshot, ItemSnapshot, PortalSnapshot } from '../model/snapshot.ts';

// What the two 互动回应 rules share: which interaction columns are consultation channels, and a
// message's facts from its list row and its page together.

/** 咨询留言 and 领导信箱 are where citizens ask and the bureau must answer; 信访, 举报, 访谈 and 征集 run by their own rules. */
const COUNTING: ReadonlySet<InteractionChannel> = new Set(['consultation', 'mailbox']);

export const channelOf = (column: ColumnConfig): InteractionChannel => column.channel ?? 'consultation';

/** The portal's configured interaction columns that count as its consultation channel. */
export const consultationColumns = (snapshot: PortalSnapshot): ColumnSnapshot[] =>
  snapshot.columns.filter((c) => c.column.kind === 'interaction' && COUNTING.has(channelOf(c.column)));

/** Whether a channel name is one of the consultation channels. */
export const isConsultation = (channel: InteractionChannel) => COUNTING.has(channel);

/**
 * A message as the list and its page show it together: the list's values first (its page was not
 * fetched when the row said enough), the page's where the row is silent. `pageRead`: its page was
 * read, so a page without any reply means no reply.
 */
export function messageOf(snapshot: PortalSnapshot, item: ItemSnapshot): (MessageFacts & { pageRead: boolean }) | null {
  const page = snapshot.pages.get(item.url);
  const pageRead = !!page?.fetch.ok && !page.notFound && !!page.message;
  const l = item.message;
  const p = pageRead ? page!.message : undefined;
  if (!l && !p) return null;
  const replied = l?.replied ?? p?.replied ?? null;
  return {
    posted: l?.posted ?? p?.posted ?? item.date,
    replied,
    status: replied ? 'answered' : (l?.status ?? p?.status ?? null),
    replyUnit: l?.replyUnit ?? p?.replyUnit ?? null,
    pageRead,
  };
}

/** The date `months` calendar months after `date`, on the month's last day when it has no such day (11-30 + 3 → 02-28). */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
