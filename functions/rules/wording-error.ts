import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { lexiconOf } from '../config/lexicon.ts';
import { columnById, pageTitle, publishedOf } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { WordingHit } from '../model/snapshot.ts';
import type { Rule } from './types.ts';

// P10 严重表述错误 / 错别字: a page whose title or body carries a lexicon entry (read at crawl time,
// textSignals.wording). The serious lists — misspelt country, Party and state-organ names, slips
// in fixed political phrases, a leader's name written wrong, a 落马 official presented in office —
// are single-veto items, but a lexicon match is a suspicion until a person reads it in context:
// they open as `veto` pending confirmation and count only once confirmed (the `confirm` action).
// 易错词 are minor. The lexicon is read again here, so an entry removed or an exception added in
// the config silences a hit at the next scan, before the page is crawled again.

const KIND_LABEL: Readonly<Record<WordingHit['kind'], string>> = {
  serious: '严重表述错误',
  typo: '错别字',
  leader: '领导姓名写错',
  fallen: '落马官员仍以原职务出现',
};

export const wordingError: Rule = (snapshot) => {
  const lex = lexiconOf(snapshot.portal.lexicons);
  const entries = new Map(lex.entries.map((e) => [e.id, { source: e.source, exceptions: e.exceptions ?? [] }]));
  for (const l of lex.leaders)
    entries.set(`leader:${l.name}`, { source: `门户配置 lexicons.leaders（${l.title}${l.name}）`, exceptions: [] });
  const fallen = new Map(lex.fallenOfficials.map((f) => [`fallen:${f.name}`, f]));
  for (const f of lex.fallenOfficials)
    entries.set(`fallen:${f.name}`, { source: f.source ?? '门户配置 lexicons.fallenOfficials', exceptions: [] });

  const findings: Finding[] = [];
  for (const page of snapshot.pages.values()) {
    const hits = page.textSignals?.wording ?? [];
    if (hits.length === 0) continue;
    const published = publishedOf(snapshot, page);
    const column = columnById(snapshot, page.columnId)?.column;
    const where = column ? columnLabel(column) : '所在栏目';
    const shown = pageTitle(page);
    for (const hit of hits) {
      const entry = entries.get(hit.entry);
      if (!entry || entry.exceptions.some((x) => hit.context.includes(x))) continue;
      const f = fallen.get(hit.entry);
      // Before the fall the post was theirs: a page of that time is history, not an error.
      if (f && (!published || published < f.date)) continue;
      const serious = hit.kind !== 'typo';
      const place = hit.where === 'title' ? '标题' : '正文';
      findings.push(
        makeFinding(snapshot.portal.id, {
          rule: 'wording-error',
          severity: serious ? 'veto' : 'minor',
          subject: `${page.url}#${hit.entry}`,
          url: page.url,
          title: shown,
          column,
          message: f
            ? `${where}中的《${shown}》（${published} 发布）${place}仍以“${f.formerPost}”称呼${f.name}，其已于 ${f.date} 被查处：“${hit.context}”。`
            : `${where}中的《${shown}》${place}出现${KIND_LABEL[hit.kind]}“${hit.text}”，应为“${hit.correct}”：“${hit.context}”。`,
          action: serious
            ? `请${officerOf(column)}对照原文核实；属实的立即更正（${hit.correct}），并在系统中确认（confirm）；不属实的标记为误报。`
            : `请${officerOf(column)}将“${hit.text}”更正为“${hit.correct}”。`,
          evidence: {
            kind: hit.kind,
            matched: hit.text,
            context: hit.context,
            correction: hit.correct,
            entry: hit.entry,
            source: entry.source,
            where: hit.where,
            occurrences: hit.count,
            ...(f ? { fallenDate: f.date, publishedDate: published } : {}),
            ...(serious ? { confirmation: 'pending' } : {}),
          },
        }),
      );
    }
  }
  return findings;
};
