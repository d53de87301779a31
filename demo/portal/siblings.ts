import { RENAMED_ISSUER_ITEMS } from './hanweb-cases.ts';
import type { DemoPortal } from './model.ts';
import { interactionColumns } from './interaction.ts';
import { amend, series } from './series.ts';

// Two small sibling sites, so the homepage rule has a second firing and a near-miss, and the
// crawler meets an old GBK site whose homepage is only navigation.

/** P4 过时信息: pages that still sign with the centre's old name. */
function oldNameIn(items: ReturnType<typeof series>, indexes: number[]) {
  for (const i of indexes) {
    amend(items, i, {
      body: `经审核，申请人提交的不动产登记申请材料齐全，符合法定形式，现予公告。如有异议，请于公告之日起十五个工作日内向梅河口市国土资源局不动产登记中心书面提出。`,
    });
  }
  return items;
}

/** 梅河口市不动产登记中心: an old GBK site; its homepage is navigation only. */
export const BDC: DemoPortal = {
  id: 'mhk-bdc',
  name: '梅河口市不动产登记中心',
  encoding: 'gbk-header',
  homepage: 'nav-only',
  extraNav: [],
  expectedColumns: ['办事指南', '登记公告'],
  // The centre left the bureau in the 2017 不动产登记 reform; pages still using the old name after that are out of date.
  obsoleteNames: [{ old: '梅河口市国土资源局不动产登记中心', new: '梅河口市不动产登记中心', since: '2017-01-01' }],
  departments: [{ name: '登记科', officer: '周丹', email: 'zhoudan@mhk-bdc.example.gov.cn' }],
  columns: [
    {
      id: 'djgg',
      name: '登记公告',
      kind: 'notice',
      department: '登记科',
      markup: 'ul',
      encoding: 'gbk-header',
      items: oldNameIn(
        series({
          count: 24,
          from: '2017-01-06',
          to: '2017-12-20',
          seed: 31,
          topic: 'registration',
          titles: [
            '不动产首次登记公告（梅不动产公字〔2017〕第{n}号）',
            '不动产权证书遗失作废公告（第{n}号）',
            '更正登记公告（第{n}号）',
          ],
        }),
        [1, 4],
      ).concat(RENAMED_ISSUER_ITEMS),
    },
    // Newest 2017-12-20: 26 days for a news column, and the newest item of the whole site.
    {
      id: 'bdcdt',
      name: '工作动态',
      kind: 'news',
      department: '登记科',
      markup: 'ul',
      encoding: 'gbk-header',
      items: series({
        count: 8,
        from: '2017-05-10',
        to: '2017-12-20',
        seed: 32,
        meta: false,
        topic: 'centre',
        titles: [
          '中心召开不动产登记“最多跑一次”改革推进会',
          '中心开展窗口服务规范化培训',
          '中心深入企业开展上门登记服务',
          '中心开通不动产登记网上预约服务',
          '中心组织开展不动产登记档案整理工作',
          '中心为重点项目开辟不动产登记绿色通道',
          '中心开展“文明窗口”创建活动',
          '中心召开全年工作总结暨表彰会议',
        ],
      }),
    },
    {
      id: 'bszn',
      name: '办事指南',
      kind: 'static',
      department: '登记科',
      markup: 'ul',
      encoding: 'gbk-header',
      // Near-miss of obsolete-name: written in 2016, before the renaming.
      items: oldNameIn(
        series({
          count: 4,
          from: '2016-09-01',
          to: '2016-09-20',
          seed: 33,
          titles: [
            '国有建设用地使用权首次登记办事指南',
            '房屋所有权转移登记办事指南',
            '抵押权登记办事指南',
            '更正登记办事指南',
          ],
        }),
        [0],
      ),
    },
    // P8: the booking system behind this column is down on every scan.
    {
      id: 'wsyy',
      name: '网上预约',
      kind: 'static',
      department: '登记科',
      markup: 'ul',
      encoding: 'gbk-header',
      items: [],
      failing: 503,
    },
    // Configured, linked from the navigation, and gone: its list answers 404.
    {
      id: 'sfbz',
      name: '收费标准',
      kind: 'static',
      department: '登记科',
      markup: 'ul',
      encoding: 'gbk-header',
      items: [],
      gone: true,
    },
    ...interactionColumns('mhk-bdc'), // its only channel is 信访举报: no-consultation-channel (interaction.ts)
  ],
};

/** 梅河口市矿产资源管理站: small and current — the homepage near-miss (updated 7 days ago). */
export const KCZ: DemoPortal = {
  id: 'mhk-kcz',
  name: '梅河口市矿产资源管理站',
  encoding: 'utf-8',
  homepage: 'boxes',
  extraNav: [],
  expectedColumns: ['通知公告'],
  departments: [{ name: '矿管科', officer: '吴刚', email: 'wugang@mhk-kcz.example.gov.cn' }],
  columns: [
    ...interactionColumns('mhk-kcz'), // 站长信箱: every message answered (interaction.ts)
    {
      id: 'tzgg',
      name: '通知公告',
      kind: 'notice',
      department: '矿管科',
      markup: 'ul',
      encoding: 'utf-8',
      items: [
        ...series({
          count: 6,
          from: '2017-06-02',
          to: '2018-01-08',
          seed: 41,
          titles: [
            '关于开展矿产资源开发利用专项检查的通知',
            '梅河口市采矿权延续登记公示（第1号）',
            '关于做好汛期矿山安全生产工作的通知',
            '梅河口市采矿权延续登记公示（第2号）',
            '关于开展2017年度矿山储量年报编报工作的通知',
            '关于做好冬季矿山安全生产检查工作的通知', // 2018-01-08: the homepage's newest item
          ],
        }),
        // Near-miss of annual-report-missing: the report is there, under 通知公告 rather than its own column.
        ...series({
          count: 1,
          from: '2017-01-20',
          to: '2017-01-20',
          seed: 43,
          titles: ['梅河口市矿产资源管理站2016年度政府信息公开工作报告'],
        }),
      ],
    },
    {
      id: 'kyqgs',
      name: '矿业权公示',
      kind: 'notice',
      department: '矿管科',
      markup: 'table',
      encoding: 'utf-8',
      items: series({
        count: 3,
        from: '2017-08-10',
        to: '2017-11-30',
        seed: 42,
        titles: ['梅河口市砂石采矿权出让结果公示（第{n}号）'],
      }),
    },
  ],
};

/**
 * 梅河口市土地收购储备中心: its homepage answers 502 on every request, every day (站点无法访问 for
 * good: every probe of the week fails, so the share reaches the veto line), while its one column,
 * served apart, is current and complete — nothing else about the site is wrong.
 */
export const TDCB: DemoPortal = {
  id: 'mhk-tdcb',
  name: '梅河口市土地收购储备中心',
  encoding: 'utf-8',
  homepage: 'boxes',
  homepageDown: 502,
  extraNav: [],
  expectedColumns: [],
  departments: [{ name: '综合科', officer: '刘洋', email: 'liuyang@mhk-tdcb.example.gov.cn' }],
  columns: [
    {
      id: 'tzgg',
      name: '通知公告',
      kind: 'notice',
      department: '综合科',
      markup: 'ul',
      encoding: 'utf-8',
      items: [
        ...series({
          count: 5,
          from: '2017-07-14',
          to: '2018-01-05',
          seed: 51,
          titles: [
            '梅河口市2017年度土地储备计划公示',
            '关于收购储备梅河口市铁北地块国有建设用地使用权的公告',
            '梅河口市储备土地临时利用情况公示',
            '关于开展储备土地巡查管护工作的通知',
            '梅河口市2018年度土地储备计划（草案）公示',
          ],
        }),
        ...series({
          count: 1,
          from: '2017-01-24',
          to: '2017-01-24',
          seed: 52,
          titles: ['梅河口市土地收购储备中心2016年度政府信息公开工作报告'],
        }),
      ],
    },
  ],
};
