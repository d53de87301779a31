import type { MessageFacts, MessageStatus } from '../model/message.ts';
import { parseDate, type DateContext } from './dates.ts';
import { maskPersonalData } from './personal-data.ts';
import { normalizeText, squeeze } from './text.ts';

// The facts of a message read from "label → value" text, however the CMS lays it out: table
// cells (留言时间 | 2017-05-02), spans (<span>提问时间：</span>2017-05-02), one line holding
// several (答复部门：自然资源局 答复日期：2017-05-20). Text is given with a line break between
// cells (dom.ts textOf); a value runs to the next known label, so personal labels (留言人,
// 联系电话 …) are known too: they end a value and are never read.

type Field = 'posted' | 'replied' | 'status' | 'replyUnit';

const FIELD_LABELS: Record<Field, string[]> = {
  posted: [
    '留言时间',
    '留言日期',
    '提问时间',
    '提问日期',
    '来信时间',
    '来信日期',
    '写信时间',
    '写信日期',
    '咨询时间',
    '咨询日期',
    '提交时间',
    '提交日期',
    '发表时间',
    '投诉时间',
  ],
  replied: ['回复时间', '回复日期', '答复时间', '答复日期', '办结时间', '办结日期', '反馈时间', '反馈日期', '回复于'],
  status: ['办理状态', '处理状态', '回复状态', '答复状态', '办件状态', '信件状态', '状态'],
  replyUnit: [
    '回复单位',
    '回复部门',
    '回复机构',
    '答复单位',
    '答复部门',
    '答复机构',
    '办理单位',
    '办理部门',
    '承办单位',
    '承办部门',
    '处理单位',
    '处理部门',
    '受理单位',
    '受理部门',
  ],
};

// Labels of what the service must not read (who wrote, how to reach them) and of long texts:
// they only end the value before them.
const STOP_LABELS = [
  '留言人',
  '来信人',
  '提问人',
  '咨询人',
  '写信人',
  '投诉人',
  '网友',
  '姓名',
  '联系电话',
  '联系方式',
  '电话',
  '手机',
  '手机号码',
  '电子邮箱',
  '邮箱',
  '联系地址',
  '地址',
  '身份证号',
  '留言标题',
  '信件标题',
  '标题',
  '主题',
  '留言内容',
  '来信内容',
  '咨询内容',
  '提问内容',
  '回复内容',
  '答复内容',
  '办理结果',
  '编号',
  '信件编号',
  '留言编号',
  '查询码',
  '类型',
  '信件类型',
  '留言类型',
  '浏览次数',
  '点击数',
  '是否公开',
];

const LABEL_FIELD = new Map<string, Field | null>([
  ...STOP_LABELS.map((l) => [l, null] as const),
  ...(Object.entries(FIELD_LABELS) as [Field, string[]][]).flatMap(([f, ls]) => ls.map((l) => [l, f] as const)),
]);

// A label at the start of a line or after a blank or bracket, spaces allowed inside (留 言 时 间),
// followed by a colon, a closing bracket or the end of its cell.
const LABEL = new RegExp(
  `(?<=^|[\\s\\[【(（|｜])(${[...LABEL_FIELD.keys()]
    .sort((a, b) => b.length - a.length)
    .map((l) => [...l].join('[ \\u00a0\\u3000]*'))
    .join('|')})[ \\u00a0\\u3000]*(?:[\\]】)）]|[:：]|(?=\\n))`,
  'gu',
);

const ANSWERED = /已回复|已答复|已办结|已处理|已反馈|已回|办结|已完成/;
const IN_PROGRESS = /处理中|办理中|受理中|已受理|转办中|已转办|正在办理|交办中/;
const UNANSWERED = /未回复|待回复|未答复|待答复|待处理|未处理|待受理|未受理|未办结/;

/** The status a text names, unanswered words first (未回复 contains 回复). */
export function statusOf(text: string): MessageStatus | null {
  const t = squeeze(text);
  if (UNANSWERED.test(t)) return 'unanswered';
  if (IN_PROGRESS.test(t)) return 'in-progress';
  if (ANSWERED.test(t)) return 'answered';
  return null;
}

/** Whether a header cell or label names a message field (for table headers: 留言时间 | 状态). */
export function isMessageLabel(text: string): boolean {
  return LABEL_FIELD.get(squeeze(text).replace(/[:：]$/, '')) !== undefined;
}

/** The labeled values of a text, first occurrence of each field winning. */
function labeledValues(text: string): Partial<Record<Field, string>> {
  const hits = [...text.matchAll(LABEL)].map((m) => ({
    field: LABEL_FIELD.get(squeeze(m[1]!)),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const out: Partial<Record<Field, string>> = {};
  hits.forEach((h, i) => {
    if (!h.field || out[h.field] !== undefined) return;
    const raw = text.slice(h.end, hits[i + 1]?.start ?? text.length);
    // The value is the first non-empty line: a cell's text, or what follows the colon.
    const value = raw
      .split('\n')
      .map(normalizeText)
      .find((l) => l.length > 0);
    if (value !== undefined) out[h.field] = value;
  });
  return out;
}

/**
 * A message's facts from its labeled text. `looseStatus`: a status word anywhere counts (a list
 * row is short and its status cell often unlabeled); on a message page only a labeled status
 * does, since the reply text itself may say 已办结 about something else.
 */
export function readMessageFacts(text: string, ctx: DateContext & { looseStatus?: boolean }): MessageFacts {
  const v = labeledValues(text);
  const date = (s: string | undefined) => (s === undefined ? null : parseDate(s.slice(0, 40), ctx));
  // A unit's name holds no long number: one printed after it (a duty phone) is cut off.
  const unit =
    v.replyUnit
      ?.replace(/[\d\-－()（）\s]{7,}.*$/u, '')
      .replace(/[,，;；。]$/, '')
      .trim()
      .slice(0, 40) ?? '';
  let status = v.status === undefined ? null : statusOf(v.status);
  if (status === null && ctx.looseStatus) status = statusOf(text);
  const replied = date(v.replied);
  return {
    posted: date(v.posted),
    replied,
    // A reply date is an answer, whatever a stale status cell says.
    status: replied ? 'answered' : status,
    // Masked all the same (an ID or card number has no business there either).
    replyUnit: unit && !statusOf(unit) && !parseDate(unit, ctx) ? maskPersonalData(unit) : null,
  };
}
