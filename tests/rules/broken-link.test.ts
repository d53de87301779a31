import { describe, expect, it } from 'vitest';
import { brokenLink } from '../../functions/rules/broken-link.ts';
import type { LinkSnapshot } from '../../functions/model/snapshot.ts';
import { column, context, HOST, snapshot } from '../support/builders.ts';

const link = (over: Partial<LinkSnapshot>): LinkSnapshot => ({
  url: `${HOST}/tdsc/201801/P020180110.pdf`,
  verdict: 'broken',
  status: 404,
  brokenStreak: 2,
  brokenSince: '2018-01-14',
  foundOn: [{ page: `${HOST}/tdsc/201801/t20180110_1.html`, text: '附件：出让结果明细表.pdf', columnId: 'tdsc' }],
  onHomepage: false,
  offsite: false,
  ...over,
});
const run = (links: LinkSnapshot[]) => {
  const s = snapshot({ columns: [column({ id: 'tdsc', name: '土地市场', department: '土地利用科' })], links });
  return brokenLink(s, context(s));
};

describe('broken-link', () => {
  it('flags a link broken on two scans in a row, in the column of the page carrying it', () => {
    const [f] = run([link({})]);
    expect(f).toMatchObject({
      rule: 'broken-link',
      severity: 'minor',
      columnId: 'tdsc',
      department: '土地利用科',
      title: '附件：出让结果明细表.pdf',
    });
    expect(f!.message).toContain('「土地市场」栏目');
    expect(f!.action).toContain('土地利用科信息员');
    expect(f!.evidence).toMatchObject({
      status: 404,
      brokenSince: '2018-01-14',
      anchorTexts: ['附件：出让结果明细表.pdf'],
    });
  });

  it('is major when the link is on the homepage, and addresses the site’s maintainers', () => {
    const [f] = run([link({ onHomepage: true, foundOn: [{ page: `${HOST}/index.html`, text: '网上办事' }] })]);
    expect(f).toMatchObject({ severity: 'major' });
    expect(f!.columnId).toBeUndefined();
    expect(f!.action).toContain('网站维护人员');
  });

  it('waits for the second broken scan', () => {
    expect(run([link({ brokenStreak: 1 })])).toEqual([]);
  });

  it('never flags an unverified link (401/403/429, timeouts) or a working one', () => {
    expect(
      run([
        link({ verdict: 'unverified', status: 403, brokenStreak: 0 }),
        link({ verdict: 'ok', status: 200, brokenStreak: 0 }),
      ]),
    ).toEqual([]);
  });
});

describe('broken-link and the watched URLs', () => {
  it('leaves a failing configured column to site-unreachable / missing-column', () => {
    expect(run([link({ url: `${HOST}/tdsc/index.html`, status: 503 })])).toEqual([]);
  });
});
