/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../functions/digest/render-html.ts';
import { buildDigest } from '../../functions/digest/view-model.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { StoredFinding } from '../../functions/store/records.ts';
import { AS_OF, workFindings, workPortal, workScan, workScore } from '../support/digest-work.ts';

// The digest as a phone and a desktop mail client would lay it out: Debian's Chromium (with a
// CJK font, installed by .ci/run) at 375 px and 800 px, no horizontal scrolling, screenshots kept.
// The 整改 copies (score, overdue work, 督办, a department's own block, the ignored line) are laid
// out too, with long names, and each block must stay inside the page and clear of the next.

const HOST = 'http://gtj.example.gov.cn';
const portal: PortalConfig = {
  id: 'mhk-gtj',
  name: '梅河口市国土资源局',
  homepage: `${HOST}/index.html`,
  columns: [{ id: 'tdsc', name: '土地市场', url: `${HOST}/tdsc/index.html`, kind: 'notice', department: '土地利用科' }],
  departments: [
    { name: '土地利用科', officer: '张明' },
    { name: '办公室', officer: '王丽' },
  ],
};
// Long titles and unbroken URLs are what overflow a phone screen.
const findings: StoredFinding[] = Array.from({ length: 6 }, (_, i) => ({
  id: `f${i}`,
  portalId: 'mhk-gtj',
  rule: (['empty-column', 'late-publication', 'privacy-exposure'] as const)[i % 3]!,
  severity: (['veto', 'major', 'minor'] as const)[i % 3]!,
  subject: `s${i}`,
  url: `${HOST}/tdsc/201712/t20171205_${'1234567890'.repeat(6)}_${i}.html`,
  title: '梅河口市国土资源局关于进一步加强农村宅基地管理和规范土地储备管理工作的实施意见（第二次征求意见稿）'.repeat(2),
  message:
    '「土地市场」栏目《梅河口市国土资源局关于规范土地储备管理工作的实施意见》成文于 2017-11-01，2017-12-06 才公开，相隔 25 个工作日。',
  action: '请土地利用科信息员今后在文件生成后 20 个工作日内报送公开，并核实本条发布日期是否准确。',
  evidence: {},
  status: 'open',
  firstSeenScan: 's',
  firstSeenAsOf: i < 3 ? '2018-01-15' : '2017-12-01',
  lastChangedScan: 's',
  reopened: 0,
  department: '土地利用科',
  columnId: 'tdsc',
}));
const html = renderHtml(buildDigest({ portal, asOf: '2018-01-17', findings, scans: [], pages: [] }));

const LONG_TITLE = '梅河口市国土资源局关于公布2017年度农村集体经营性建设用地入市试点地块名单及出让底价的公告'.repeat(2);
const longWork = workFindings.map((f) => ({
  ...f,
  title: `${LONG_TITLE}（${f.id}）`,
  url: `${f.url.replace(/\.html$/, '')}/t20171205_${'1234567890'.repeat(6)}.html`,
}));
const longScore = {
  ...workScore,
  reasons: ['发布解读：政策文件一级栏目 6 个月未更新，扣 5 分；政策解读栏目缺少解读材料，扣 5 分', '互动交流 −10'],
  topFixes: [{ what: `更新「法规文件」栏目：${LONG_TITLE}`, points: 5 }, ...workScore.topFixes],
};
const workView = buildDigest({
  portal: workPortal,
  asOf: AS_OF,
  findings: longWork,
  scans: [workScan],
  pages: [],
  score: longScore,
});
/** The copies with the new blocks, and the blocks each must show, in the order they must come. */
const copies = [
  {
    name: 'leader',
    html: renderHtml(workView, { leader: true }),
    blocks: ['score', 'risks', 'overdue', 'escalations', 'P2', 'ignored', 'departments', 'trend'],
  },
  {
    name: 'department',
    html: renderHtml(workView, { department: '土地利用科' }),
    blocks: ['score', 'risks', 'overdue', 'own', 'P2', 'ignored', 'departments', 'trend'],
  },
];

describe('the digest in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync('test-artifacts', { recursive: true });
  });
  afterAll(() => browser?.close());

  it.each([375, 800])('fits a %i px wide screen without horizontal scrolling', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.setContent(html);
    const { scroll, client, tableWidth } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      // The content table: 640 px at most, the screen's width below that.
      tableWidth: document.querySelector('table[style*="max-width"]')!.getBoundingClientRect().width,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    expect(tableWidth).toBeLessThanOrEqual(Math.min(width - 16, 640));
    await page.screenshot({ path: `test-artifacts/digest-${width}.png`, fullPage: true });
    await page.close();
  });

  it.each(copies.flatMap((c) => [375, 800].map((width) => ({ ...c, width }))))(
    'lays out the $name copy’s 整改 blocks at $width px: inside the page, in order, none overlapping',
    async ({ name, html: copy, blocks, width }) => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(copy);
      const laid = await page.evaluate(() => {
        const table = document.querySelector('table[style*="max-width"]')!.getBoundingClientRect();
        const byBlock = new Map<string, { top: number; bottom: number; left: number; right: number }>();
        for (const el of document.querySelectorAll<HTMLElement>('[data-block]')) {
          const r = el.getBoundingClientRect();
          const b = byBlock.get(el.dataset.block!);
          byBlock.set(
            el.dataset.block!,
            b
              ? {
                  top: Math.min(b.top, r.top),
                  bottom: Math.max(b.bottom, r.bottom),
                  left: Math.min(b.left, r.left),
                  right: Math.max(b.right, r.right),
                }
              : { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
          );
        }
        // A cell whose content is wider than the cell spills over its neighbours.
        const spilling = [...document.querySelectorAll<HTMLElement>('[data-block] td, [data-block] div')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent!.slice(0, 40));
        return {
          table: { left: table.left, right: table.right },
          blocks: [...byBlock.entries()].map(([block, r]) => ({ block, ...r })),
          spilling,
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        };
      });
      expect(laid.scroll).toBeLessThanOrEqual(laid.client);
      expect(laid.spilling).toEqual([]);
      const shown = laid.blocks.filter((b) => blocks.includes(b.block));
      expect(shown.map((b) => b.block)).toEqual(blocks); // every block there, in document order…
      for (const b of laid.blocks) {
        expect(b.left, b.block).toBeGreaterThanOrEqual(laid.table.left - 0.5);
        expect(b.right, b.block).toBeLessThanOrEqual(laid.table.right + 0.5);
        expect(b.bottom, b.block).toBeGreaterThan(b.top);
      }
      for (let i = 1; i < laid.blocks.length; i++) {
        // …and each below the one before it.
        expect(laid.blocks[i]!.top, laid.blocks[i]!.block).toBeGreaterThanOrEqual(laid.blocks[i - 1]!.bottom - 0.5);
      }
      await page.screenshot({ path: `test-artifacts/digest-${name}-${width}.png`, fullPage: true });
      await page.close();
    },
  );
});
