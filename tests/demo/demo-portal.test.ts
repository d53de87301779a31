import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { demoExpectations } from '../../demo/portal/expected.ts';
import { itemPath, type DemoItem } from '../../demo/portal/model.ts';
import { DEMO_PORTALS, renderSite } from '../../demo/portal/site.ts';
import { chineseWorkingCalendar } from '../../functions/calendar/working-days.ts';

// The demo's content model, checked without a crawl: the report's numbers, believable variety,
// clean bytes, and a ground truth (expected.ts) that agrees with the pages it describes.

const ORIGIN = 'http://demo.invalid';
const portal = (id: string) => DEMO_PORTALS.find((p) => p.id === id)!;
const everyItem = () =>
  DEMO_PORTALS.flatMap((p) =>
    p.columns.flatMap((c) =>
      c.items.map((item) => ({ portal: p, column: c, item, url: `${ORIGIN}/${p.id}/${itemPath(c, item)}` })),
    ),
  );
const firing = (rule: string) =>
  demoExpectations(ORIGIN)
    .fires.filter((f) => f.rule === rule)
    .map((f) => f.subject)
    .sort();

describe('the demo content', () => {
  it('renders the same bytes every time (stable ETags, stable findings)', () => {
    const a = renderSite();
    const b = renderSite();
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, f] of a) expect(f.etag, k).toBe(b.get(k)!.etag);
  });

  it('has more than 100 detail pages on the main portal', () => {
    const details = [...renderSite().keys()].filter((p) => p.startsWith('/mhk-gtj/') && /\/t\d{8}_\d+\.html$/.test(p));
    expect(details.length).toBeGreaterThan(100);
  });

  it('carries the 2017 counts of the bureau’s report in its columns', () => {
    const in2017 = (id: string) =>
      portal('mhk-gtj')
        .columns.find((c) => c.name === id)!
        .items.filter((i) => (i.listDate ?? i.published)?.startsWith('2017')).length;
    // 2017年网上公开信息145条：土地利用方面信息29条；土地利用计划信息2条；土地市场信息23条 …
    expect({
      土地利用: in2017('土地利用'),
      土地利用计划: in2017('土地利用计划'),
      土地市场: in2017('土地市场'),
      土地征收: in2017('土地征收'),
      财务预算决算: in2017('财务预算决算'),
      节约集约利用: in2017('节约集约利用'),
      综合统计: in2017('综合统计'),
      科学普及: in2017('科学普及'),
      地质灾害防治: in2017('地质灾害防治'),
    }).toEqual({
      土地利用: 29,
      土地利用计划: 2,
      土地市场: 23,
      土地征收: 13,
      财务预算决算: 5,
      节约集约利用: 2,
      综合统计: 1,
      科学普及: 3,
      地质灾害防治: 9,
    });
    expect(in2017('工作动态')).toBeGreaterThanOrEqual(100); // 国土部门工作动态信息100余条
  });

  it('never repeats a title within a column, and gives ordinary pages a real body', () => {
    for (const p of DEMO_PORTALS) {
      for (const c of p.columns) {
        const titles = c.items.map((i) => i.title);
        expect(new Set(titles).size, `${p.id}/${c.id}`).toBe(titles.length);
      }
    }
    const news = portal('mhk-gtj').columns.find((c) => c.id === 'gzdt')!.items;
    const lengths = news.map((i) => i.body.length).sort((a, b) => a - b);
    expect(lengths[0]).toBeGreaterThanOrEqual(100);
  });

  it('encodes every GBK page without losing a character', () => {
    // iconv-lite writes "?" for a character GBK lacks; no demo page has a real "?".
    const gbk = [...renderSite()].filter(
      ([, f]) => f.contentType === 'text/html' || /charset=GBK/i.test(f.contentType),
    );
    expect(gbk.length).toBeGreaterThan(40);
    for (const [path, f] of gbk) expect(iconv.decode(f.body, 'gbk').includes('?'), path).toBe(false);
  });

  it('seeds exactly the expected empty pages: body under 30 characters and no attachment', () => {
    const text = (i: DemoItem) => `${i.body}${(i.html ?? '').replace(/<[^>]*>/g, '')}`.replace(/\s+/g, '');
    const attached = (i: DemoItem) => !!i.attachment || !!i.served?.some((s) => s.document);
    const empty = everyItem().filter(({ item }) => text(item).length < 30 && !attached(item) && !item.links?.length);
    expect(empty.map((x) => x.url).sort()).toEqual(firing('empty-page'));
  });

  it('seeds exactly the expected undated items: no date in the list nor on the page', () => {
    const undated = everyItem().filter(({ item }) => !item.listDate && !item.published);
    expect(undated.map((x) => x.url).sort()).toEqual(firing('undated-item'));
  });

  it('seeds exactly the expected late publications: more than 20 Chinese working days from 成文 to 发布', () => {
    const days = (g: string, p: string) => chineseWorkingCalendar.workingDaysBetween(g, p);
    const late = everyItem().filter(
      ({ item }) => item.meta && item.generated && item.published && days(item.generated, item.published) > 20,
    );
    expect(late.map((x) => x.url).sort()).toEqual(firing('late-publication'));
    // …and the near-misses sit on the line: exactly 20, one of them across the National Day week.
    const onTheLine = everyItem().filter(
      ({ item }) => item.generated && item.published && days(item.generated, item.published) === 20,
    );
    expect(onTheLine.map(({ item }) => [item.generated, item.published])).toEqual(
      expect.arrayContaining([
        ['2017-08-03', '2017-08-31'],
        ['2017-09-15', '2017-10-19'],
      ]),
    );
  });

  it('lists every near-miss once, with a reason, and never as a fire too', () => {
    const { fires, nearMisses } = demoExpectations(ORIGIN);
    const key = (e: { portal: string; rule: string; subject: string }) => `${e.portal} ${e.rule} ${e.subject}`;
    expect(new Set(nearMisses.map(key)).size).toBe(nearMisses.length);
    expect(new Set(fires.map(key)).size).toBe(fires.length);
    const fired = new Set(fires.map(key));
    expect(nearMisses.filter((e) => fired.has(key(e)))).toEqual([]);
    for (const e of [...fires, ...nearMisses]) expect(e.why.length, key(e)).toBeGreaterThan(5);
  });
});
