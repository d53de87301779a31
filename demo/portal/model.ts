import type { LexiconsConfig } from '../../functions/config/lexicon-schema.ts';
import type { ColumnKind, InteractionChannel } from '../../functions/config/schema.ts';

// The demo portals as data: what each column lists and what each page says. The HTML is made
// from this by templates.ts; the expected findings are read off it by expected.ts.

export interface DemoItem {
  /** File name under the column's month folder, TRS style: t20171205_123. */
  slug: string;
  title: string;
  /** The date shown in the list (null: the list shows none). */
  listDate: string | null;
  /** 发布日期 on the page (null: the page shows none). */
  published: string | null;
  /** 成文日期 on the page (only pages with the 公开目录 metadata table). */
  generated?: string | null;
  docNo?: string;
  /** false: a news page without the metadata table (发布时间/来源 line only). */
  meta: boolean;
  body: string;
  /** Markup shown instead of `body` as one paragraph (a 办事指南's tables and labels); `body` stays its text. */
  bodyHtml?: string;
  attachment?: string;
  /** Links in the body besides the attachment (some deliberately dead). */
  links?: { href: string; text: string }[];
  /**
   * Body links to scripts the site answers whatever their query (download.aspx?id=…): with the
   * file when `document` (an attachment), else with a page (the 下载中心).
   */
  served?: { href: string; text: string; document: boolean }[];
  /** Markup added to the body as it is (a table). */
  html?: string;
  /** 发布机构 (or 来源) as the page prints it; absent: the portal's name. */
  publisher?: string;
  /** The first day the item is on the site (the demo scans two days); absent: always there. */
  appearsOn?: string;
  /** Posted without being featured on the homepage. */
  notOnHomepage?: boolean;
}

export type ListMarkup = 'ul' | 'table' | 'month-day' | 'chinese-date';
export type Encoding = 'utf-8' | 'gbk-header' | 'gbk-meta';

export interface DemoColumn {
  id: string;
  name: string;
  kind: ColumnKind;
  department: string;
  markup: ListMarkup;
  encoding: Encoding;
  items: DemoItem[];
  /** Shows 暂无信息 instead of a list. */
  placeholder?: boolean;
  /** Configured, but its list URL answers 404. */
  gone?: boolean;
  /** Left out of the homepage navigation. */
  hiddenFromNav?: boolean;
  /** The list answers this HTTP status (a broken back end), on every day. */
  failing?: number;
  /** An `interaction` column's channel (config `channel`). */
  channel?: InteractionChannel;
  /** A column served by a system of its own (an interaction system): its files, instead of the TRS templates. */
  files?: DemoFileSpec[];
}

/** A file of a column's own system, by its path under the column's folder, written on `modified`. */
export interface DemoFileSpec {
  path: string;
  html: string;
  modified: string;
}

export interface DemoPortal {
  id: string;
  name: string;
  encoding: Encoding;
  /** 'boxes': dated headline boxes on the homepage; 'nav-only': only navigation. */
  homepage: 'boxes' | 'nav-only';
  /**
   * The homepage answers this HTTP status on every request, every day: the application behind
   * the front proxy is gone, while the column pages (served apart) still open.
   */
  homepageDown?: number;
  /** Extra navigation entries (text as shown) that are not configured columns. */
  extraNav: string[];
  columns: DemoColumn[];
  expectedColumns: string[];
  obsoleteNames?: { old: string; new: string; since: string }[];
  /** The portal's wording lexicons (leaders, 落马官员), copied into its config. */
  lexicons?: LexiconsConfig;
  departments: { name: string; officer: string; email: string }[];
}

export const PAGE_SIZE = 20;

export const itemPath = (column: DemoColumn, item: DemoItem) =>
  `${column.id}/${item.slug.slice(1, 7)}/${item.slug}.html`;
