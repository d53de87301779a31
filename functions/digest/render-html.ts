import { atLine, riskText, type VetoRisk } from '../rules/veto-risk.ts';
import { overdueFirst, ownDepartmentFirst } from './overdue.ts';
import type { CopyOptions } from './render-text.ts';
import { scoreDetails, scoreHeadline } from './score.ts';
import type { DigestFinding, DigestView } from './view-model.ts';
import { escalationText, ignoredLine, overdueCount, ownerText, workLine } from './wording.ts';

// The HTML part, built for mail clients rather than browsers: tables for layout, inline styles
// only, no <style>, <link>, scripts or images, 640 px wide at most and fluid below it (a phone
// at 375 px). Charts are table cells. Severity is colour and a word, never colour alone. Every
// text that came from a crawled page is escaped. Each block carries a data-block name, which mail
// clients ignore, so the layout test can find it.

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const SEVERITY = { veto: ['否决', '#b3261e'], major: ['重要', '#b45f06'], minor: ['一般', '#5f6368'] } as const;
const LEVEL = {
  ok: ['正常', '#1e7e34'],
  warning: ['预警', '#b45f06'],
  veto: ['达到否决线', '#b3261e'],
  'insufficient-data': ['数据不足', '#5f6368'],
} as const;
const FONT = "font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif";
const cell = 'padding:6px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top;word-break:break-all';

function finding(f: DigestFinding): string {
  const [severityWord, colour] = SEVERITY[f.severity];
  const word = f.awaitingConfirmation ? `${severityWord}·待人工确认` : severityWord;
  return `<tr><td style="${cell}"><span style="display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;background:${colour};font-size:12px">${word}</span>
<a href="${esc(f.url)}" style="color:#1a56b0">${esc(f.title)}</a><div style="font-size:13px;color:#333;margin-top:4px">${esc(f.message)}</div>
<div style="font-size:13px;color:#1e7e34;margin-top:2px">→ ${esc(f.action)}</div><div style="font-size:12px;color:${f.overdue ? '#b3261e' : '#777'}">${esc(workLine(f))}</div></td></tr>`;
}

const section = (block: string, title: string, body: string) =>
  `<tr data-block="${block}"><td style="padding:16px 12px 4px;font-size:16px;font-weight:bold;color:#202124">${title}</td></tr><tr data-block="${block}"><td style="padding:0 12px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${body}</table></td></tr>`;
const link = (f: DigestFinding) => `<a href="${esc(f.url)}" style="color:#1a56b0">${esc(f.title)}</a>`;
const note = (text: string) => `<tr><td style="${cell}">${text}</td></tr>`;

function bar(value: number, max: number, colour: string): string {
  const pct = max === 0 ? 0 : Math.max(value > 0 ? 2 : 0, Math.round((100 * value) / max));
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>${pct > 0 ? `<td width="${pct}%" style="background:${colour};height:10px;font-size:0;line-height:0">&nbsp;</td>` : ''}<td style="font-size:0;line-height:0">&nbsp;</td></tr></table>`;
}

export function renderHtml(v: DigestView, opts: CopyOptions = {}): string {
  const rows: string[] = [];
  rows.push(`<tr><td style="padding:16px 12px;background:#1a56b0;color:#fff"><div style="font-size:18px;font-weight:bold">${esc(v.portal.name)} 政务公开周报</div>
<div style="font-size:13px">${v.week.start} 至 ${v.week.end}（${v.week.label}）</div></td></tr>`);
  if (v.score) {
    const colour = v.score.verdict === '合格' ? '#1e7e34' : '#b3261e';
    // overflow-wrap, not break-all: on a phone break-all would cut the score "72" across two lines.
    rows.push(
      `<tr data-block="score"><td style="padding:12px 12px 0;overflow-wrap:anywhere"><div style="font-size:16px;font-weight:bold;color:${colour}">${esc(scoreHeadline(v.score))}</div>${scoreDetails(
        v.score,
      )
        .map((l) => `<div style="font-size:13px;color:#333;margin-top:4px">${esc(l)}</div>`)
        .join('')}</td></tr>`,
    );
  }
  rows.push(
    `<tr><td style="padding:12px;font-size:15px">本周新增问题 <b>${v.counts.added}</b>，已整改 <b>${v.counts.resolved}</b>，仍未整改 <b>${v.counts.open}</b>。${v.failsInspection ? '<span style="color:#b3261e;font-weight:bold">按国家检查指标，有单项否决风险。</span>' : ''}</td></tr>`,
  );
  const riskRow = (r: VetoRisk) => {
    const [word, colour] = LEVEL[r.level];
    return `<tr><td style="${cell}">${esc(riskText(r))}</td><td style="${cell};color:${colour};white-space:nowrap">${word}</td></tr>`;
  };
  const alerting = v.risks.filter(atLine);
  const rest = v.risks.filter((r) => !atLine(r));
  rows.push(
    section(
      'risks',
      alerting.length ? '单项否决风险：已达预警线或否决线' : '单项否决风险：均未达到预警线',
      alerting.map(riskRow).join('') +
        (rest.length
          ? `<tr><td colspan="2" style="${cell};font-size:12px;color:#5f6368">其余指标：${rest.map((r) => esc(riskText(r))).join('；')}</td></tr>`
          : ''),
    ),
  );
  const own = opts.department;
  const overdueRows = ownDepartmentFirst(v.overdue, own).map(
    (d) =>
      `<tr><td style="${cell}"><b>${esc(ownerText(d, own))}</b><div style="font-size:13px;color:#b3261e;margin-top:2px">${esc(overdueCount(d))}${link(d.oldest)}</div></td></tr>`,
  );
  if (own && v.overdue.length && !v.overdue.some((d) => d.department === own))
    overdueRows.unshift(note(`${esc(own)}（本科室）：无逾期整改`));
  rows.push(section('overdue', '逾期整改（按科室）', overdueRows.join('') || note('无逾期整改。')));
  if (opts.leader && v.escalations.length) {
    rows.push(
      section(
        'escalations',
        '<span style="color:#b3261e">督办：逾期超过整改期限两倍</span>',
        v.escalations
          .map(
            (f) =>
              `<tr><td style="${cell}"><b>${esc(ownerText(f))}</b><div style="margin-top:2px">${link(f)}</div><div style="font-size:13px;color:#b3261e;margin-top:2px">${esc(escalationText(f))}</div></td></tr>`,
          )
          .join(''),
      ),
    );
  }
  const mine = (f: DigestFinding) => f.department === own;
  if (own) {
    const list = v.problems.flatMap((p) => [...p.added, ...p.open]).filter(mine);
    rows.push(
      section(
        'own',
        `本科室（${esc(own)}）`,
        list.length ? [...list].sort(overdueFirst).map(finding).join('') : note('本科室暂无未整改问题。'),
      ),
    );
  }
  for (const p of v.problems) {
    const added = p.added.filter((f) => !own || !mine(f));
    const open = p.open.filter((f) => !own || !mine(f));
    const body = [
      `<tr><td style="${cell};font-size:12px;color:#777">年报原文：${esc(p.words)}</td></tr>`,
      ...(added.length ? [`<tr><td style="${cell};font-weight:bold">本周新增</td></tr>`, ...added.map(finding)] : []),
      ...(open.length ? [`<tr><td style="${cell};font-weight:bold">仍未整改</td></tr>`, ...open.map(finding)] : []),
      ...p.resolved.map(
        (f) =>
          `<tr><td style="${cell}">✓ 已整改 <a href="${esc(f.url)}" style="color:#1a56b0">${esc(f.title)}</a></td></tr>`,
      ),
    ];
    rows.push(
      section(
        p.id,
        `${p.id} ${esc(p.label)}（新增 ${p.added.length}，未整改 ${p.open.length}，已整改 ${p.resolved.length}）`,
        body.join(''),
      ),
    );
  }
  const ignored = ignoredLine(v.portal.id, v.ignored);
  if (ignored)
    rows.push(
      `<tr data-block="ignored"><td style="padding:12px;font-size:13px;color:#5f6368;word-break:break-all">${esc(ignored)}</td></tr>`,
    );
  const maxPublished = Math.max(0, ...v.departments.map((d) => d.published));
  rows.push(
    section(
      'departments',
      '各科室',
      `<tr><td style="${cell};font-weight:bold">科室（信息员）</td><td style="${cell};font-weight:bold">本周发布</td><td style="${cell};font-weight:bold">未整改</td></tr>` +
        v.departments
          .map(
            (d) =>
              `<tr><td style="${cell}">${esc(d.name)}<div style="font-size:12px;color:#777">${esc(d.officer ?? '—')}</div></td><td style="${cell};width:40%">${bar(d.published, maxPublished, '#1a56b0')}<span style="font-size:12px">${d.published}${d.published === 0 && d.officer ? '（本周未发布）' : ''}</span></td><td style="${cell}">${d.open}</td></tr>`,
          )
          .join(''),
    ),
  );
  const maxOpen = Math.max(0, ...v.trend.map((t) => t.total));
  rows.push(
    section(
      'trend',
      '近8周未整改问题',
      v.trend
        .map(
          (t) =>
            `<tr><td style="${cell};white-space:nowrap;font-size:12px">${t.week}</td><td style="${cell};width:70%">${bar(t.total, maxOpen, '#b45f06')}</td><td style="${cell}">${t.total}</td></tr>`,
        )
        .join(''),
    ),
  );
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(v.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f3f4;${FONT}"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f3f4"><tr><td align="center" style="padding:8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border-collapse:collapse">${rows.join('\n')}</table></td></tr></table></body></html>`;
}
