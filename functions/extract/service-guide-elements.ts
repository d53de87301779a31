import { squeeze } from './text.ts';

// The elements of a 办事指南 the national inspection checks (国办秘函〔2019〕19号, 服务不实用:
// 事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程), with the
// synonyms the publishing systems print for them, plus the two that are owed only conditionally:
// 收费标准 (when the guide charges) and 办理时限 (when it promises a time).

export const REQUIRED_GUIDE_ELEMENTS = [
  '事项名称',
  '设定依据',
  '申请条件',
  '办理材料',
  '办理地点',
  '办理时间',
  '联系电话',
  '办理流程',
] as const;
export const CONDITIONAL_GUIDE_ELEMENTS = ['收费标准', '办理时限'] as const;
export type GuideElement = (typeof REQUIRED_GUIDE_ELEMENTS)[number] | (typeof CONDITIONAL_GUIDE_ELEMENTS)[number];

/**
 * What a label names: an element, or 时间及地点, the one label that names two (办理时间及地点,
 * 受理地点和时间): its value fills both 办理地点 and 办理时间.
 */
export type LabelKey = GuideElement | '时间及地点';
export const COMBINED: Readonly<Partial<Record<GuideElement, LabelKey>>> = {
  办理地点: '时间及地点',
  办理时间: '时间及地点',
};

const SYNONYMS: Record<LabelKey, string[]> = {
  事项名称: ['事项名称', '事项名', '服务事项名称', '审批事项名称', '项目名称', '服务名称', '办事事项'],
  设定依据: ['设定依据', '法律依据', '办理依据', '法定依据', '实施依据', '政策依据', '受理依据', '审批依据'],
  申请条件: ['申请条件', '受理条件', '办理条件', '申报条件', '申请人条件', '准予许可的条件'],
  办理材料: ['办理材料', '申请材料', '申报材料', '所需材料', '提交材料', '材料清单', '应提交材料', '需提交材料'],
  办理地点: ['办理地点', '受理地点', '办公地址', '办理地址', '受理地址', '受理窗口', '办理窗口'],
  办理时间: ['办理时间', '受理时间', '办公时间', '工作时间', '窗口办公时间'],
  联系电话: ['联系电话', '咨询电话', '咨询方式', '咨询途径', '联系方式', '咨询电话及地址'],
  办理流程: ['办理流程', '办理程序', '办事流程', '办理步骤', '审批流程', '申请流程', '受理流程', '审批程序'],
  收费标准: ['收费标准', '收费依据及标准', '收费情况', '是否收费', '收费项目及标准', '收费依据'],
  时间及地点: [
    ...['办理', '受理', '办公'].flatMap((p) =>
      ['及', '和', '、', '与'].flatMap((j) => [`${p}时间${j}地点`, `${p}地点${j}时间`, `${p}地址${j}时间`]),
    ),
  ],
  办理时限: ['办理时限', '承诺时限', '承诺办结时限', '办结时限', '法定时限', '法定办结时限', '承诺期限', '办理期限'],
};

// Longest synonym first, so 承诺办结时限 is not read as a shorter word it happens to contain.
const BY_LENGTH: [string, LabelKey][] = (Object.entries(SYNONYMS) as [LabelKey, string[]][])
  .flatMap(([element, words]) => words.map((w): [string, LabelKey] => [w, element]))
  .sort((a, b) => b[0].length - a[0].length);

/** A label may carry a short tail after its synonym: 申请材料目录, 收费标准及依据, 联系电话（含监督电话）. */
const MAX_LABEL_TAIL = 6;

// Section numbering in front of a label: 一、 （一） 1. 1、 第一条 (the label is what follows).
const NUMBERING =
  /^(?:第[一二三四五六七八九十百]+[条项部分]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))/;

/** The label text without numbering, brackets, blanks and the trailing colon. */
export function cleanLabel(text: string): string {
  return squeeze(text)
    .replace(NUMBERING, '')
    .replace(/^[【[［]|[】\]］]$/g, '')
    .replace(/[:：]+$/, '');
}

/** The guide element a label names, or null (unknown label, or too long to be a label). */
export function elementOfLabel(text: string): LabelKey | null {
  const label = cleanLabel(text);
  if (label.length < 2 || label.length > 16) return null;
  for (const [word, element] of BY_LENGTH) {
    if (label === word) return element;
    // The tail is a qualifier (目录, 及依据, （含监督电话）), never a list: 提交材料、审核、备案 is a value.
    const tail = label.slice(word.length);
    if (label.startsWith(word) && tail.length <= MAX_LABEL_TAIL && !/[:：、，,。；;]/.test(tail)) return element;
  }
  return null;
}

// A value that says nothing: the template printed the label and left it blank, or put a
// placeholder in. 详见附件 is a value (the list is in the attachment).
const PLACEHOLDER = /^(?:无|暂无|空|略|待定|待补充|待完善|未填写|未设置|null|undefined|[-—_/\\.…·、]*)$/i;

// 收费标准 is the one element whose honest answer may be "none": 不收费, 免费, 无 are values.
// Every other element cannot be none (every 事项 has a legal basis, conditions, materials, a
// place, hours, a phone and a procedure), so a bare 无/暂无 there counts as missing.
const MAY_BE_NONE = new Set<GuideElement>(['收费标准']);

/** Whether a value read for an element actually fills it. */
export function isFilled(element: GuideElement, value: string): boolean {
  const v = squeeze(value)
    .replace(/^[:：]+/, '')
    .replace(/[。；;，,]+$/, '');
  if (v === '') return false;
  if (PLACEHOLDER.test(v)) return MAY_BE_NONE.has(element) && /^(?:无|暂无)$/.test(v);
  return true;
}

// When the conditional elements are owed: the guide mentions 收费 other than to say it is free,
// or it speaks of a promised or statutory time limit.
const FREE_OF_CHARGE = /不收费|不收取[^。；;]{0,6}费用?|免费|免收[^。；;]{0,6}费|免予收费|无收费/g;
const CHARGES = /收费|缴费|交费|缴纳[^。；;，,]{0,6}费/;
const PROMISES_TIME = /承诺时限|办结时限|承诺期限|承诺办结|法定时限|办理时限|办理期限/;

export function owedConditionally(element: GuideElement, text: string): boolean {
  const t = squeeze(text);
  if (element === '收费标准') return CHARGES.test(t.replace(FREE_OF_CHARGE, ''));
  if (element === '办理时限') return PROMISES_TIME.test(t);
  return true;
}
