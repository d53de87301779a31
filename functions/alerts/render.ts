import type { Alert } from './alert.ts';
import { formatDuration, formatShanghai } from './shanghai-clock.ts';

// An alert in the words a 局长 or a webmaster reads on a phone: what happened, since when, the
// evidence, who must act and what to do, in that order; a cleared problem is one short 【已恢复】
// notice. Titles and evidence may quote crawled pages, so every such text is escaped for the
// medium it lands in (HTML for mail, markdown for the group robots).

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderedMarkdown {
  /** The line a chat shows in its notification and conversation list. */
  title: string;
  markdown: string;
}

const TAG = { warning: '预警', veto: '否决', cleared: '已恢复' } as const;
const LEVEL_LINE = {
  warning: '预警：已接近一票否决线，尽快处理可避免检查不合格',
  veto: '否决：已触及一票否决项，请当天处理',
} as const;
/** At most this many evidence lines: an alert points at the problem, the digest lists it all. */
const MAX_EVIDENCE = 8;

const tag = (a: Alert) => (a.kind === 'cleared' ? TAG.cleared : TAG[a.level]);
/** Page text may hold line breaks; in a subject they would start a header, in markdown a block. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const ownerText = (a: Alert) => (a.owner.officer ? `${a.owner.department}（${a.owner.officer}）` : a.owner.department);
const evidenceOf = (a: Alert, max = MAX_EVIDENCE) => {
  const lines = a.evidence.map(oneLine).filter(Boolean);
  return lines.length > max ? [...lines.slice(0, max), `……另有 ${lines.length - max} 条，见周报`] : lines;
};
const lasted = (a: Alert) => {
  const d = formatDuration(a.since, a.at);
  return d ? `（持续 ${d}）` : '';
};

export function alertSubject(a: Alert): string {
  return `【${tag(a)}】${oneLine(a.portalName)}：${oneLine(a.title)}`;
}

export function renderText(a: Alert): string {
  if (a.kind === 'cleared') {
    return [
      alertSubject(a),
      `自 ${formatShanghai(a.since)} 起的问题已于 ${formatShanghai(a.at)} 消除${lasted(a)}，无需再处理。`,
      `查看：${a.url}`,
      '',
    ].join('\n');
  }
  const evidence = evidenceOf(a);
  return [
    `${oneLine(a.portalName)} · 即时提醒`,
    '',
    `发生了什么：${oneLine(a.title)}`,
    `级别：${LEVEL_LINE[a.level]}`,
    `开始时间：${formatShanghai(a.since)}（北京时间）`,
    ...(evidence.length ? ['证据：', ...evidence.map((e) => `  · ${e}`)] : []),
    `由谁处理：${ownerText(a)}`,
    `怎么处理：${oneLine(a.action)}`,
    `查看：${a.url}`,
    '',
    '每个问题出现时只提醒一次；问题消除后会再发一条【已恢复】通知。',
    '',
  ].join('\n');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const FONT = "font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif";
const COLOUR = { warning: '#b45f06', veto: '#b3261e', cleared: '#1e7e34' } as const;
const row = (label: string, value: string) =>
  `<tr><td style="padding:4px 8px 4px 0;color:#5f6368;white-space:nowrap;vertical-align:top">${label}</td><td style="padding:4px 0;color:#202124;word-break:break-all">${value}</td></tr>`;
const link = (url: string) => `<a href="${esc(url)}" style="color:#1a56b0">${esc(url)}</a>`;

/** Mail-client HTML like the digest's: one table, inline styles, no images or scripts. */
export function renderHtml(a: Alert): string {
  const colour = a.kind === 'cleared' ? COLOUR.cleared : COLOUR[a.level];
  const head = `<div style="font-size:16px;font-weight:bold;color:${colour};margin-bottom:8px">【${tag(a)}】${esc(oneLine(a.portalName))}</div>`;
  const rows =
    a.kind === 'cleared'
      ? [
          row('问题', esc(oneLine(a.title))),
          row('开始时间', esc(formatShanghai(a.since))),
          row('恢复时间', `${esc(formatShanghai(a.at))}${esc(lasted(a))}`),
          row('查看', link(a.url)),
        ]
      : [
          row('发生了什么', `<b>${esc(oneLine(a.title))}</b>`),
          row('级别', `<span style="color:${colour}">${esc(LEVEL_LINE[a.level])}</span>`),
          row('开始时间', `${esc(formatShanghai(a.since))}（北京时间）`),
          ...(a.evidence.length ? [row('证据', evidenceOf(a).map(esc).join('<br>'))] : []),
          row('由谁处理', esc(ownerText(a))),
          row('怎么处理', esc(oneLine(a.action))),
          row('查看', link(a.url)),
        ];
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(alertSubject(a))}</title></head><body style="margin:0;padding:12px;${FONT};font-size:14px;line-height:1.6"><div style="max-width:640px">${head}<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${rows.join('')}</table></div></body></html>`;
}

export function renderEmail(a: Alert): RenderedEmail {
  return { subject: alertSubject(a), text: renderText(a), html: renderHtml(a) };
}

/**
 * Markdown special characters in page text become their full-width twins rather than
 * backslash escapes: 企业微信 renders only a subset of markdown and shows backslashes literally,
 * while a full-width ＊ or ［ reads naturally in Chinese and cannot open bold, a link or a <font>.
 */
const FULL_WIDTH: Record<string, string> = {
  '\\': '＼',
  '*': '＊',
  _: '＿',
  '`': '｀',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '#': '＃',
  '|': '｜',
  '~': '～',
  '!': '！',
};
export const escapeMarkdown = (s: string) => oneLine(s).replace(/[\\*_`[\]<>#|~!]/g, (c) => FULL_WIDTH[c]!);

/** A link target that cannot end the markdown link early; an unusable URL stays as plain text. */
function markdownLink(label: string, url: string): string {
  try {
    const href = new URL(url).href.replace(/\(/g, '%28').replace(/\)/g, '%29');
    return `[${label}](${href})`;
  } catch {
    return `${label}：${escapeMarkdown(url)}`;
  }
}

function markdownBody(a: Alert, evidenceLines: number): string {
  const head = `### 【${tag(a)}】${escapeMarkdown(a.portalName)}`;
  if (a.kind === 'cleared') {
    return [
      head,
      `**${escapeMarkdown(a.title)}**`,
      `自 ${formatShanghai(a.since)} 起的问题已于 ${formatShanghai(a.at)} 消除${lasted(a)}，无需再处理。`,
      markdownLink('查看', a.url),
    ].join('\n\n');
  }
  const evidence = evidenceOf(a, evidenceLines).map((e) => `> ${escapeMarkdown(e)}`);
  return [
    head,
    `**${escapeMarkdown(a.title)}**`,
    `级别：${LEVEL_LINE[a.level]}\n开始时间：${formatShanghai(a.since)}（北京时间）`,
    ...(evidence.length ? [`证据：\n${evidence.join('\n')}`] : []),
    `**由谁处理**：${escapeMarkdown(ownerText(a))}\n**怎么处理**：${escapeMarkdown(a.action)}`,
    markdownLink('查看详情', a.url),
  ].join('\n\n');
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Markdown for the group robots, within `maxBytes` of UTF-8 (企业微信 refuses content over 4096
 * bytes): evidence lines are dropped from the end first, and only then is the text cut.
 */
export function renderMarkdown(a: Alert, maxBytes = 4096): RenderedMarkdown {
  const title = `【${tag(a)}】${oneLine(a.portalName)}`;
  let lines = Math.min(a.evidence.length, MAX_EVIDENCE);
  let markdown = markdownBody(a, lines);
  while (utf8Bytes(markdown) > maxBytes && lines > 0) markdown = markdownBody(a, --lines);
  if (utf8Bytes(markdown) > maxBytes) {
    const cut = Buffer.from(markdown, 'utf8')
      .subarray(0, maxBytes - utf8Bytes('…'))
      .toString('utf8');
    // A cut inside a character leaves U+FFFD; drop it.
    markdown = `${cut.replace(/\uFFFD+$/, '')}…`;
  }
  return { title, markdown };
}
