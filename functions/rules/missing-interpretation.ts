import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, pageTitle, publishedOf, workingDaysOrNull } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { PageSnapshot, PortalSnapshot } from '../model/snapshot.ts';
import type { Rule } from './types.ts';

// “三同步” (国办发〔2016〕80号): a policy document and its 解读 are drafted, approved and
// published together; local rules allow the 解读 at most 3 working days later. A document is
// matched with its 解读 by the 《title》 the 解读 cites, by a link between the two pages, or by
// title similarity; documents published before the 2016 rule are not judged.

const SINCE = '2016-11-10'; // 国办发〔2016〕80号

/** The title as a document is cited: without 《》, the issuing body's "关于印发", or "的通知". */
function core(title: string): string {
  const inner = /《([^》]+)》/.exec(title)?.[1];
  if (inner && !/解读/.test(inner)) return squeeze(inner);
  return squeeze(title.replace(/^.*?关于(?:印发)?/, '').replace(/的(?:通知|意见|决定|办法)$/, '')) || squeeze(title);
}
const squeeze = (s: string) => s.replace(/[\s《》“”"]/g, '');

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

function isInterpretation(snapshot: PortalSnapshot, p: PageSnapshot): boolean {
  return columnById(snapshot, p.columnId)?.column.kind === 'interpretation' || /解读/.test(p.title ?? '');
}

function matches(doc: PageSnapshot, interp: PageSnapshot): 'cites' | 'link' | 'title' | null {
  const key = core(doc.title ?? '');
  if (key.length >= 4) {
    const cited = [...(interp.textSignals?.cites ?? []), ...[...(interp.title ?? '').matchAll(/《([^》]+)》/g)].map((m) => m[1]!)].map(squeeze);
    if (cited.some((c) => c.length >= 4 && (c.includes(key) || key.includes(c)))) return 'cites';
  }
  if (interp.links?.some((l) => l.url === doc.url) || doc.links?.some((l) => l.url === interp.url)) return 'link';
  const bare = squeeze((interp.title ?? '').replace(/(?:政策)?解读|图解|一图读懂/g, ''));
  return key.length >= 4 && similarity(key, core(bare)) >= 0.6 ? 'title' : null;
}


export const missingInterpretation: Rule = (snapshot, context) => {
  const limit = context.thresholds.interpretationWorkingDays;
  const pages = [...snapshot.pages.values()].filter((p) => p.fetch.ok && !p.notFound);
  const interpretations = pages.filter((p) => isInterpretation(snapshot, p));
  const findings: Finding[] = [];
  for (const doc of pages) {
    const column = columnById(snapshot, doc.columnId)?.column;
    if (column?.kind !== 'policy' || isInterpretation(snapshot, doc)) continue;
    const published = publishedOf(snapshot, doc);
    if (!published || published < SINCE) continue;
    const candidates = interpretations
      .map((i) => ({ page: i, how: matches(doc, i), date: publishedOf(snapshot, i) }))
      .filter((c) => c.how !== null);
    const timed = candidates.map((c) => ({ ...c, lag: c.date ? workingDaysOrNull(context.calendar, published, c.date) : null }));
    if (timed.some((c) => c.lag !== null && c.lag <= limit)) continue;
    if (timed.length > 0 && timed.every((c) => c.lag === null)) continue; // cannot be judged
    const title = pageTitle(doc);
    const late = timed.filter((c) => c.lag !== null).sort((a, b) => a.lag! - b.lag!)[0];
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'missing-interpretation',
        severity: 'major',
        url: doc.url,
        title,
        column,
        message: late
          ? `${columnLabel(column)}中的《${title}》（${published} 发布）的解读《${late.page.title}》晚 ${late.lag} 个工作日才发布，未做到“三同步”（应在 ${limit} 个工作日内）。`
          : `${columnLabel(column)}中的《${title}》（${published} 发布）未找到对应的政策解读，未做到“三同步”。`,
        action: `请${officerOf(column)}会同起草科室按“三同步”要求发布《${title}》的政策解读，并在文件页面与解读页面之间互相链接。`,
        evidence: {
          publishedDate: published,
          interpretation: late ? late.page.url : null,
          interpretationTitle: late ? (late.page.title ?? null) : null,
          interpretationDate: late?.date ?? null,
          workingDays: late?.lag ?? null,
          matchedBy: late?.how ?? null,
          maxWorkingDays: limit,
        },
      }),
    );
  }
  return findings;
};
