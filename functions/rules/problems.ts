import type { RuleId } from '../common/rule-ids.ts';

// The problem groups of docs/rules.md: the bureau's own 2017 annual report (section 五, and the
// sections it cites) named what goes wrong; output and digests group findings under those
// words so a reader recognises their own report.

export type ProblemId = 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'P7' | 'P8' | 'P9' | 'P10';

export interface Problem {
  id: ProblemId;
  /** A short Chinese heading. */
  label: string;
  /** The report's own words. */
  words: string;
}

export const PROBLEMS: readonly Problem[] = [
  { id: 'P1', label: '信息员工作机制不完善', words: '信息员收集信息的机制有待进一步完善' },
  { id: 'P2', label: '栏目建设不完善', words: '门户网站部分栏目建设仍不够完善，存在缺少栏目或只有目录没有内容等现象' },
  { id: 'P3', label: '信息更新不及时', words: '有些政务信息更新不及时，网页相对陈旧' },
  { id: 'P4', label: '过期过时信息处理不及时', words: '对过期和过时信息删除或更新不够及时' },
  { id: 'P5', label: '信息公开不及时', words: '文件信息从生成到网上公开不超过20个工作日' },
  {
    id: 'P6',
    label: '政策解读未同步',
    words: '政策措施文件与发布解读方案，发布解读材料同步起草、同步审批、同步发布“三同步”制度',
  },
  { id: 'P7', label: '保密审查不到位', words: '建立了梅河口市国土资源局信息公开保密审查制度' },
  { id: 'P8', label: '门户网站安全', words: '本局由信息中心专门负责维护和安全防范工作' },
  { id: 'P9', label: '年度报告与统计', words: '2017年网上公开信息145条：土地利用方面信息29条 …' },
  {
    id: 'P10',
    label: '检查单项否决项',
    words: '严重表述错误、互动回应差、服务不实用（国办秘函〔2019〕19号单项否决）',
  },
];

// Every rule id in exactly one group (the Record type makes a new rule id a compile error
// until it is placed). broken-link could belong to P4 or P8; it lives in P4 because the fix is
// the column 信息员's (remove or update the dead link), while P8 is the site's availability,
// run by the 信息中心. annual-report-missing goes to P9, the group about the annual report and
// its statistics.
const GROUP: Readonly<Record<RuleId, ProblemId>> = {
  'missing-column': 'P2',
  'empty-column': 'P2',
  'empty-page': 'P2',
  'homepage-not-updated': 'P3',
  'stale-column': 'P3',
  'undated-item': 'P3',
  'expired-content': 'P4',
  'obsolete-name': 'P4',
  'broken-link': 'P4',
  'late-publication': 'P5',
  'backdated-publication': 'P5',
  'missing-interpretation': 'P6',
  'privacy-exposure': 'P7',
  'site-unreachable': 'P8',
  'annual-report-missing': 'P9',
  'guide-missing-elements': 'P10',
  'no-consultation-channel': 'P10',
  'unanswered-message': 'P10',
  'wording-error': 'P10',
};

export function problemOf(rule: RuleId): Problem {
  const id = GROUP[rule];
  const problem = PROBLEMS.find((p) => p.id === id);
  if (!problem) throw new Error(`rule "${rule}" has no problem group; add it to GROUP in problems.ts`);
  return problem;
}
