import type { ColumnConfig, PortalConfig } from '../config/schema.ts';
import { extractMessagePage } from '../extract/message-page.ts';
import { maskMobile, maskPersonalData } from '../extract/personal-data.ts';
import type { ItemSnapshot } from '../model/snapshot.ts';
import type { PageRecord } from '../store/records.ts';

// What the store keeps of a citizen's message: its title (masked), dates, status and answering
// unit. Messages are written by citizens, who put their names and numbers everywhere, the title
// included; so an interaction column's texts are masked harder than a disclosure's, and its
// pages keep no personal-data evidence at all (a message page is the citizen's, not a leak the
// bureau published in a document).

export const isInteraction = (column: ColumnConfig | undefined) => column?.kind === 'interaction';

/** The column a page belongs to, by its id. */
export const columnOf = (portal: PortalConfig, columnId: string) => portal.columns.find((c) => c.id === columnId);

// A mobile number anywhere: a citizen's title needs no name beside it to be personal.
const ANY_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** A message title as it may be stored: every personal number masked, with or without a name beside it. */
export const maskMessageText = (text: string) => maskPersonalData(text).replace(ANY_MOBILE, maskMobile);

/** A message page's record: its facts added; its title masked hard; nothing personal kept. */
export function messagePageRecord(record: PageRecord, html: string, asOf: string): PageRecord {
  const { textSignals, ...rest } = record;
  const { personal: _personal, ...signals } = textSignals ?? {};
  return {
    ...rest,
    ...(Object.keys(signals).length ? { textSignals: signals } : {}),
    title: record.title === null ? null : maskMessageText(record.title),
    // A message page's 来源/发布机构 line, if any, may name the asker: the reply unit stands for it.
    publisher: null,
    message: extractMessagePage(html, { referenceDate: asOf }),
  };
}

/**
 * Whether a listed message needs its page: when the list does not say when it was posted, or
 * shows neither a reply date nor that it is still waiting (a bare 已回复 needs the page for the
 * reply's date). A stored page still without a reply is asked again every scan until it has one.
 */
export function needsMessagePage(item: ItemSnapshot, known: PageRecord | undefined): boolean {
  const m = item.message;
  if (!m || !m.posted) return true;
  if (m.replied) return false;
  if (m.status === 'unanswered' || m.status === 'in-progress') return false;
  return !known?.message?.replied;
}

/** A stored message page that had no reply yet: due again, as its answer may have come. */
export const awaitsReply = (known: PageRecord | undefined) =>
  !!known?.message && known.message.replied === null && known.message.status !== 'answered';
