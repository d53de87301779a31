import type { AnyNode } from 'domhandler';
import { isElement, isInline, isInvisible, isTextNode, flatText, visibleChars, walk } from './dom.ts';
import { squeeze } from './text.ts';

// The 公开目录 metadata of a detail page is a set of "label → value" pairs, written in every
// markup imaginable:
//   <td>索 引 号：</td><td>000019174/2023-00003</td>          (cells, spaces inside the label)
//   <li><span>发布机构：</span>南京市规划和自然资源局</li>      (label element + text)
//   <li>[发文字号] <span><span>京规自发</span>…</span></li>     (bracket label in a text node)
//   <span>发布时间：2017/5/11 8:22:16  信息发布人：管理员</span>  (several labels in one text)
// This module finds them all, in document order, without knowing the page's template.

export type LabelField =
  'indexNo' | 'category' | 'publisher' | 'generatedDate' | 'docNo' | 'publishedDate' | 'validity' | 'title';

interface LabelDef {
  field: LabelField;
  /** Lower rank wins when a page has several labels for the same field (发布机构 before 来源). */
  rank: number;
}

const LABELS: Record<string, LabelDef> = {
  索引号: { field: 'indexNo', rank: 0 },
  主题分类: { field: 'category', rank: 0 },
  信息分类: { field: 'category', rank: 1 },
  主题: { field: 'category', rank: 2 },
  发布机构: { field: 'publisher', rank: 0 },
  发文机关: { field: 'publisher', rank: 1 },
  发文机构: { field: 'publisher', rank: 1 },
  发文单位: { field: 'publisher', rank: 1 },
  发布单位: { field: 'publisher', rank: 1 },
  制发单位: { field: 'publisher', rank: 2 },
  制发机关: { field: 'publisher', rank: 2 },
  来源: { field: 'publisher', rank: 3 },
  信息来源: { field: 'publisher', rank: 3 },
  文章来源: { field: 'publisher', rank: 3 },
  成文日期: { field: 'generatedDate', rank: 0 },
  生成日期: { field: 'generatedDate', rank: 0 },
  成文时间: { field: 'generatedDate', rank: 0 },
  登记日期: { field: 'generatedDate', rank: 1 },
  文号: { field: 'docNo', rank: 0 },
  发文字号: { field: 'docNo', rank: 0 },
  文件编号: { field: 'docNo', rank: 0 },
  发文文号: { field: 'docNo', rank: 0 },
  发布日期: { field: 'publishedDate', rank: 0 },
  发布时间: { field: 'publishedDate', rank: 0 },
  公布日期: { field: 'publishedDate', rank: 0 },
  公开日期: { field: 'publishedDate', rank: 1 },
  日期: { field: 'publishedDate', rank: 2 },
  有效性: { field: 'validity', rank: 0 },
  文件有效性: { field: 'validity', rank: 0 },
  时效性: { field: 'validity', rank: 1 },
  标题: { field: 'title', rank: 0 },
  信息名称: { field: 'title', rank: 0 },
  文件名称: { field: 'title', rank: 0 },
};

export interface LabelHit {
  field: LabelField;
  label: string;
  rank: number;
  /** The value as printed (whitespace-normalised); '' when the field is present but empty. */
  value: string;
  /** The node the label was found in (for looking around it, e.g. the date printed beside 来源). */
  node: AnyNode;
}

const OPEN = '[\\[【(（]';
const CLOSE = '[\\]】)）]';
const COLON = '[:：]';
const SP = '[\\s\\u00a0\\u3000]*';

// A known label inside running text: at the start or after a blank/punctuation (so 联合发文单位
// and 数据来源 are not 发文单位 and 来源), spaces allowed between its characters (文 号), then
// a colon or a closing bracket.
const LABEL_ALTERNATION = Object.keys(LABELS)
  .sort((a, b) => b.length - a.length)
  .map((l) => [...l].join(SP))
  .join('|');
const INLINE_LABEL = new RegExp(
  `(?:^|(?<=[\\s\\u00a0\\u3000|｜,，;；。、·>]))(${OPEN}${SP})?(${LABEL_ALTERNATION})${SP}(?:${CLOSE}${SP}${COLON}?|${COLON})`,
  'g',
);
// Where an inline value ends: the next "词：" label, known or not (浏览次数：, 作者：, 字体：).
const NEXT_LABEL = /(?:^|[\s\u00a0\u3000|｜]+)[[【]?[\u4e00-\u9fa5]{1,8}\s*[\]】]?\s*[:：]/;

/** A label written alone in an element: `索 引 号：`, `[成文日期]`, `发布机构:`. */
export function labelOf(text: string): string | null {
  const t = squeeze(text)
    .replace(/^[[【(（]/, '')
    .replace(/[:：]$/, '')
    .replace(/[\]】)）]$/, '')
    .replace(/[:：]$/, '');
  return t.length <= 6 && t in LABELS ? t : null;
}

/** Text of the value that follows `start`: its first sibling, plus siblings glued to it. */
function valueAfter(start: AnyNode): string {
  let node = start.next;
  while (node && ((isTextNode(node) && !node.data.trim()) || node.type === 'comment')) node = node.next;
  if (!node || (isElement(node) && isInvisible(node))) return '';
  if (isElement(node) && labelOf(flatText(node))) return '';
  return cutAtNextLabel(withGlued(node, textOfValue(node)));
}

/** Glued continuation: "京政发<span>〔2017〕</span>1号" is one value; anything after a blank is not. */
function withGlued(node: AnyNode, raw: string): string {
  for (let n = node.next; n && !/\s$/.test(raw); n = n.next) {
    if (n.type === 'comment') continue;
    if (isElement(n) && (!isInline(n) || isInvisible(n))) break;
    const t = textOfValue(n);
    if (!t || /^\s/.test(t)) break;
    raw += t;
  }
  return raw;
}

function textOfValue(node: AnyNode): string {
  if (isTextNode(node)) return node.data;
  return isElement(node) ? flatText(node) : '';
}

function cutAtNextLabel(raw: string): string {
  const flat = raw
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
  const m = NEXT_LABEL.exec(flat);
  return (m && m.index > 0 ? flat.slice(0, m.index) : flat).trim();
}

/** Every metadata label on the page with its value, in document order. */
export function findLabels(root: AnyNode): LabelHit[] {
  const hits: LabelHit[] = [];
  const visit = (node: AnyNode): boolean => {
    if (isTextNode(node)) {
      scanText(node, hits);
      return false;
    }
    if (!isElement(node) || isInvisible(node)) return false;
    // A label is at most 16 characters: longer text is not read (the page's every block would be).
    const chars = visibleChars(node);
    const text = chars > 0 && chars <= 16 ? flatText(node) : '';
    const label = text && text.length <= 16 ? labelOf(text) : null;
    if (label && node.name !== 'a') {
      const def = LABELS[label]!;
      hits.push({ field: def.field, label, rank: def.rank, value: valueAfter(node), node });
      return false;
    }
    return true;
  };
  if (isElement(root)) for (const child of root.children) walk(child, visit);
  else walk(root, visit);
  return hits;
}

/** Labels inside one text node: "发布时间：2017/5/11 8:22:16  信息发布人：管理员". */
function scanText(node: AnyNode & { data: string }, hits: LabelHit[]): void {
  const text = node.data;
  if (!/[:：\]】]/.test(text)) return;
  const matches = [...text.matchAll(INLINE_LABEL)];
  matches.forEach((m, i) => {
    const label = squeeze(m[2]!);
    const def = LABELS[label];
    if (!def) return;
    const from = m.index! + m[0].length;
    const to = i + 1 < matches.length ? matches[i + 1]!.index! : text.length;
    const rest = text.slice(from, to);
    // A label ending its text node ("来源：<b>…</b>") takes its value from what follows.
    let value: string;
    if (to < text.length) value = cutAtNextLabel(rest);
    else if (rest.trim()) value = cutAtNextLabel(withGlued(node, rest));
    else value = valueAfter(node);
    hits.push({ field: def.field, label, rank: def.rank, value, node });
  });
}
