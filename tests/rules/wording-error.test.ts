import { describe, expect, it } from 'vitest';
import type { WordingHit } from '../../functions/model/snapshot.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import { wordingError } from '../../functions/rules/wording-error.ts';
import { problemOf } from '../../functions/rules/problems.ts';
import type { LexiconsConfig } from '../../functions/config/lexicon-schema.ts';
import { column, context, item, page, snapshot } from '../support/builders.ts';

const URL = 'http://gtj.example.gov.cn/djyd/1.html';
const LEXICONS: LexiconsConfig = {
  leaders: [{ name: '韩志刚', title: '局长' }],
  fallenOfficials: [{ name: '周文斌', formerPost: '副局长', date: '2017-08-10', source: '市纪委监委通报' }],
};
const hit = (over: Partial<WordingHit>): WordingHit => ({
  entry: 'serious-country-gonghe',
  kind: 'serious',
  text: '中华人民共合国',
  correct: '中华人民共和国',
  context: '要深刻领会新时代中华人民共合国发展的历史方位',
  where: 'body',
  count: 1,
  ...over,
});
const run = (hits: WordingHit[], publishedDate: string | null = '2017-11-06', lexicons: LexiconsConfig = LEXICONS) => {
  const s = snapshot({
    columns: [column({ id: 'djyd', name: '党建园地', department: '办公室' }, { items: [item(1, null, { url: URL })] })],
    pages: [page(URL, 'djyd', { title: '学习贯彻党的十九大精神', publishedDate, textSignals: { wording: hits } })],
    portal: { lexicons },
  });
  return wordingError(s, context(s, { asOf: '2018-01-15' }));
};

describe('wording-error', () => {
  it('opens a serious-list match as a veto pending confirmation, with context, correction and entry', () => {
    const [f, ...rest] = run([hit({})]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'wording-error',
      severity: 'veto',
      subject: `${URL}#serious-country-gonghe`,
      url: URL,
      department: '办公室',
      evidence: {
        kind: 'serious',
        matched: '中华人民共合国',
        correction: '中华人民共和国',
        context: '要深刻领会新时代中华人民共合国发展的历史方位',
        entry: 'serious-country-gonghe',
        where: 'body',
        confirmation: 'pending',
      },
    });
    expect(String(f!.evidence.source)).toContain('国办秘函〔2019〕19号');
    expect(f!.message).toContain('应为“中华人民共和国”');
    expect(problemOf('wording-error').id).toBe('P10');
  });

  it('makes an 易错词 minor, with no confirmation to wait for', () => {
    const [f] = run([
      hit({ entry: 'typo-jiegan', kind: 'typo', text: '秸杆', correct: '秸秆', context: '开展秸杆禁烧' }),
    ]);
    expect(f).toMatchObject({ severity: 'minor', subject: `${URL}#typo-jiegan` });
    expect(f!.evidence).not.toHaveProperty('confirmation');
  });

  it('reports a leader’s name written wrong as a veto pending confirmation, sourced to the portal config', () => {
    const [f] = run([
      hit({ entry: 'leader:韩志刚', kind: 'leader', text: '韩志钢', correct: '韩志刚', context: '局长韩志钢出席' }),
    ]);
    expect(f).toMatchObject({ severity: 'veto', evidence: { confirmation: 'pending', correction: '韩志刚' } });
    expect(String(f!.evidence.source)).toContain('lexicons.leaders');
  });

  it('reports a 落马 official in office only on a page published on or after the date', () => {
    const fallen = hit({
      entry: 'fallen:周文斌',
      kind: 'fallen',
      text: '周文斌',
      correct: '…',
      context: '副局长周文斌带队',
    });
    const [f] = run([fallen], '2017-10-20');
    expect(f).toMatchObject({
      severity: 'veto',
      evidence: { fallenDate: '2017-08-10', publishedDate: '2017-10-20', source: '市纪委监委通报' },
    });
    expect(f!.message).toContain('已于 2017-08-10 被查处');
    expect(run([fallen], '2017-08-10')).toHaveLength(1);
    expect(run([fallen], '2017-07-10')).toEqual([]); // history: he was 副局长 then
    expect(run([fallen], null)).toEqual([]); // undated-item reports the page; without a date there is no “after”
  });

  it('drops a hit whose entry left the lexicon, or that an exception added since the crawl silences', () => {
    expect(run([hit({ entry: 'leader:韩志刚', kind: 'leader' })], '2017-11-06', {})).toEqual([]);
    expect(
      run([hit({})], '2017-11-06', {
        exceptions: [{ id: 'serious-country-gonghe', contexts: ['新时代中华人民共合国'] }],
      }),
    ).toEqual([]);
  });

  it('makes one finding per page and entry', () => {
    const fs = run([hit({}), hit({ entry: 'typo-jiegan', kind: 'typo', text: '秸杆', correct: '秸秆' })]);
    expect(fs.map((f) => f.subject)).toEqual([`${URL}#serious-country-gonghe`, `${URL}#typo-jiegan`]);
  });
});

describe('the 严重表述错误 veto item', () => {
  const t = { emptyColumnWarning: 3, emptyColumnVeto: 5 } as never;
  const risk = (findings: ReturnType<typeof run>) =>
    vetoRisks(findings, t, 0, { probes: 0, failures: 0 }).find((r) => r.item === 'wording-error')!;

  it('counts confirmed matches only: pending ones are a warning, one confirmed is the veto', () => {
    const [pending] = run([hit({})]);
    expect(risk([])).toMatchObject({ count: 0, level: 'ok' });
    expect(risk([pending!])).toMatchObject({ count: 0, pending: 1, level: 'warning', vetoAt: 1 });
    const confirmed = { ...pending!, confirmed: { by: '王丽', identity: 'local:wang', at: '2018-01-15T02:00:00Z' } };
    expect(risk([confirmed])).toMatchObject({ count: 1, level: 'veto' });
    expect(risk([confirmed]).pending).toBeUndefined();
  });

  it('never counts an 易错词 toward it', () => {
    expect(risk(run([hit({ entry: 'typo-jiegan', kind: 'typo' })]))).toMatchObject({ count: 0, level: 'ok' });
  });
});
