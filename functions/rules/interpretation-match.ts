import type { ColumnKind } from '../config/schema.ts';
import type { PageSnapshot } from '../model/snapshot.ts';

// Which 政策解读 explains which policy document (“三同步”, 国办发〔2016〕80号). The
// missing-interpretation rule and the annual statistics (有解读/无解读) both ask, and a reader
// comparing a finding with the report must get the same answer, so both ask here.
//
// A 解读 explains a document when ANY of these holds. This is the union of the evidence the rule
// and the statistics each accepted when they matched on their own (the rule: cites against the
// core title, links, similarity; the statistics: cites and the bare title against the names):
//   cites — a title the 解读 quotes in 《》 (in its title or its body) and the document's core
//           title or one of its names contain one another;
//   link  — one page links to the other, either way (many a 解读 only says “原文链接”, and many a
//           document links “相关解读”);
//   title — the 解读's bare title (without 政策解读/解读/图解/一图读懂) and one of the document's
//           names contain one another, or the bare title is close to the core title (Dice over
//           character bigrams ≥ 0.6).
// A document's names: its title from 关于 on (or without the portal's name) and every title it
// quotes in 《》. Its core title: see `coreTitle`. Anything shorter than 4 characters proves nothing.

/** A policy document or a 解读, as the matcher reads it: a list entry and, when it could be read, its page. */
export interface PolicyPaper {
  url: string;
  /** The page's title, else the list's. */
  title: string;
  /** The title the list shows, when it differs from the page's (it may be the one that says 解读). */
  listTitle: string | null;
  /** Titles the page body quotes in 《》. */
  cites: readonly string[];
  /** URLs the page links to. */
  links: readonly string[];
}

export type MatchEvidence = 'cites' | 'link' | 'title';

const MIN_NAME = 4;
const SIMILAR = 0.6;

/** A page that shows content: fetched, and not an error page served as 200 (页面不存在). */
export const isReadable = (page: PageSnapshot) => page.fetch.ok && !page.notFound;

/** What the matcher knows of an entry: the list title, and the page's title, cites and links when it could be read. */
export function policyPaper(url: string, listTitle: string | null, page: PageSnapshot | undefined): PolicyPaper {
  const read = page && isReadable(page) ? page : undefined;
  const title = read?.title?.trim() || listTitle?.trim() || '';
  return {
    url,
    title,
    listTitle: listTitle?.trim() && listTitle.trim() !== title ? listTitle.trim() : null,
    cites: read?.textSignals?.cites ?? [],
    links: read?.links?.map((l) => l.url) ?? [],
  };
}

const saysInterpretation = (title: string | null) => !!title && title.includes('解读');

/**
 * An entry of an `interpretation` column, or any entry whose page or list title says 解读 (a
 * 解读 is often filed under 政策文件 or 工作动态).
 */
export const isInterpretation = (kind: ColumnKind | undefined, paper: PolicyPaper) =>
  kind === 'interpretation' || saysInterpretation(paper.title) || saysInterpretation(paper.listTitle);

/** An entry of a `policy` column that is not itself a 解读. */
export const isPolicyDocument = (kind: ColumnKind | undefined, paper: PolicyPaper) =>
  kind === 'policy' && !isInterpretation(kind, paper);

const squeeze = (s: string) => s.replace(/[\s《》“”"'‘’]/g, '');
const quoted = (s: string) => [...s.matchAll(/《([^》]+)》/g)].map((m) => m[1]!);
const names = (list: readonly string[]) => [...new Set(list.map(squeeze).filter((n) => n.length >= MIN_NAME))];
const containOneAnother = (a: string, b: string) => a.includes(b) || b.includes(a);

/** The title as a document is cited: the title it quotes in 《》, else without issuing body, 关于(印发) and 的通知. */
export function coreTitle(title: string): string {
  const inner = quoted(title)[0];
  if (inner && !inner.includes('解读')) return squeeze(inner);
  return squeeze(title.replace(/^.*?关于(?:印发)?/, '').replace(/的(?:通知|意见|决定|办法)$/, '')) || squeeze(title);
}

/** The names a policy document goes by (see the header). */
export function documentNames(title: string, portalName = ''): string[] {
  const t = title.trim();
  const at = t.indexOf('关于');
  let fromAbout = at > 0 ? t.slice(at) : t;
  if (at <= 0 && portalName && fromAbout.startsWith(portalName)) fromAbout = fromAbout.slice(portalName.length);
  return names([fromAbout, ...quoted(t)]);
}

const bareTitle = (title: string) => squeeze(title.replace(/(?:政策)?解读|图解|一图读懂/g, ''));

/** What a 解读 names: the titles it quotes in 《》 (title and body), and its own title without the 解读 words. */
export function interpretationNames(
  title: string,
  cites: readonly string[] = [],
): { cited: string[]; bare: string | null } {
  const bare = bareTitle(title);
  return { cited: names([...quoted(title), ...cites]), bare: bare.length >= MIN_NAME ? bare : null };
}

/** Dice coefficient over character bigrams: robust to small wording differences in Chinese titles. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  return total === 0 ? 0 : (2 * shared) / total;
}

interface PreparedInterpretation<T extends PolicyPaper> {
  paper: T;
  cited: string[];
  bare: string | null;
  bareCore: string;
  links: Set<string>;
}

interface PreparedDocument {
  url: string;
  names: string[];
  /** The names, and the core title when it is long enough: what a 《》 cite may be. */
  citable: string[];
  core: string;
  links: Set<string>;
}

function evidence<T extends PolicyPaper>(doc: PreparedDocument, i: PreparedInterpretation<T>): MatchEvidence | null {
  if (doc.citable.some((n) => i.cited.some((c) => containOneAnother(n, c)))) return 'cites';
  if (i.links.has(doc.url) || doc.links.has(i.paper.url)) return 'link';
  if (i.bare !== null && doc.names.some((n) => containOneAnother(n, i.bare!))) return 'title';
  return doc.core.length >= MIN_NAME && similarity(doc.core, i.bareCore) >= SIMILAR ? 'title' : null;
}

/**
 * Reads a portal's 解读 once; the returned function gives, for a policy document, every 解读 that
 * explains it and by what evidence (the first that holds, in the header's order).
 */
export function interpretationFinder<T extends PolicyPaper>(interpretations: readonly T[], portalName = '') {
  const read: PreparedInterpretation<T>[] = interpretations.map((paper) => {
    const { cited, bare } = interpretationNames(paper.title, paper.cites);
    // Similarity weighs the bare title however short: only containment needs 4 characters.
    return { paper, cited, bare, bareCore: coreTitle(bareTitle(paper.title)), links: new Set(paper.links) };
  });
  return (doc: PolicyPaper): { interpretation: T; how: MatchEvidence }[] => {
    const docNames = documentNames(doc.title, portalName);
    const core = coreTitle(doc.title);
    const prepared = {
      url: doc.url,
      names: docNames,
      citable: names([...docNames, core]),
      core,
      links: new Set(doc.links),
    };
    return read.flatMap((i) => {
      const how = evidence(prepared, i);
      return how === null ? [] : [{ interpretation: i.paper, how }];
    });
  };
}
