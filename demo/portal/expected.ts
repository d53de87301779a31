import type { RuleId } from '../../functions/common/rule-ids.ts';
import { chineseWorkingCalendar } from '../../functions/calendar/working-days.ts';
import { interactionExpectations } from './interaction.ts';
import { itemPath, type DemoItem } from './model.ts';
import { DEMO_PORTALS } from './site.ts';
import { attachmentFile } from './templates.ts';
import { WORDING_PAGES } from './wording-pages.ts';

// The ground truth of the demo's scan of 2018-01-15 (after one on 2018-01-14): what must fire,
// and the near-misses beside each seeded problem that must not. The demo itself scans from
// 2018-01-09 on and finds the same; demoWorkflow (below) is what its 整改 decisions must show.
// tests/scan/demo-findings.test.ts holds the scan to it.

export interface Expectation {
  portal: string;
  rule: RuleId;
  subject: string;
  why: string;
}

export function demoExpectations(origin: string): { fires: Expectation[]; nearMisses: Expectation[] } {
  const portalById = (id: string) => DEMO_PORTALS.find((p) => p.id === id)!;
  const columnUrl = (p: string, c: string) => `${origin}/${p}/${c}/index.html`;
  const pageWhere = (p: string, c: string, pred: (i: DemoItem) => boolean, what: string) => {
    const column = portalById(p).columns.find((x) => x.id === c)!;
    const item = column.items.find(pred);
    if (!item) throw new Error(`demo item not found: ${p}/${c} ${what}`);
    return `${origin}/${p}/${itemPath(column, item)}`;
  };
  const pageUrl = (p: string, c: string, title: string) => pageWhere(p, c, (i) => i.title === title, title);
  const pageSaying = (p: string, c: string, text: string) => pageWhere(p, c, (i) => i.body.includes(text), text);
  const pagesSaying = (p: string, c: string, text: string) => {
    const column = portalById(p).columns.find((x) => x.id === c)!;
    return column.items.filter((i) => i.body.includes(text)).map((i) => `${origin}/${p}/${itemPath(column, i)}`);
  };
  const linkOn = (p: string, c: string, href: string) =>
    new URL(
      href,
      pageWhere(p, c, (i) => !!i.links?.some((l) => l.href === href), href),
    ).toString();
  const home = (p: string) => `${origin}/${p}/index.html`;
  const attachmentOf = (p: string, c: string, title: string) => {
    const column = portalById(p).columns.find((x) => x.id === c)!;
    const it = column.items.find((i) => i.title === title && i.attachment);
    if (!it) throw new Error(`demo attachment not found: ${p}/${c} ${title}`);
    return new URL(`./${attachmentFile(it)}`, `${origin}/${p}/${itemPath(column, it)}`).toString();
  };
  const exactly20 = (i: DemoItem) =>
    !!i.generated && !!i.published && chineseWorkingCalendar.workingDaysBetween(i.generated, i.published) === 20;
  const e = (portal: string, rule: RuleId, subject: string, why: string): Expectation => ({
    portal,
    rule,
    subject,
    why,
  });
  const G = 'mhk-gtj';
  const wordingPage = (k: keyof typeof WORDING_PAGES) => pageUrl(G, 'djyd', WORDING_PAGES[k].title);
  const B = 'mhk-bdc';
  const K = 'mhk-kcz';
  const T = 'mhk-tdcb';

  // The Hanweb-style misses (hanweb-cases.ts), each fixed as a class, each beside its near-miss.
  const hw = (p: string, c: string, rule: RuleId, title: string, why: string) => e(p, rule, pageUrl(p, c, title), why);
  const hanweb = {
    fires: [
      hw(G, 'spgs', 'empty-page', '梅河口市2017年第六批次城市建设用地呈报说明', 'its one link: 下载中心'),
      hw(G, 'spgs', 'privacy-exposure', '梅河口市2017年耕地地力保护补贴发放情况公示', 'cards under 银行卡号'),
      hw(G, 'gfxwj', 'missing-interpretation', '梅河口市国土资源局关于规范临时用地管理的通知', '4 working days'),
      hw(B, 'djgg', 'obsolete-name', '关于启用不动产登记资料查询新系统的公告', 'old 发布机构 in 2017'),
    ],
    nearMisses: [
      hw(G, 'spgs', 'empty-page', '梅河口市2017年第四批次城市建设用地审批情况公示', 'downfile.jsp?filename=….doc'),
      hw(G, 'spgs', 'empty-page', '梅河口市2017年度土地整治项目验收结果公示', 'download.aspx?id=…, text ….pdf'),
      hw(G, 'spgs', 'empty-page', '梅河口市2017年第五批次城市建设用地呈报说明', '/attach/download?fileId=…, 附件1'),
      hw(G, 'spgs', 'privacy-exposure', '梅河口市2017年土地整治项目合同签订情况公示', 'Luhn-valid 合同编号'),
      hw(G, 'gfxwj', 'missing-interpretation', '梅河口市国土资源局关于加强建设用地批后监管的通知', '2 working days'),
      hw(B, 'djgg', 'obsolete-name', '关于调整不动产登记受理窗口的公告', 'old 发布机构 in 2016, before'),
    ],
  };

  const fires = [
    ...hanweb.fires,
    e(G, 'empty-column', columnUrl(G, 'rsxx'), '人事信息 lists nothing'),
    e(G, 'empty-column', columnUrl(G, 'zfgs'), '行政执法公示 shows only 暂无信息'),
    e(
      G,
      'empty-page',
      pageUrl(G, 'tdly', '梅河口市2017年第三批次城市建设用地呈报说明'),
      '12 characters of body, no attachment',
    ),
    e(G, 'empty-page', pageUrl(G, 'tzgg', '关于公布2017年度行政审批事项目录的通知'), 'empty body'),
    e(G, 'missing-column', 'expected:依申请公开', 'expected, neither in the navigation nor configured'),
    e(G, 'missing-column', 'expected:建议提案办理', 'expected, neither in the navigation nor configured'),
    e(B, 'missing-column', columnUrl(B, 'sfbz'), 'configured column whose list answers 404'),
    e(G, 'stale-column', columnUrl(G, 'tdzs'), 'notice column silent since 2017-06-30: 199 days > 183'),
    e(G, 'stale-column', columnUrl(G, 'gzdt'), 'news column silent since 2017-12-29: 17 days > 14'),
    e(B, 'stale-column', columnUrl(B, 'bdcdt'), 'news column silent since 2017-12-20: 26 days > 14'),
    e(
      G,
      'undated-item',
      pageUrl(G, 'gzdt', '我局召开党组理论学习中心组学习会议'),
      'no date in the list nor on the page',
    ),
    e(G, 'undated-item', pageUrl(G, 'gzdt', '我局组织干部职工开展志愿服务活动'), 'no date in the list nor on the page'),
    e(G, 'homepage-not-updated', home(G), 'newest homepage item 2017-12-29: 17 days > 14'),
    e(B, 'homepage-not-updated', home(B), 'navigation-only homepage; newest item of any column 2017-12-20: 26 days'),
    e(
      G,
      'late-publication',
      pageUrl(G, 'zcwj', '梅河口市国土资源局关于进一步加强农村宅基地管理的通知'),
      '成文 2017-09-08, published 2017-10-13: 21 working days across National Day',
    ),
    e(
      G,
      'late-publication',
      pageUrl(G, 'zcwj', '梅河口市国土资源局关于规范土地储备管理工作的实施意见'),
      '成文 2017-11-01, published 25 working days later',
    ),
    e(G, 'site-unreachable', columnUrl(G, 'hdjl'), '503 on both scans'),
    e(B, 'site-unreachable', columnUrl(B, 'wsyy'), '503 on both scans'),
    e(T, 'site-unreachable', home(T), 'the homepage answers 502 on both scans (and to every probe)'),
    e(G, 'broken-link', `${origin}/mhk-gtj/zt/2016nyh/index.html`, 'a 专题 taken down: 404 on both scans'),
    e(
      G,
      'broken-link',
      linkOn(G, 'tdsc', './P020171101_missing.pdf'),
      'an attachment never uploaded: 404 on both scans',
    ),
    e(
      G,
      'backdated-publication',
      pageUrl(G, 'tzgg', '关于开展2018年度土地卫片执法检查工作的通知'),
      'dated 2018-01-05, first seen 2018-01-15: 6 working days',
    ),
    e(
      G,
      'backdated-publication',
      pageUrl(G, 'tzgg', '关于做好2018年元旦春节期间国土资源信访维稳工作的通知'),
      'dated 2018-01-02, first seen 2018-01-15: 9 working days',
    ),
    e(
      G,
      'missing-interpretation',
      pageUrl(G, 'zcwj', '梅河口市国土资源局关于进一步加强农村宅基地管理的通知'),
      'no 解读 at all',
    ),
    e(
      G,
      'missing-interpretation',
      pageUrl(G, 'zcwj', '梅河口市国土资源局关于规范土地储备管理工作的实施意见'),
      'no 解读 at all',
    ),
    e(B, 'annual-report-missing', 'annual-report:2016', 'no 2016 report anywhere (due 2017-01-31)'),
    e(
      G,
      'expired-content',
      pageSaying(G, 'tdly', '有效期至2017年11月30日'),
      'validity ended 2017-11-30: 46 days before',
    ),
    e(
      G,
      'expired-content',
      pageSaying(G, 'tdsc', '2017年10月9日至2017年10月18日'),
      'notice period ended 2017-10-18: 89 days before',
    ),
    e(
      G,
      'privacy-exposure',
      pageUrl(G, 'tzgg', '王建国遗失国有土地使用证声明'),
      'a whole ID number with a valid check digit, and a mobile next to a name',
    ),
    e(
      G,
      'privacy-exposure',
      pageUrl(G, 'tzgg', '李秀英遗失不动产权证书声明'),
      'a whole ID number with a valid check digit',
    ),
    ...pagesSaying(B, 'djgg', '梅河口市国土资源局不动产登记中心').map((url) =>
      e(B, 'obsolete-name', url, 'published 2017, after the renaming, signs with the old name'),
    ),
    // wording-error (P10): one finding per page and lexicon entry, subject `<url>#<entry>`.
    e(G, 'wording-error', `${wordingPage('countryName')}#serious-country-gonghe`, '中华人民共合国 in the body'),
    e(G, 'wording-error', `${wordingPage('typo')}#typo-jiegan`, '秸杆 for 秸秆 (易错词, minor)'),
    e(G, 'wording-error', `${wordingPage('leaderName')}#leader:韩志刚`, '局长韩志钢: same pinyin as the director'),
    e(
      G,
      'wording-error',
      `${wordingPage('fallenInOffice')}#fallen:周文斌`,
      'deputy presented in office after 2018-01-03',
    ),
  ];

  const nearMisses = [
    ...hanweb.nearMisses,
    e(G, 'empty-column', columnUrl(G, 'zhtj'), 'exactly one real item'),
    e(
      G,
      'empty-page',
      pageUrl(G, 'tdsc', '梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2017〕18号）'),
      'body is only 见附件 — but the attachment is there',
    ),
    e(G, 'empty-page', pageUrl(G, 'tzgg', '关于调整不动产登记窗口办公时间的通知'), 'exactly 30 characters of body'),
    e(G, 'missing-column', 'expected:政府信息公开目录', 'in the navigation as "政府信息公开 目录"'),
    e(G, 'missing-column', 'expected:财务预算决算', 'a configured column that answers'),
    e(G, 'stale-column', columnUrl(G, 'jyjy'), 'notice column, newest item 180 days old (≤ 183)'),
    e(G, 'stale-column', columnUrl(G, 'czyjs'), 'planning column, 270 days old (≤ 365)'),
    e(G, 'stale-column', columnUrl(G, 'xxgkzd'), 'static column: never stale (newest 2015)'),
    e(B, 'stale-column', columnUrl(B, 'bszn'), 'static column: never stale (2016)'),
    e(
      G,
      'undated-item',
      pageUrl(G, 'tzgg', '关于2018年元旦假期值班安排的通知'),
      'undated in the list, but the page shows 发布日期',
    ),
    e(K, 'homepage-not-updated', home(K), 'newest homepage item 2018-01-08: 7 days'),
    e(T, 'homepage-not-updated', home(T), 'a homepage that does not open is site-unreachable’s, not stale'),
    e(
      G,
      'late-publication',
      pageUrl(G, 'zcwj', '梅河口市国土资源局关于开展2017年度土地变更调查工作的通知'),
      'exactly 20 working days across National Day (33 calendar days)',
    ),
    e(
      G,
      'late-publication',
      pageWhere(G, 'tdly', exactly20, '20 working days'),
      'exactly 20 working days, no holiday between (成文 2017-08-03, 发布 2017-08-31)',
    ),
    e(G, 'broken-link', `${origin}/mhk-gtj/oa/index.html`, '403 to the public: unverified, never broken'),
    e(G, 'broken-link', columnUrl(G, 'hdjl'), 'a failing column is site-unreachable’s, not reported twice'),
    e(
      G,
      'broken-link',
      attachmentOf(G, 'tdsc', '梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2017〕18号）'),
      'an attachment that is there (200, application/pdf)',
    ),
    e(
      G,
      'backdated-publication',
      pageUrl(G, 'tzgg', '关于召开全市国土资源工作会议的通知（2018年）'),
      'dated 2018-01-12, first seen 2018-01-15: 1 working day',
    ),
    e(
      G,
      'backdated-publication',
      pageUrl(G, 'tzgg', '王建国遗失国有土地使用证声明'),
      'there at the first scan: never judged',
    ),
    e(
      G,
      'missing-interpretation',
      pageUrl(G, 'zcwj', '梅河口市国土资源局关于开展2017年度土地变更调查工作的通知'),
      '解读 published 2 working days later',
    ),
    e(
      G,
      'annual-report-missing',
      'annual-report:2016',
      'the 2016 report is in its column; the 2017 one is not due until 2018-01-31',
    ),
    e(K, 'annual-report-missing', 'annual-report:2016', 'the report is under 通知公告, found by title'),
    e(T, 'annual-report-missing', 'annual-report:2016', 'the report is in its one column, the homepage down or not'),
    e(G, 'expired-content', pageSaying(G, 'tdsc', '2017年12月20日至2018年1月5日'), 'ended 10 days before'),
    e(G, 'expired-content', pageSaying(G, 'tdsc', '2017年12月1日至2017年12月16日'), 'ended exactly 30 days before'),
    e(
      G,
      'privacy-exposure',
      pageUrl(G, 'tzgg', '关于补办国有土地使用证的公告'),
      'an ID-like number with a wrong check digit, an office telephone',
    ),
    e(
      B,
      'obsolete-name',
      pageWhere(B, 'bszn', (i) => i.body.includes('梅河口市国土资源局不动产登记中心'), 'old name 2016'),
      'written in 2016, before the renaming',
    ),
    e(G, 'wording-error', `${wordingPage('exceptionWord')}#typo-anzhuang`, '按装 inside 按装修标准 (an exception)'),
    e(G, 'wording-error', `${wordingPage('history')}#fallen:周文斌`, 'dated 2018-01-02, before his fall'),
    e(G, 'wording-error', `${wordingPage('history')}#leader:韩志刚`, 'the director’s name written right'),
    e(G, 'wording-error', `${wordingPage('caseReport')}#fallen:周文斌`, 'the news item reporting the case'),
  ];
  // 办事指南 (demo/portal/service-guides.ts): two incomplete guides fire, three complete ones do not.
  fires.push(
    e(G, 'guide-missing-elements', pageUrl(G, 'bszn', '临时用地审批办事指南'), 'bold labels: no 办理材料, no 联系电话'),
    e(G, 'guide-missing-elements', pageUrl(G, 'bszn', '乙级测绘资质审批办事指南'), '设定依据 label, empty cell'),
  );
  nearMisses.push(
    e(G, 'guide-missing-elements', pageUrl(G, 'bszn', '采矿权新立登记办事指南'), 'complete table guide'),
    e(G, 'guide-missing-elements', pageUrl(G, 'bszn', '土地登记资料查询办事指南'), 'complete, bold-numbered headings'),
    e(G, 'guide-missing-elements', pageUrl(G, 'bszn', '地质灾害危险性评估备案办事指南'), '收费标准 不收费 is a value'),
    e(G, 'stale-column', columnUrl(G, 'bszn'), 'service-guide column: never stale (2016)'),
  );
  // 互动回应 (interaction.ts): the late and unanswered messages of the three layouts, and their near-misses.
  const messages = interactionExpectations(origin);
  fires.push(...messages.fires);
  nearMisses.push(...messages.nearMisses);

  return { fires, nearMisses };
}

/**
 * What the demo's 整改 workflow must show on 2018-01-15, worked out by hand. Monitoring starts
 * on Tuesday 2018-01-09; a veto finding is due one working day after it is first seen (the 10th),
 * so on the 15th it is three working days late (11, 12, 15) — more than twice its allowance, so
 * the leadership copy escalates it. Major findings of the 9th are due on the 16th, minor ones on
 * the 23rd: not late yet. Findings first seen on the 14th are due on the 15th: not late yet.
 */
export const DEMO_WORKFLOW = {
  portal: 'mhk-gtj',
  /** Ignored on the 14th as a false positive: out of the counts, the score and the lists. */
  ignored: { rule: 'expired-content', by: '政务公开办 赵敏', reason: 'false-positive' },
  /** Acknowledged on the 14th: still counted, and still late. */
  acknowledged: { rule: 'privacy-exposure', by: '办公室 王丽' },
  /**
   * Late on the 15th, by department: 办公室 — 人事信息 empty, the three leaks (one acknowledged),
   * the 局长信箱 message 处理中 since 2017-09-01, and the three serious wording matches of 党建园地
   * awaiting confirmation (checking a suspected 严重表述错误 is work within the veto allowance,
   * though it counts toward no veto item yet); 法规科 — 行政执法公示 empty and the 在线咨询
   * message waiting since 2017-09-03; 地籍管理科 — 土地征收 silent since 2017-06-30 (193 days on
   * the 9th). The 咨询留言 message due 2018-01-09 is first seen on the 14th: due on the 15th.
   */
  overdue: { 办公室: 8, 法规科: 2, 地籍管理科: 1 },
  /** Every late item is a veto finding three working days past a one-day allowance. */
  escalated: 11,
} as const;
