import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/calendar/dates.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { RevalidationCounters } from '../../functions/scan/counters.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import { onRollingTurn } from '../../functions/scan/revalidation.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { firstDay, LEAKED_ID, startLeakingPortal, type LeakingPortal } from '../support/leaking-portal.ts';

// The 信息员 removes a leaked ID number by editing the page; its entry in the column's list stays
// as it was. The next day's scan sees the fix and resolves the finding, with nobody running
// `check`: the page has an open finding, so it is asked again (conditionally) on every scan.

const at = (day: string) => () => new Date(`${day}T02:00:00Z`);
const withRevalidation = (r: ScanResult) => r.counters as ScanResult['counters'] & RevalidationCounters;

describe('a leak removed by editing the page, list entry unchanged', () => {
  let site: LeakingPortal;
  let repo: Repository;
  let leak: string;
  let others: string[];
  let day1: string;
  let day2: string;

  beforeAll(async () => {
    site = await startLeakingPortal([{ id: 'tzgg', pages: 14 }]);
    repo = await testRepository('fixnextday');
    leak = site.leakOf('tzgg');
    others = site.pages.get('tzgg')!.filter((u) => u !== leak);
    // A second day on which the leaking page is not on its rolling turn (so only its finding can
    // make it due) and some other page is (so the rolling share shows next to it).
    day2 = firstDay('2018-01-16', (d) => !onRollingTurn(leak, d, 7) && others.some((u) => onRollingTurn(u, d, 7)));
    day1 = addDays(day2, -1);
  });
  afterAll(async () => {
    repo.destroy();
    await site.close();
  });

  it('opens a privacy-exposure finding on the first scan, and resolves it the next day without a check', async () => {
    const first = await runLocalScan({ portal: site.portal, asOf: day1, repo, now: at(day1) });
    const opened = first.findings.filter((f) => f.rule === 'privacy-exposure');
    expect(opened.map((f) => f.url)).toEqual([leak]);
    expect(JSON.stringify(opened)).not.toContain(LEAKED_ID); // masked in the finding

    site.fix('tzgg');
    const pagesBefore = new Map((await repo.listPages(site.portal.id)).map((p) => [p.url, p]));
    const since = site.server.requests.length;
    const second = await runLocalScan({ portal: site.portal, asOf: day2, repo, now: at(day2) });

    expect(second.resolved.map((f) => `${f.rule} ${f.url}`)).toEqual([`privacy-exposure ${leak}`]);
    expect(second.findings.some((f) => f.rule === 'privacy-exposure')).toBe(false);

    // Asked with its validators (the edit changed it, so it came back whole and was read again),
    // and besides it only the day's rolling share, every one of those conditional.
    const rolling = others.filter((u) => onRollingTurn(u, day2, 7));
    const asked = site.detailRequestsSince(since);
    expect(asked.map((q) => q.url).sort()).toEqual([leak, ...rolling].sort());
    expect(asked.every((q) => q.conditional)).toBe(true);
    expect(withRevalidation(second)).toMatchObject({
      revalidated: 1 + rolling.length,
      revalidatedUnchanged: rolling.length,
      pagesParsed: 1,
    });

    // Only the edited page is written again: an unchanged answer leaves its record as it was.
    const pagesAfter = new Map((await repo.listPages(site.portal.id)).map((p) => [p.url, p]));
    const rewritten = [...pagesAfter.values()].filter((p) => !isDeepStrictEqual(p, pagesBefore.get(p.url)));
    expect(rewritten.map((p) => p.url)).toEqual([leak]);
    expect(pagesAfter.get(leak)!.textSignals?.personal ?? []).toEqual([]);
  });

  it('on a third day asks again neither the fixed page (its finding is resolved) nor any page off its turn', async () => {
    const day3 = addDays(day2, 1);
    const since = site.server.requests.length;
    const third = await runLocalScan({ portal: site.portal, asOf: day3, repo, now: at(day3) });
    const onTurn = site.pages.get('tzgg')!.filter((u) => onRollingTurn(u, day3, 7));
    expect(
      site
        .detailRequestsSince(since)
        .map((q) => q.url)
        .sort(),
    ).toEqual(onTurn.sort());
    expect(withRevalidation(third)).toMatchObject({
      revalidated: onTurn.length,
      revalidatedUnchanged: onTurn.length,
      pagesParsed: 0,
    });
  });
});
