import type { LexiconsConfig } from '../../functions/config/lexicon-schema.ts';
import type { DemoColumn } from './model.ts';
import { item } from './series.ts';

// 严重表述错误 / 错别字 (P10), seeded in a 党建园地 column of the main portal: a misspelt country
// name, an 易错词, the director's name written with a same-sounding character, and a 落马 deputy
// still presented in office — each beside a near-miss that must not fire (expected.ts). All dated
// January 2018, so the 2017 statistics keep the bureau's report's numbers.

/** The portal's own lexicons: its director, and a deputy investigated on 2018-01-03. */
export const WORDING_LEXICONS: LexiconsConfig = {
  leaders: [{ name: '韩志刚', title: '局长' }],
  fallenOfficials: [
    { name: '周文斌', formerPost: '副局长', date: '2018-01-03', source: '梅河口市纪委监委通报（演示）' },
  ],
};

const news = (title: string, published: string, body: string) =>
  item({ title, listDate: published, published, meta: false, notOnHomepage: true, body });

export const WORDING_PAGES = {
  countryName: news(
    '我局党组召开专题会议学习宣传贯彻党的十九大精神',
    '2018-01-04',
    '1月3日，我局党组召开专题会议，传达学习党的十九大精神。会议指出，要深刻领会新时代中华人民共合国发展的历史方位，把思想和行动统一到党的十九大精神上来，切实做好国土资源管理各项工作。',
  ),
  typo: news(
    '我局配合做好冬季秸秆禁烧工作',
    '2018-01-04',
    '为改善冬季大气环境质量，我局按照市政府统一部署，组织干部深入乡镇开展秸杆禁烧巡查，宣传秸秆综合利用政策，督促各乡镇落实网格化监管责任，确保不出现露天焚烧现象。',
  ),
  leaderName: news(
    '我局召开2018年度国土资源工作会议',
    '2018-01-05',
    '1月5日，我局召开2018年度国土资源工作会议。局长韩志钢出席会议并讲话，总结2017年工作成绩，部署2018年重点任务，要求全局干部职工守住耕地红线，优化用地保障，推进不动产登记便民利民。',
  ),
  fallenInOffice: news(
    '我局开展冬季地质灾害隐患排查',
    '2018-01-08',
    '1月5日，副局长周文斌带队深入山城镇、水道镇等地开展地质灾害隐患点排查，逐点查看监测设施和群测群防责任落实情况，要求各乡镇严格执行冬季值班和巡查制度，确保群众生命财产安全。',
  ),
  // Near-miss: 按装 is an 易错词 for 安装, but here it starts 按装修标准 (an exception context).
  exceptionWord: news(
    '关于机关办公用房维修改造的说明',
    '2018-01-02',
    '机关办公楼维修改造工程已完成招标，施工单位将按装修标准和节能要求组织施工，施工期间请各科室妥善保管文件资料，注意用电用火安全，确保施工期间办公秩序正常。',
  ),
  // Near-miss: the deputy in office in a page dated the day before his fall, the director's name right.
  history: news(
    '我局召开2017年度工作总结会议',
    '2018-01-02',
    '1月2日，我局召开2017年度工作总结会议。局长韩志刚主持会议，副局长周文斌通报全年土地供应和耕地保护工作情况，会议对2018年执法监察、地质灾害防治等重点工作作出安排部署。',
  ),
  // Near-miss: the news item that reports the case names him with his post on purpose.
  caseReport: news(
    '梅河口市国土资源局副局长周文斌接受纪律审查和监察调查',
    '2018-01-03',
    '据梅河口市纪委监委消息：梅河口市国土资源局副局长周文斌涉嫌严重违纪违法，目前正接受纪律审查和监察调查。我局将深刻汲取教训，以案为鉴，持续加强党风廉政建设和干部队伍管理。',
  ),
};

/** 党建园地: an archive of 机关党建 news, kept as a static column (never stale by design). */
export const WORDING_COLUMN: DemoColumn = {
  id: 'djyd',
  name: '党建园地',
  kind: 'static',
  department: '办公室',
  markup: 'ul',
  encoding: 'utf-8',
  items: Object.values(WORDING_PAGES).sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '')),
};
