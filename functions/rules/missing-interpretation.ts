import { daysBetween } from '../calendar/dates.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, pageTitle, publishedOf, workingDaysOrNull } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { PortalSnapshot } from '../model/snapshot.ts';
import {
  interpretationFinder,
  isInterpretation,
  isPolicyDocument,
  isReadable,
  policyPaper,
  type PolicyPaper,
} from './interpretation-match.ts';
import type { Rule } from './types.ts';

// “三同步” (国办发〔2016〕80号): a policy document and its 解读 are drafted, approved and
// published together; local rules allow the 解读 at most 3 working days later. Which 解读 explains
// which document is interpretation-match's answer (shared with the annual statistics); this rule
// adds the timing, and does not judge documents published before the 2016 rule, nor a document
// whose 3 working days are not over yet on the scan date (its 解读 may still come).

const SINCE = '2016-11-10'; // 国办发〔2016〕80号

/** A 解读 the rule may pair with a document, and when it was published. */
type DatedPaper = PolicyPaper & { date: string | null };

/**
 * Every 解读 of the snapshot: its readable pages, and the list entries whose page could not be
 * read (the list's title and date still show the 解读 exists, as the statistics count it).
 */
function interpretationsOf(snapshot: PortalSnapshot, listTitles: Map<string, string>): DatedPaper[] {
  const out: DatedPaper[] = [];
  for (const page of snapshot.pages.values()) {
    if (!isReadable(page)) continue;
    const paper = policyPaper(page.url, listTitles.get(page.url) ?? null, page);
    const kind = columnById(snapshot, page.columnId)?.column.kind;
    if (isInterpretation(kind, paper)) out.push({ ...paper, date: publishedOf(snapshot, page) });
  }
  const seen = new Set<string>();
  for (const { column, items } of snapshot.columns) {
    for (const item of items) {
      const page = snapshot.pages.get(item.url);
      if (seen.has(item.url) || (page && isReadable(page))) continue;
      seen.add(item.url);
      const paper = policyPaper(item.url, item.title, undefined);
      if (isInterpretation(column.kind, paper)) out.push({ ...paper, date: item.date });
    }
  }
  return out;
}

/**
 * The 解读 may still come: fewer than `limit` working days have passed since publication by
 * `asOf` (the last allowed day included). Outside the calendar's years, where working days
 * cannot be counted, calendar days decide: `limit` working days never span more than
 * 2 × limit + 14 days (the longest break, 春节 or 国庆, is 8–9 days off).
 */
function windowOpen(calendar: WorkingCalendar, published: string, asOf: string, limit: number): boolean {
  const elapsed = workingDaysOrNull(calendar, published, asOf);
  return elapsed !== null ? elapsed <= limit : daysBetween(published, asOf) <= 2 * limit + 14;
}

export const missingInterpretation: Rule = (snapshot, context) => {
  const limit = context.thresholds.interpretationWorkingDays;
  const listTitles = new Map<string, string>(); // as the first column listing it shows it
  for (const c of snapshot.columns) for (const i of c.items) if (!listTitles.has(i.url)) listTitles.set(i.url, i.title);
  const findInterpretations = interpretationFinder(interpretationsOf(snapshot, listTitles), snapshot.portal.name);
  const findings: Finding[] = [];
  for (const doc of snapshot.pages.values()) {
    if (!isReadable(doc)) continue;
    const column = columnById(snapshot, doc.columnId)?.column;
    const paper = policyPaper(doc.url, listTitles.get(doc.url) ?? null, doc);
    if (!column || !isPolicyDocument(column.kind, paper)) continue;
    const published = publishedOf(snapshot, doc);
    if (!published || published < SINCE) continue;
    if (windowOpen(context.calendar, published, context.asOf, limit)) continue;
    const timed = findInterpretations(paper).map(({ interpretation, how }) => ({
      interpretation,
      how,
      lag: interpretation.date ? workingDaysOrNull(context.calendar, published, interpretation.date) : null,
    }));
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
          ? `${columnLabel(column)}中的《${title}》（${published} 发布）的解读《${late.interpretation.title || late.interpretation.url}》晚 ${late.lag} 个工作日才发布，未做到“三同步”（应在 ${limit} 个工作日内）。`
          : `${columnLabel(column)}中的《${title}》（${published} 发布）未找到对应的政策解读，未做到“三同步”。`,
        action: `请${officerOf(column)}会同起草科室按“三同步”要求发布《${title}》的政策解读，并在文件页面与解读页面之间互相链接。`,
        evidence: {
          publishedDate: published,
          interpretation: late ? late.interpretation.url : null,
          interpretationTitle: late ? late.interpretation.title || null : null,
          interpretationDate: late?.interpretation.date ?? null,
          workingDays: late?.lag ?? null,
          matchedBy: late?.how ?? null,
          maxWorkingDays: limit,
        },
      }),
    );
  }
  return findings;
};
