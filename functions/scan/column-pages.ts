import { gunzipSync, gzipSync } from 'node:zlib';
import type { ColumnRecord, PageRecord } from '../store/records.ts';
import type { Repository } from '../store/repository.ts';

// A column record (栏目) carries its listed pages' records, compressed: what the rules, the link
// check and the next crawl need of them. A daily re-scan then reads one record a column instead of
// one a page, and an unchanged column is judged again from it alone. The page records (U#) are
// still written when a page changes, for whoever looks up one page (check, stats, the digest).

/** DynamoDB's item limit, less room for the keys and attribute names. */
const ITEM_LIMIT_BYTES = 400 * 1024 - 2_000;

/**
 * Compressed bytes a column record has room for beside the rest of it (its list items, links,
 * validators): past that its pages go without their links, then not at all (read from U# records).
 */
export const itemRoomFor = (rest: object) => ITEM_LIMIT_BYTES - Buffer.byteLength(JSON.stringify(rest));

export interface PackedPages {
  /** gzip of the pages' JSON; absent when even the trimmed pages do not fit. */
  pagesZ?: Uint8Array;
  /** The pages' links were left out to fit: the link check reads those pages' records. */
  pagesTrimmed?: boolean;
}

/**
 * The pages as a column record carries them, trimmed (then dropped) past what an item can hold.
 * `json`: their JSON when the caller made it already (to hash it).
 */
export function packPages(pages: readonly PageRecord[], json = JSON.stringify(pages), room = 300_000): PackedPages {
  const full = gzipSync(json);
  if (full.byteLength <= room) return { pagesZ: full, pagesTrimmed: undefined };
  const trimmed = gzipSync(JSON.stringify(pages.map(({ links: _links, ...p }) => p)));
  return trimmed.byteLength <= room
    ? { pagesZ: trimmed, pagesTrimmed: true }
    : { pagesZ: undefined, pagesTrimmed: undefined };
}

/** The pages a column record carries, or null when it carries none (too many, or stored before it did). */
export function unpackPages(rec: Pick<ColumnRecord, 'pagesZ'> | null | undefined): PageRecord[] | null {
  if (!rec?.pagesZ) return null;
  return JSON.parse(gunzipSync(rec.pagesZ).toString('utf8')) as PageRecord[];
}

/**
 * The stored pages of a column: from its record when it carries them complete, else (and for what
 * `needLinks` asks of a trimmed record) from the page records of the URLs it lists.
 */
export async function pagesOfColumn(
  portalId: string,
  rec: ColumnRecord | null,
  repo: Repository,
  opts: { needLinks?: boolean } = {},
): Promise<PageRecord[]> {
  const packed = unpackPages(rec);
  if (packed && !(opts.needLinks && rec?.pagesTrimmed)) return packed;
  if (!rec || rec.items.length === 0) return [];
  return repo.getPages(
    portalId,
    rec.items.map((i) => i.url),
  );
}

/** The listed pages among `known`, in list order: what the column record carries. */
export function listedPages(items: readonly { url: string }[], known: ReadonlyMap<string, PageRecord>): PageRecord[] {
  const seen = new Set<string>();
  const out: PageRecord[] = [];
  for (const { url } of items) {
    const page = known.get(url);
    if (page && !seen.has(url)) {
      seen.add(url);
      out.push(page);
    }
  }
  return out;
}

/**
 * Writes pages whose record changed outside a crawl (a first-seen stamp moved by the evaluation)
 * to their page records and to the column records that carry them.
 */
export async function rewritePages(
  portalId: string,
  pages: readonly PageRecord[],
  columns: readonly ColumnRecord[],
  repo: Repository,
): Promise<void> {
  if (pages.length === 0) return;
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const full = [...byUrl.values()];
  // A trimmed column's pages came without their links: the page records keep theirs.
  const trimmed = new Set(columns.filter((c) => c.pagesTrimmed).flatMap((c) => c.items.map((i) => i.url)));
  const lacking = full.filter((p) => trimmed.has(p.url) && !p.links);
  if (lacking.length) {
    const stored = new Map(
      (
        await repo.getPages(
          portalId,
          lacking.map((p) => p.url),
        )
      ).map((p) => [p.url, p]),
    );
    for (const [i, p] of full.entries())
      if (stored.has(p.url)) full[i] = { ...stored.get(p.url)!, ...p, links: stored.get(p.url)!.links };
  }
  await repo.putPages(portalId, full);
  for (const c of columns) {
    const carried = unpackPages(c);
    if (!carried?.some((p) => byUrl.has(p.url))) continue;
    const next = carried.map((p) => byUrl.get(p.url) ?? p);
    const { pagesZ: _z, pagesTrimmed: _t, ...rest } = c;
    // A trimmed column stays trimmed: its carried pages have no links to pack.
    const packed = packPages(next, JSON.stringify(next), itemRoomFor(rest));
    await repo.putColumn(portalId, {
      ...rest,
      ...packed,
      ...(c.pagesTrimmed && packed.pagesZ ? { pagesTrimmed: true } : {}),
    });
  }
}
