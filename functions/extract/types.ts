// What the extractors read out of a page. Pure data: no fetching state lives here.

import type { TableNumbers } from './table-banking.ts';

/** One entry of a column's list page (栏目列表). */
export interface ListItem {
  /** Full title: the link's `title` attribute when the visible text is truncated (…/...). */
  title: string;
  /** The truncated visible text, only when it differs from `title`. */
  displayText?: string;
  /** The href exactly as written in the page. */
  href: string;
  /** Absolute URL, resolved against the page URL (and `<base href>`). */
  url: string;
  /** The item's publication date as YYYY-MM-DD, or null when the list shows none. */
  date: string | null;
  /** 文号 when the list shows one. */
  docNo?: string | null;
  /** 成文日期 when the list shows one (table-style lists). */
  generatedDate?: string | null;
}

/** A column list page: its items and where the pager says the next page is. */
export interface ListPage {
  items: ListItem[];
  /** From the pager (createPageHTML / Pager({size}) / 共N页), null when the page has no pager. */
  totalPages: number | null;
  /** Absolute URL of the next page, null on the last page or without a pager. */
  nextPageUrl: string | null;
  /** A placeholder shown instead of content (暂无信息, 正在建设中 …), when present. */
  placeholder: string | null;
  /** Every link on the page (navigation, items, pager), for link checking. */
  links: PageLink[];
}

export interface PageLink {
  url: string;
  text: string;
  /** `a` (hyperlink), `img` (image source) or `attachment` (a document link: pdf, doc, xls, zip …). */
  kind: 'a' | 'img' | 'attachment';
}

/** A detail page (信息详情页) and its 公开目录 metadata. Every field is null when absent. */
export interface DetailPage {
  title: string | null;
  /** 索引号, verbatim. */
  indexNo: string | null;
  /** 主题分类. */
  category: string | null;
  /** 发布机构 > 发文机关/发文机构 > 制发单位 > 来源/信息来源. */
  publisher: string | null;
  /**
   * Every issuer the metadata names (发布机构, 发文机关, 发布单位, 发文单位, 来源 …), in page order,
   * deduplicated: `publisher` is only the best-ranked one, and an old name may sit in another.
   */
  issuers: string[];
  /** 成文日期 / 生成日期 / 成文时间 / 登记日期, YYYY-MM-DD. */
  generatedDate: string | null;
  /** 文号 / 发文字号 / 文件编号. */
  docNo: string | null;
  /** 发布日期 / 发布时间 / 公布日期 …, else meta PubDate, YYYY-MM-DD. */
  publishedDate: string | null;
  /** 有效性 (有效 / 失效 / 废止 …). */
  validity: string | null;
  /** The body text, whitespace-normalised (used by text rules: expiry, names, privacy). */
  bodyText: string;
  /** Characters of real body text (not title, metadata table, navigation). */
  bodyChars: number;
  /**
   * 16–19 digit numbers of the body's tables, by their column: under an account header (银行卡号 /
   * 账号) or in a bank's row, or under another header (合同编号). Banking context the body text
   * loses. Clear numbers, for the personal-data check only; never stored.
   */
  tableNumbers: TableNumbers;
  attachments: PageLink[];
  /** Every link on the page (for link checking), deduplicated by URL. */
  links: PageLink[];
  /** False for error / soft-404 pages and for pages whose content is only an attachment link. */
  hasBody: boolean;
  /** True when the page is an error page served with HTTP 200 (页面不存在 …). */
  notFound: boolean;
}
