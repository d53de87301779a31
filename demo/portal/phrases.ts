import { seeded } from './random.ts';

// Sentences in the register of a county land bureau's site, for bodies that read like the real thing.
// None of them carries a date range, a deadline (截止), a personal number or a 《title》 of a demo
// document: those are the text rules' evidence, and only the seeded pages may show them.

const OPENINGS = [
  '为进一步规范土地管理秩序，切实保护耕地，根据《中华人民共和国土地管理法》及相关法律法规，',
  '按照省国土资源厅和市委、市政府的统一部署，',
  '为认真贯彻落实国家节约集约用地政策，提高土地利用效率，',
  '根据《招标拍卖挂牌出让国有建设用地使用权规定》（国土资源部令第39号），',
  '为做好地质灾害防治工作，保障人民群众生命财产安全，',
];
const MIDDLES = [
  '我局结合本地实际，认真研究制定了工作方案，明确了责任分工和完成时限。',
  '各乡镇、街道国土资源所要高度重视，加强组织领导，确保各项工作落到实处。',
  '经梅河口市人民政府批准，现将有关事项公告如下，请相关单位和个人认真阅读。',
  '局领导班子带队深入各乡镇开展实地调研，详细了解基层国土资源管理中存在的困难和问题。',
  '对检查中发现的问题，要建立台账，限期整改，整改情况及时报局办公室。',
  '凡符合条件的法人和其他组织均可报名参加，具体要求详见出让文件。',
  '会议强调，要坚持最严格的耕地保护制度和最严格的节约用地制度，守住耕地保护红线。',
];
const CLOSINGS = [
  '特此公告。',
  '联系电话：0435-4223456（办公室）。',
  '请各单位认真贯彻执行，执行中遇到的问题请及时向我局反映。',
  '会议要求，全局干部职工要进一步转变作风，以更加饱满的热情投入到各项工作中去。',
];

/** A few hundred characters of plausible body text, the same for the same seed. */
export function bodyText(seed: number): string {
  const r = seeded(seed);
  const parts = [r.pick(OPENINGS), r.pick(MIDDLES), r.pick(MIDDLES), r.pick(MIDDLES), r.pick(CLOSINGS)];
  return parts.join('');
}

/** Sentence pools of the columns whose pages speak about one subject. */
const TOPICS = {
  // 土地利用: 用地审批 and 设施农用地 notices.
  use: [
    '经吉林省人民政府批准，本批次城市建设用地已完成农用地转用和土地征收审批手续。',
    '本批次用地涉及山城镇、红梅镇等乡镇，规划用途为城镇住宅用地和商服用地。',
    '用地报批材料齐全，征地补偿标准符合吉林省征地区片综合地价的规定。',
    '补充耕地任务已通过占补平衡指标落实，做到了占一补一、占优补优。',
    '现将审批情况予以公示，接受社会监督，有关意见请向土地利用科反映。',
  ],
  // 土地市场: 挂牌出让 notices and results.
  market: [
    '经梅河口市人民政府批准，梅河口市国土资源局决定以挂牌方式出让国有建设用地使用权。',
    '本次出让地块位于梅河口经济开发区，土地用途为工业用地，出让年限为五十年。',
    '中华人民共和国境内外的法人、自然人和其他组织均可申请参加，申请人可以单独申请，也可以联合申请。',
    '本次挂牌出让按照价高者得的原则确定竞得人，竞得人须按规定签订出让合同。',
    '出让文件可在梅河口市公共资源交易中心获取，具体要求详见出让文件。',
  ],
  // 土地征收: 征收土地方案 and 补偿安置 notices.
  expropriation: [
    '经吉林省人民政府批准，征收梅河口市部分乡镇农民集体所有土地，现将征收土地方案公告如下。',
    '征收土地的补偿标准按照吉林省人民政府公布的征地区片综合地价执行，地上附着物和青苗补偿按照市政府规定执行。',
    '被征收土地的所有权人、使用权人应在公告规定的期限内，持土地权属证书到梅河口市国土资源局办理征地补偿登记。',
    '被征地农民符合条件的，纳入被征地农民社会保障体系。',
    '对征地补偿标准有争议的，由市人民政府协调；协调不成的，按照有关规定申请裁决。',
  ],
  // 地质灾害防治.
  hazard: [
    '我市地处长白山余脉向松辽平原的过渡地带，部分山区乡镇存在崩塌、滑坡、泥石流等地质灾害隐患。',
    '各乡镇要落实地质灾害防治责任制，明确每个隐患点的监测责任人，做到汛前排查、汛中巡查、汛后核查。',
    '对威胁学校、村屯等人员密集区的隐患点，要设立警示标志，制定应急预案，确保避险撤离路线畅通。',
    '局地质环境科对全市在册隐患点逐一进行了现场核查，更新了防灾明白卡和避险明白卡。',
    '遇强降雨天气，要严格执行二十四小时值班和领导带班制度，发现险情立即上报并组织群众转移。',
  ],
  // 财务预算决算.
  finance: [
    '根据《中华人民共和国预算法》和市财政局关于部门预决算公开的统一要求，现将我局部门预决算情况公开如下。',
    '我局部门预算收支包括基本支出和项目支出，基本支出主要用于保障机构正常运转和完成日常工作任务。',
    '“三公”经费严格按照中央八项规定精神执行，因公出国（境）费用为零，公务接待费较上年有所下降。',
    '政府采购严格执行集中采购目录和限额标准，采购项目主要为办公设备和测绘仪器。',
    '各项数据详见公开表格，如有疑问请与局财务科联系。',
  ],
  // 不动产登记中心: 登记公告.
  registration: [
    '经初步审核，下列不动产登记申请符合登记条件，根据《不动产登记暂行条例实施细则》的规定，现予公告。',
    '登记申请人、不动产坐落、权利类型和面积等情况详见公告附表。',
    '如对公告内容有异议，请在公告期内向梅河口市不动产登记中心书面提出，并提供相关证明材料。',
    '逾期无人提出异议或者异议不成立的，将依法予以登记。',
    '特此公告。',
  ],
  // 不动产登记中心: its own news.
  centre: [
    '为深化“放管服”改革，进一步提升不动产登记服务水平，中心结合工作实际，认真研究部署相关工作。',
    '中心全面推行“一窗受理、并行办理”，一般登记业务的办理时限压缩至十个工作日以内。',
    '窗口工作人员主动为群众提供咨询、预约和帮办服务，并为老弱病残等特殊群体开通绿色通道。',
    '中心还在微信公众号公开了办事指南和收费标准，方便群众提前准备材料。',
    '中心负责同志表示，将进一步优化流程、精简材料，让企业和群众少跑腿、好办事。',
  ],
} as const;

export type Topic = keyof typeof TOPICS;

/** A body on one subject: its opening, two of its middle sentences (seeded) and its closing. */
export function topicBody(topic: Topic, seed: number): string {
  const r = seeded(seed);
  const pool = TOPICS[topic];
  const skip = r.int(1, pool.length - 2);
  return pool.filter((_, i) => i !== skip).join('');
}

// 工作动态: news of the bureau, in the forms county sites write them. The towns are 梅河口's.
const TOWNS = [
  '山城镇',
  '红梅镇',
  '海龙镇',
  '新合镇',
  '曙光镇',
  '中和镇',
  '黑山头镇',
  '水道镇',
  '进化镇',
  '一座营镇',
  '康大营镇',
  '牛心顶镇',
  '杏岭镇',
  '湾龙镇',
  '兴华镇',
  '李炉乡',
  '双兴镇',
];
const STUDIES = [
  '耕地保护',
  '土地征收',
  '不动产登记',
  '土地整治项目',
  '农村宅基地管理',
  '高标准农田建设',
  '城乡建设用地增减挂钩',
];
const CAMPAIGNS = [
  '土地执法动态巡查',
  '违法占地专项整治',
  '地质灾害隐患点排查',
  '土地卫片执法检查',
  '矿山地质环境专项检查',
];
const PUBLICITY = [
  '耕地保护法律法规宣传活动',
  '国土资源普法宣传活动',
  '地质灾害防治知识宣传活动',
  '不动产登记政策宣传活动',
];
const MEETINGS = [
  '党风廉政建设工作会议',
  '土地执法监察工作会议',
  '耕地保护责任目标考核工作会议',
  '地质灾害防治工作部署会',
  '“两学一做”学习教育推进会',
  '安全生产工作会议',
  '不动产登记工作推进会',
  '信访维稳工作会议',
  '半年工作总结会议',
  '国土资源信息化建设座谈会',
];
const TRAININGS = [
  '不动产登记业务培训',
  '土地执法业务培训',
  '政府信息公开业务培训',
  '地籍调查技术培训',
  '保密知识培训',
  '测绘地理信息法律法规培训',
];
const DEEDS = [
  '扎实推进农村宅基地确权登记',
  '及时制止一起违法占地行为',
  '开展耕地保护宣传进村屯活动',
  '完成征收土地地上附着物清点工作',
  '开展汛期地质灾害隐患点巡查',
];

const NEWS_SENTENCES = {
  study: [
    '调研组实地查看了项目现场，听取了乡镇政府和国土资源所的工作汇报。',
    '调研中，局领导详细询问了工作进展和存在的困难，并现场研究解决办法。',
    '局领导要求，要严格依法依规办事，切实维护被征地农民的合法权益。',
    '乡镇主要负责同志和局相关科室负责人陪同调研。',
  ],
  campaign: [
    '检查中，执法人员对重点区域逐一进行了实地查看，对发现的问题现场提出整改意见。',
    '对未批先建、少批多占等违法行为，依法下达了责令停止违法行为通知书。',
    '此次行动共出动执法人员二十余人次，检查项目十余个。',
    '下一步，我局将进一步加强动态巡查，做到早发现、早制止、早查处。',
  ],
  publicity: [
    '活动现场设立了政策咨询台，悬挂宣传条幅，摆放宣传展板。',
    '工作人员向过往群众发放宣传资料，现场解答群众关心的土地政策问题。',
    '此次活动共发放宣传资料一千余份，接受群众咨询一百余人次。',
    '通过宣传，进一步增强了广大群众依法用地、珍惜土地的意识。',
  ],
  meeting: [
    '会议由局长主持，局领导班子成员、各科室和基层国土资源所负责人参加会议。',
    '会议传达学习了省、市有关会议精神，总结了前一阶段工作，安排部署了下一步重点任务。',
    '会议强调，要坚持最严格的耕地保护制度和最严格的节约用地制度，守住耕地保护红线。',
    '会议要求，全局干部职工要进一步转变作风，以更加饱满的热情投入到各项工作中去。',
  ],
  training: [
    '培训邀请了省国土资源厅的专家进行授课，全局业务骨干参加了培训。',
    '培训内容涵盖法律法规、业务流程和典型案例，理论与实践相结合。',
    '培训结束后进行了闭卷测试，参训人员全部合格。',
    '通过此次培训，进一步提高了干部职工的业务素质和依法行政水平。',
  ],
  deed: [
    '所长带领工作人员深入村屯，逐户走访，详细记录相关情况。',
    '工作中坚持公开、公平、公正，做到数据准确、程序规范。',
    '当地群众对国土资源所的工作给予了充分肯定。',
    '该所表示，将继续立足基层，切实做好国土资源管理和服务工作。',
  ],
} as const;

const LEADS = ['近日', '日前', '为推动各项工作落实'];
const NEWS_CLOSINGS = [
  '大家纷纷表示，要以此为契机，立足岗位、履职尽责，为梅河口经济社会发展提供有力的国土资源保障。',
  '下一步，我局将认真总结经验，持续推进各项工作，努力推动全市国土资源管理工作再上新台阶。',
  '（梅河口市国土资源局办公室供稿）',
];

type NewsKind = keyof typeof NEWS_SENTENCES;

const NEWS_FORMS: { kind: NewsKind; title: (r: ReturnType<typeof seeded>) => string }[] = [
  { kind: 'study', title: (r) => `局领导深入${r.pick(TOWNS)}调研${r.pick(STUDIES)}工作` },
  { kind: 'campaign', title: (r) => `我局在${r.pick(TOWNS)}开展${r.pick(CAMPAIGNS)}` },
  { kind: 'publicity', title: (r) => `我局在${r.pick(TOWNS)}开展${r.pick(PUBLICITY)}` },
  { kind: 'meeting', title: (r) => `我局召开${r.pick(MEETINGS)}` },
  { kind: 'training', title: (r) => `我局组织开展${r.pick(TRAININGS)}` },
  { kind: 'deed', title: (r) => `${r.pick(TOWNS)}国土资源所${r.pick(DEEDS)}` },
];

/** `count` distinct news headlines with matching bodies (none equal to one in `exclude`). */
export function newsItems(
  seed: number,
  count: number,
  exclude: readonly string[] = [],
): { title: string; body: string }[] {
  const r = seeded(seed);
  const seen = new Set(exclude);
  const out: { title: string; body: string }[] = [];
  while (out.length < count) {
    const form = r.pick(NEWS_FORMS);
    const title = form.title(r);
    if (seen.has(title)) continue;
    seen.add(title);
    // The lead repeats the headline, as county news does; the form's sentences follow.
    const pool = [...NEWS_SENTENCES[form.kind]];
    const first = pool.splice(r.int(0, 1), 1);
    out.push({ title, body: `${r.pick(LEADS)}，${title}。${[...first, ...pool].join('')}${r.pick(NEWS_CLOSINGS)}` });
  }
  return out;
}
