/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../functions/digest/render-html.ts';
import { buildDigest } from '../../functions/digest/view-model.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import type { StoredFinding } from '../../functions/store/records.ts';

// The digest as a phone and a desktop mail client would lay it out: Debian's Chromium (with a
// CJK font, installed by .ci/run) at 375 px and 800 px, no horizontal scrolling, screenshots kept.

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
});
