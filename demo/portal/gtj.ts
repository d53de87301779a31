import { HANWEB_COLUMNS } from './hanweb-cases.ts';
import type { DemoColumn, DemoPortal } from './model.ts';
import { interactionColumns } from './interaction.ts';
import { newsItems } from './phrases.ts';
import { amend, item, series, workingDaysAfter } from './series.ts';
import { serviceGuideColumn } from './service-guides.ts';
import { WORDING_COLUMN, WORDING_LEXICONS } from './wording-pages.ts';

// 梅河口市国土资源局: the columns of its 2017 report, with the report's 2017 counts (土地利用
// 29, 土地市场 23, 土地征收 13 …) and the problems the report admits, seeded on purpose.
// Every seeded problem has a near-miss next to it that must not fire (see expected.ts).

const col = (
  c: Omit<DemoColumn, 'markup' | 'encoding'> & Partial<Pick<DemoColumn, 'markup' | 'encoding'>>,
): DemoColumn => ({
  markup: 'ul',
  encoding: 'utf-8',
  ...c,
});

// P5 公开时效: 成文 → 发布 in working days. 2017-09-15 + 20 working days crosses the National
// Day week (10-01..10-08 off, Saturday 09-30 on): 33 calendar days, yet on time.
const lateAcrossNationalDay = item({
  title: '梅河口市国土资源局关于进一步加强农村宅基地管理的通知',
  listDate: workingDaysAfter('2017-09-08', 21),
  published: workingDaysAfter('2017-09-08', 21),
  generated: '2017-09-08',
  docNo: '梅国土资发〔2017〕31号',
  seed: 11,
});
const lateInNovember = item({
  title: '梅河口市国土资源局关于规范土地储备管理工作的实施意见',
  listDate: workingDaysAfter('2017-11-01', 25),
  published: workingDaysAfter('2017-11-01', 25),
  generated: '2017-11-01',
  docNo: '梅国土资发〔2017〕42号',
  seed: 12,
});
const onTimeAcrossNationalDay = item({
  title: '梅河口市国土资源局关于开展2017年度土地变更调查工作的通知',
  listDate: workingDaysAfter('2017-09-15', 20),
  published: workingDaysAfter('2017-09-15', 20),
  generated: '2017-09-15',
  docNo: '梅国土资发〔2017〕35号',
  seed: 13,
});

/**
 * Near-miss of late-publication away from any holiday: the last August page of 土地利用 is
 * formed exactly 20 working days before it is published (成文 2017-08-03, 发布 2017-08-31).
 */
function onTimeInSummer(items: ReturnType<typeof series>) {
  const i = items.findIndex((x) => x.published?.startsWith('2017-08'));
  return amend(items, i, { generated: workingDaysAfter(items[i]!.published!, -20) });
}

function tdscSeries() {
  const items = series({
    count: 22,
    from: '2017-01-16',
    to: '2017-12-21',
    seed: 3,
    topic: 'market',
    titles: [
      '梅河口市国有建设用地使用权挂牌出让结果公示（第{n}号）',
      '梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2017〕{n}号）',
      '梅河口市土地供应结果公示（{m}月）',
    ],
  });
  const notice = (period: string) =>
    `梅河口市国有建设用地使用权挂牌出让结果已经确定，现予公示。公示期${period}。公示期内如有异议，请以书面形式向梅河口市国土资源局反映。`;
  // Near-misses of expired-content: ended 10 days before as-of, and exactly 30 days before.
  amend(items, 0, { body: notice('2017年12月20日至2018年1月5日') });
  amend(items, 1, { body: notice('为2017年12月1日至2017年12月16日') });
  // P4 过期信息: a notice period that ended on 2017-10-18, three months before as-of.
  amend(items, 3, { body: notice('为2017年10月9日至2017年10月18日') });
  // P4/P8 失效链接: an attachment that was never uploaded.
  amend(items, 2, { links: [{ href: './P020171101_missing.pdf', text: '附件：出让地块界址图.pdf' }] });
  return items;
}

// Distinct titles, oldest first, for series whose items come roughly once a month or less.
const DZZH_TITLES = [
  '梅河口市2017年地质灾害防治方案', // 03-15
  '关于开展春季地质灾害隐患点排查工作的通知',
  '关于做好汛期地质灾害防治工作的通知',
  '梅河口市地质灾害隐患点巡查情况通报（第1期）',
  '关于进一步加强主汛期地质灾害防范工作的紧急通知', // 08-02
  '梅河口市地质灾害隐患点巡查情况通报（第2期）',
  '梅河口市2017年汛期地质灾害防治工作总结',
  '梅河口市汛后地质灾害隐患点核查情况通报',
  '关于做好冬春季地质灾害防治工作的通知', // 12-20
];
const TZGG_TITLES = [
  '关于做好春节期间国土资源执法巡查工作的通知', // 01-20
  '关于开展2017年度土地卫片执法检查整改工作的通知',
  '梅河口市国土资源局行政许可事项公告（第1号）',
  '关于开展“安全生产月”活动的通知',
  '梅河口市国土资源局行政许可事项公告（第2号）',
  '关于开展违法占用耕地专项整治行动的通知',
  '关于国庆、中秋期间加强值班工作的通知',
  '关于做好第三次全国土地调查前期准备工作的通知',
  '梅河口市国土资源局行政许可事项公告（第3号）', // 12-22
];
/** 103 distinct 工作动态 headlines with bodies that match them (never the two undated ones' titles). */
const NEWS = newsItems(14, 103, ['我局召开党组理论学习中心组学习会议', '我局组织干部职工开展志愿服务活动']);

export const GTJ: DemoPortal = {
  id: 'mhk-gtj',
  name: '梅河口市国土资源局',
  encoding: 'utf-8',
  homepage: 'boxes',
  // "政府信息公开 目录" with a space: the expected column is there, only spelled loosely.
  extraNav: ['政府信息公开 目录', '网上办事'],
  expectedColumns: [
    '政府信息公开指南',
    '政府信息公开目录',
    '政府信息公开年报',
    '财务预算决算',
    '依申请公开',
    '建议提案办理',
  ],
  departments: [
    { name: '办公室', officer: '王丽', email: 'wangli@mhk-gtj.example.gov.cn' },
    { name: '土地利用科', officer: '张明', email: 'zhangming@mhk-gtj.example.gov.cn' },
    { name: '地籍管理科', officer: '李强', email: 'liqiang@mhk-gtj.example.gov.cn' },
    { name: '耕地保护科', officer: '赵敏', email: 'zhaomin@mhk-gtj.example.gov.cn' },
    { name: '地质环境科', officer: '刘洋', email: 'liuyang@mhk-gtj.example.gov.cn' },
    { name: '财务科', officer: '陈静', email: 'chenjing@mhk-gtj.example.gov.cn' },
    { name: '法规科', officer: '孙伟', email: 'sunwei@mhk-gtj.example.gov.cn' },
  ],
  columns: [
    col({
      id: 'tdly',
      name: '土地利用',
      kind: 'notice',
      department: '土地利用科',
      items: [
        // P2 只有目录没有内容: a title and a metadata table, nine characters of body.
        item({
          title: '梅河口市2017年第三批次城市建设用地呈报说明',
          listDate: '2017-10-20',
          published: '2017-10-20',
          generated: '2017-10-18',
          body: '详见正式文件。内容待补充',
        }),
        // P4 过期信息: a filing notice whose validity ended on 2017-11-30, still listed as current.
        ...onTimeInSummer(
          amend(
            series({
              count: 28,
              from: '2017-01-09',
              to: '2017-12-26',
              seed: 1,
              topic: 'use',
              docPrefix: '梅国土资函',
              titles: [
                '梅河口市{m}月份建设用地审批情况公示',
                '关于梅河口市2017年第{n}批次城市建设用地的批复公告',
                '梅河口市土地利用总体规划调整完善情况说明（第{n}号）',
                '关于设施农用地备案情况的公示（第{n}批）',
              ],
            }),
            5,
            {
              body: '经审核，下列设施农用地备案材料齐全，符合相关规定，现予备案。备案有效期至2017年11月30日，逾期未开工建设的，备案自动失效，需重新办理备案手续。特此公示。',
            },
          ),
        ),
      ],
    }),
    col({
      id: 'tdlyjh',
      name: '土地利用计划',
      kind: 'planning',
      department: '土地利用科',
      items: series({
        count: 2,
        from: '2017-03-10',
        to: '2017-08-15',
        seed: 2,
        titles: ['梅河口市2017年度土地利用计划', '梅河口市2017年度土地利用计划调整方案'],
      }),
    }),
    col({
      id: 'tdsc',
      name: '土地市场',
      kind: 'notice',
      department: '土地利用科',
      markup: 'table',
      encoding: 'gbk-header',
      items: [
        // Near-miss for empty-page: nothing but "见附件" — and the attachment is there.
        item({
          title: '梅河口市国有建设用地使用权挂牌出让公告（梅国土挂字〔2017〕18号）',
          listDate: '2017-12-28',
          published: '2017-12-28',
          generated: '2017-12-27',
          body: '见附件。',
          attachment: '梅国土挂字〔2017〕18号出让文件.pdf',
        }),
        ...tdscSeries(),
      ],
    }),
    // P3 栏目不更新: a notice column silent since 2017-06-30 (199 days > 183).
    col({
      id: 'tdzs',
      name: '土地征收',
      kind: 'notice',
      department: '地籍管理科',
      items: series({
        count: 13,
        from: '2017-01-12',
        to: '2017-06-30',
        seed: 4,
        topic: 'expropriation',
        titles: [
          '梅河口市征收土地方案公告（梅征〔2017〕{n}号）',
          '梅河口市征地补偿安置方案公告（第{n}号）',
          '关于征收集体土地的预公告（第{n}号）',
        ],
      }),
    }),
    // Near-miss for stale-column: budgets are planning-kind (one year); 270 days is fine.
    col({
      id: 'czyjs',
      name: '财务预算决算',
      kind: 'planning',
      department: '财务科',
      items: series({
        count: 5,
        from: '2017-02-14',
        to: '2017-04-20',
        seed: 5,
        topic: 'finance',
        titles: [
          '梅河口市国土资源局2017年部门预算',
          '梅河口市国土资源局2016年部门决算',
          '梅河口市国土资源局2017年“三公”经费预算情况说明',
          '梅河口市国土资源局2016年“三公”经费决算情况说明',
          '梅河口市国土资源局2017年政府采购预算',
        ],
      }),
    }),
    // Near-miss for stale-column: a notice column whose newest item is 180 days old.
    col({
      id: 'jyjy',
      name: '节约集约利用',
      kind: 'notice',
      department: '耕地保护科',
      items: series({
        count: 2,
        from: '2017-03-22',
        to: '2017-07-19',
        seed: 6,
        titles: ['梅河口市闲置土地处置情况公示', '梅河口市节约集约用地“双保工程”实施情况'],
      }),
    }),
    // Near-miss for empty-column (exactly one real item) and for stale-column (static never is).
    col({
      id: 'zhtj',
      name: '综合统计',
      kind: 'static',
      department: '办公室',
      items: series({
        count: 1,
        from: '2017-02-10',
        to: '2017-02-10',
        seed: 7,
        titles: ['梅河口市2016年国土资源综合统计年报'],
      }),
    }),
    col({
      id: 'kxpj',
      name: '科学普及',
      kind: 'notice',
      department: '地质环境科',
      markup: 'month-day',
      items: series({
        count: 3,
        from: '2017-04-22',
        to: '2017-12-05',
        seed: 8,
        meta: false,
        titles: [
          '“4·22世界地球日”国土资源科普宣传活动',
          '全国土地日：节约集约利用土地 严守耕地保护红线',
          '地质灾害防治知识问答',
        ],
      }),
    }),
    col({
      id: 'dzzh',
      name: '地质灾害防治',
      kind: 'notice',
      department: '地质环境科',
      markup: 'chinese-date',
      encoding: 'gbk-meta',
      items: series({ count: 9, from: '2017-03-15', to: '2017-12-20', seed: 9, topic: 'hazard', titles: DZZH_TITLES }),
    }),
    col({
      id: 'xxgkzd',
      name: '信息公开制度',
      kind: 'static',
      department: '办公室',
      items: series({
        count: 1,
        from: '2015-06-10',
        to: '2015-06-10',
        seed: 10,
        titles: ['梅河口市国土资源局政府信息公开工作办法'],
      }),
    }),
    // P3: news silent since 2017-12-29 (17 days > 14); two items dated nowhere (undated-item).
    col({
      id: 'gzdt',
      name: '工作动态',
      kind: 'news',
      department: '办公室',
      items: [
        ...amend(
          amend(
            series({
              count: 103,
              from: '2017-01-04',
              to: '2017-12-29',
              seed: 14,
              meta: false,
              titles: NEWS.map((n) => n.title),
              bodies: NEWS.map((n) => n.body),
            }),
            // A link to a special topic (专题) taken down long ago: 404.
            2,
            { links: [{ href: '/mhk-gtj/zt/2016nyh/index.html', text: '第三次全国农业普查专题' }] },
          ),
          // Near-miss of broken-link: the intranet answers 403 to the public — unverified, not broken.
          3,
          { links: [{ href: '/mhk-gtj/oa/index.html', text: '内部办公系统' }] },
        ),
        item({ title: '我局召开党组理论学习中心组学习会议', listDate: null, published: null, meta: false, seed: 15 }),
        item({ title: '我局组织干部职工开展志愿服务活动', listDate: null, published: null, meta: false, seed: 16 }),
      ],
    }),
    col({
      id: 'tzgg',
      name: '通知公告',
      kind: 'notice',
      department: '办公室',
      items: [
        // Near-miss for undated-item: no date in the list, but the page shows its 发布日期.
        item({
          title: '关于2018年元旦假期值班安排的通知',
          listDate: null,
          published: '2017-12-29',
          generated: '2017-12-28',
          seed: 17,
        }),
        // P2 只有目录没有内容: an empty body.
        item({
          title: '关于公布2017年度行政审批事项目录的通知',
          listDate: '2017-11-15',
          published: '2017-11-15',
          generated: '2017-11-14',
          body: '',
        }),
        // P5 伪造发稿日期?: posted on 2018-01-15 (the second day the demo scans), dated back.
        item({
          title: '关于开展2018年度土地卫片执法检查工作的通知',
          listDate: '2018-01-05',
          published: '2018-01-05',
          generated: '2018-01-04',
          appearsOn: '2018-01-15',
          notOnHomepage: true,
          seed: 23,
        }),
        item({
          title: '关于做好2018年元旦春节期间国土资源信访维稳工作的通知',
          listDate: '2018-01-02',
          published: '2018-01-02',
          generated: '2017-12-29',
          appearsOn: '2018-01-15',
          notOnHomepage: true,
          seed: 24,
        }),
        // Near-miss: posted on 2018-01-15 and dated the previous working day but one (1 working day).
        item({
          title: '关于召开全市国土资源工作会议的通知（2018年）',
          listDate: '2018-01-12',
          published: '2018-01-12',
          generated: '2018-01-11',
          appearsOn: '2018-01-15',
          notOnHomepage: true,
          seed: 25,
        }),
        // P7 保密审查: loss notices that print a whole ID number and a mobile number next to a name.
        item({
          title: '王建国遗失国有土地使用证声明',
          listDate: '2017-12-05',
          published: '2017-12-05',
          generated: '2017-12-04',
          body: '梅河口市居民王建国（身份证号码：220581198503152317）不慎遗失梅国用（2009）第0312号国有土地使用证，声明作废。联系人：王建国 13904351234。',
        }),
        item({
          title: '李秀英遗失不动产权证书声明',
          listDate: '2017-11-20',
          published: '2017-11-20',
          generated: '2017-11-17',
          body: '李秀英，身份证号220581197206080420，不慎遗失吉（2017）梅河口市不动产权第0001234号不动产权证书，现声明作废。',
        }),
        // Near-miss: an ID-like number with a wrong check digit, and only the office telephone.
        item({
          title: '关于补办国有土地使用证的公告',
          listDate: '2017-10-25',
          published: '2017-10-25',
          generated: '2017-10-24',
          body: '申请人提交的材料编号220581199001011230经审核无误，现予公告。咨询电话：0435-4223456（梅河口市国土资源局办公室）。',
        }),
        // Near-miss for empty-page: exactly 30 characters of body.
        item({
          title: '关于调整不动产登记窗口办公时间的通知',
          listDate: '2017-10-09',
          published: '2017-10-09',
          generated: '2017-10-09',
          body: '自即日起不动产登记窗口办公时间调整为每日八时三十分至十六时。',
        }),
        ...series({ count: 9, from: '2017-01-20', to: '2017-12-22', seed: 18, titles: TZGG_TITLES }),
      ],
    }),
    col({
      id: 'zcwj',
      name: '政策文件',
      kind: 'policy',
      department: '法规科',
      items: [
        lateInNovember,
        lateAcrossNationalDay,
        onTimeAcrossNationalDay,
        ...series({
          count: 3,
          from: '2017-03-08',
          to: '2017-12-18',
          seed: 19,
          docPrefix: '梅国土资发',
          titles: [
            '梅河口市国土资源局关于印发《土地执法监察工作制度》的通知',
            '梅河口市国土资源局关于加强耕地占补平衡管理的通知',
            '梅河口市国土资源局关于印发《国土资源信访工作办法》的通知',
          ],
        }),
      ].sort((a, b) => (b.listDate ?? '').localeCompare(a.listDate ?? '')),
    }),
    col({
      id: 'zcjd',
      name: '政策解读',
      kind: 'interpretation',
      department: '法规科',
      items: [
        // Near-miss of missing-interpretation: published 2 working days after its document.
        item({
          title: '《关于开展2017年度土地变更调查工作的通知》解读',
          listDate: workingDaysAfter(onTimeAcrossNationalDay.published!, 2),
          published: workingDaysAfter(onTimeAcrossNationalDay.published!, 2),
          generated: onTimeAcrossNationalDay.published,
          seed: 26,
        }),
        ...series({
          count: 3,
          from: '2017-03-10',
          to: '2017-12-20',
          seed: 20,
          titles: [
            '《土地执法监察工作制度》政策解读',
            '《关于加强耕地占补平衡管理的通知》解读',
            '《国土资源信访工作办法》解读',
          ],
        }),
      ].sort((a, b) => (b.listDate ?? '').localeCompare(a.listDate ?? '')),
    }),
    col({
      id: 'gkzn',
      name: '政府信息公开指南',
      kind: 'static',
      department: '办公室',
      items: series({
        count: 1,
        from: '2016-03-01',
        to: '2016-03-01',
        seed: 21,
        titles: ['梅河口市国土资源局政府信息公开指南（2016年修订）'],
      }),
    }),
    col({
      id: 'ndbg',
      name: '政府信息公开年报',
      kind: 'annual-report',
      department: '办公室',
      items: series({
        count: 2,
        from: '2016-01-25',
        to: '2017-01-20',
        seed: 22,
        titles: ['梅河口市国土资源局2015年度政府信息公开工作报告', '梅河口市国土资源局2016年度政府信息公开工作报告'],
      }),
    }),
    // P8 站点无法访问: the 互动交流 system behind this column is down on every scan.
    col({ id: 'hdjl', name: '互动交流', kind: 'static', department: '办公室', items: [], failing: 503 }),
    // P2 空白栏目: a column that never carried anything, and one showing only 暂无信息.
    col({ id: 'rsxx', name: '人事信息', kind: 'personnel', department: '办公室', items: [] }),
    col({ id: 'zfgs', name: '行政执法公示', kind: 'notice', department: '法规科', items: [], placeholder: true }),
    ...HANWEB_COLUMNS,
    serviceGuideColumn(), // 办事指南: complete and incomplete guides (guide-missing-elements)
    ...interactionColumns('mhk-gtj'), // 互动回应: Hanweb, TRS and plain-table message columns (interaction.ts)
    WORDING_COLUMN,
  ],
  lexicons: WORDING_LEXICONS,
};
