import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, DEMO_AS_OF, DEMO_PREVIOUS_DAY, DEMO_SCAN_DAYS } from '../../demo/portal/config.ts';
import { takeDemoDecisions } from '../../demo/portal/decisions.ts';
import { demoExpectations, DEMO_WORKFLOW } from '../../demo/portal/expected.ts';
import { startDemoServer, type DemoServer } from '../../demo/portal/server.ts';
import { composeDigests, loadDigest } from '../../functions/digest/compose.ts';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { workOf } from '../../functions/rectification/work.ts';
import { estimateScore } from '../../functions/score/estimate.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';

// The demo's 整改 week as `npm run demo` runs it on mhk-gtj: scans on the 9th, 14th and 15th,
// an ignore and an ack on the 14th, held to DEMO_WORKFLOW (worked out by hand in expected.ts).

describe('the demo’s 整改 workflow', () => {
  let server: DemoServer;
  let repo: Repository;
  let portal: PortalConfig;
  let last: ScanResult;

  beforeAll(async () => {
    server = await startDemoServer({ asOf: DEMO_SCAN_DAYS[0] });
    repo = await testRepository('demo-workflow');
    portal = parseConfig(demoConfig(server.origin)).portals.find((p) => p.id === DEMO_WORKFLOW.portal)!;
    for (const day of DEMO_SCAN_DAYS) {
      server.setAsOf(day);
      last = await runLocalScan({ portal, asOf: day, repo });
      if (day === DEMO_PREVIOUS_DAY) await takeDemoDecisions(repo, server.origin);
    }
  }, 120_000);
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  it('finds on the 15th what the two-day scan finds, counting the ignored one apart', () => {
    const want = demoExpectations(server.origin)
      .fires.filter((e) => e.portal === DEMO_WORKFLOW.portal)
      .map((e) => `${e.rule} ${e.subject}`)
      .sort();
    const got = [...last.findings, ...last.ignored].map((f) => `${f.rule} ${f.subject}`).sort();
    expect(got).toEqual(want);
  });

  it('keeps the false positive ignored, with who decided and why, out of the counts', async () => {
    expect(last.ignored.map((f) => [f.rule, f.status, f.decision?.by, f.decision?.reason])).toEqual([
      [DEMO_WORKFLOW.ignored.rule, 'ignored', DEMO_WORKFLOW.ignored.by, DEMO_WORKFLOW.ignored.reason],
    ]);
    expect(last.summary.ignored).toBe(1);
    expect(last.findings.some((f) => f.id === last.ignored[0]!.id)).toBe(false);
    const history = await repo.findingHistory(portal.id, last.ignored[0]!.id);
    expect(history.map((h) => [h.asOf, h.to, h.by])).toEqual([
      ['2018-01-09', 'open', expect.stringMatching(/^scan /)],
      ['2018-01-14', 'ignored', DEMO_WORKFLOW.ignored.by],
    ]);
  });

  it('keeps the acknowledged leak counted and late', () => {
    const acked = last.findings.filter((f) => f.status === 'acknowledged');
    expect(acked.map((f) => [f.rule, f.decision?.by])).toEqual([
      [DEMO_WORKFLOW.acknowledged.rule, DEMO_WORKFLOW.acknowledged.by],
    ]);
    expect(workOf(acked[0]!, portal, DEMO_AS_OF)).toMatchObject({ overdue: true, workingDaysOverdue: 3 });
  });

  it('shows the overdue work per department as worked out by hand', () => {
    const late: Record<string, number> = {};
    for (const f of last.findings) {
      const w = workOf(f, portal, DEMO_AS_OF);
      if (w.overdue) late[w.owner.department] = (late[w.owner.department] ?? 0) + 1;
    }
    expect(late).toEqual(DEMO_WORKFLOW.overdue);
  });

  it('leaves the ignored finding out of the score: counting it would cost points', () => {
    const score = last.summary.score;
    expect(score.verdict).toBe('不合格'); // the leaks and the homepage are veto items
    const withIgnored = estimateScore({
      findings: [...last.findings, ...last.ignored],
      vetoRisks: last.summary.vetoRisks,
      portal,
    });
    expect(withIgnored.score).toBeLessThan(score.score);
    // A week of monitoring is one point of the eight-week trend: the latest scan of the week.
    expect(score.trend.map((w) => w.point?.asOf ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      DEMO_AS_OF,
    ]);
  });

  it('escalates the late veto items in the leadership copy and counts the ignored one on one line', async () => {
    const view = await loadDigest(repo, portal, DEMO_AS_OF);
    expect(view.escalations).toHaveLength(DEMO_WORKFLOW.escalated);
    expect(view.ignored.total).toBe(1);
    const copies = composeDigests(view, portal, { name: 'dw', email: 'dw@example.gov.cn' });
    const leader = copies.find((c) => c.recipient.role === 'leader')!;
    expect(leader.text).toContain('督办');
    expect(leader.text).toContain('检查评分估算');
    expect(leader.text).toMatch(/另有 1 项已忽略/);
  });
});
