import { describe, expect, it } from 'vitest';
import { lexiconsSchema } from '../../functions/config/lexicon-schema.ts';
import {
  contextOf,
  findWording,
  MAX_HITS,
  matchText,
  sameReadingOtherName,
} from '../../functions/extract/wording-matcher.ts';
import { BUILT_IN_ENTRIES, buildLexicon } from '../../functions/config/lexicon.ts';
import { pageRecordOf } from '../../functions/scan/page-record.ts';
import { parseConfig } from '../../functions/config/load-config.ts';

const PEOPLE = buildLexicon({
  leaders: [{ name: '杜家毫', title: '省委书记' }],
  fallenOfficials: [{ name: '周文斌', formerPost: '副局长', date: '2017-08-10' }],
});
/** A one-portal config with the given `lexicons` block. */
const config = (lexicons?: unknown) => ({
  portals: [
    {
      id: 'p',
      name: 'P',
      homepage: 'http://x.example.gov.cn/',
      columns: [{ id: 'c', name: 'C', url: 'http://x.example.gov.cn/c/', kind: 'news' }],
      ...(lexicons ? { lexicons } : {}),
    },
  ],
});
const entries = (text: string, lex = buildLexicon(undefined)) => findWording(lex, '', text).map((h) => h.entry);

describe('the built-in lexicons', () => {
  it('load with unique ids, each with a source and a date', () => {
    expect(BUILT_IN_ENTRIES.length).toBeGreaterThan(25);
    expect(new Set(BUILT_IN_ENTRIES.map((e) => e.id)).size).toBe(BUILT_IN_ENTRIES.length);
    for (const e of BUILT_IN_ENTRIES) expect(e.source.length && /^\d{4}-\d{2}-\d{2}$/.test(e.date)).toBeTruthy();
  });

  it('refuses a portal entry reusing a built-in id, and an exception for an unknown entry', () => {
    const dup = { id: 'typo-jiegan', text: '秸杆儿', correct: '秸秆', source: 'x', date: '2019-01-01' };
    expect(() => buildLexicon({ typos: [dup] })).toThrow(/"typo-jiegan" is used twice/);
    expect(() => buildLexicon({ exceptions: [{ id: 'no-such', contexts: ['x'] }] })).toThrow(
      /"no-such".*no lexicon entry/,
    );
    // At config load, not mid-scan.
    expect(() => parseConfig(config({ typos: [dup] }))).toThrow(
      /portals\[0\]\.lexicons: lexicon entry id "typo-jiegan"/,
    );
  });

  it('checks the config block with zod: a misnamed field is an error, not a silent default', () => {
    expect(lexiconsSchema.safeParse({ leader: [] }).success).toBe(false);
    expect(
      lexiconsSchema.safeParse({ fallenOfficials: [{ name: '周文斌', formerPost: '副局长', date: '2017-8-10' }] })
        .success,
    ).toBe(false);
    expect(
      lexiconsSchema.safeParse({
        typos: [{ id: 'Bad Id', text: '秸杆', correct: '秸秆', source: 'x', date: '2019-01-01' }],
      }).success,
    ).toBe(false);
  });
});

describe('matching fixed entries', () => {
  it('finds a misspelt country name with 15 characters of context either side and the correction', () => {
    const text = '会议指出，要深刻领会新时代中华人民共合国发展的历史方位，把思想和行动统一起来。';
    const [hit, ...rest] = findWording(buildLexicon(undefined), '', text);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      entry: 'serious-country-gonghe',
      kind: 'serious',
      text: '中华人民共合国',
      correct: '中华人民共和国',
      where: 'body',
      count: 1,
    });
    const at = text.indexOf('中华人民共合国');
    expect(at).toBeLessThan(15); // the page starts closer than 15 characters: context from its start
    expect(hit!.context).toBe(text.slice(0, at + 7 + 15));
  });

  it('finds 易错词 as typos and counts repeats as one hit', () => {
    const [hit] = findWording(buildLexicon(undefined), '', '开展秸杆禁烧巡查，宣传秸杆综合利用。');
    expect(hit).toMatchObject({ entry: 'typo-jiegan', kind: 'typo', correct: '秸秆', count: 2 });
  });

  it('is silenced by an exception context around the match, built-in or added by the portal', () => {
    expect(entries('施工单位将按装修标准组织施工')).toEqual([]);
    expect(entries('请按装好的设备清单验收')).toEqual(['typo-anzhuang']);
    const lex = buildLexicon({ exceptions: [{ id: 'typo-anzhuang', contexts: ['按装好的'] }] });
    expect(entries('请按装好的设备清单验收', lex)).toEqual([]);
  });

  it('reports the title apart from the body, once per entry', () => {
    const hits = findWording(buildLexicon(undefined), '关于秸杆禁烧的通知', '各乡镇做好秸杆禁烧。中国共产觉成立。');
    expect(hits.map((h) => [h.entry, h.where])).toEqual([
      ['typo-jiegan', 'title'],
      ['party-gongchan', 'body'].map((x, i) => (i === 0 ? `serious-${x}` : x)),
    ]);
  });

  it('keeps at most MAX_HITS hits of a page', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      id: `t-${i}`,
      text: `错词${String.fromCharCode(0x4e00 + i)}`,
      correct: '对',
      source: 'x',
      date: '2019-01-01',
    }));
    const lex = buildLexicon({ typos: many });
    expect(findWording(lex, '', many.map((m) => m.text).join('，'))).toHaveLength(MAX_HITS);
  });

  it('folds whitespace in the context', () => {
    expect(contextOf('甲\n\n乙  丙', 0, 1)).toBe('甲 乙 丙');
  });
});

describe('leaders', () => {
  it('catches a name written with same-pinyin characters next to the title, before or after it', () => {
    expect(sameReadingOtherName('杜家豪', '杜家毫')).toBe(true);
    const [after] = matchText(PEOPLE, '省委书记杜家豪出席会议并讲话。', 'body');
    expect(after).toMatchObject({ entry: 'leader:杜家毫', kind: 'leader', text: '杜家豪', correct: '杜家毫' });
    expect(matchText(PEOPLE, '会上，杜家豪省委书记指出', 'body').map((h) => h.text)).toEqual(['杜家豪']);
  });

  it('leaves the name written right, and a different person whose name reads otherwise', () => {
    expect(matchText(PEOPLE, '省委书记杜家毫出席会议。', 'body')).toEqual([]);
    expect(sameReadingOtherName('杜家亮', '杜家毫')).toBe(false);
    expect(matchText(PEOPLE, '省委书记杜家亮出席会议。', 'body')).toEqual([]);
  });

  it('looks only next to the title: the same reading elsewhere is someone else', () => {
    expect(matchText(PEOPLE, '村民杜家豪反映，秸秆已全部还田。', 'body')).toEqual([]);
  });
});

describe('落马 officials', () => {
  it('catches the name next to the former post', () => {
    expect(matchText(PEOPLE, '副局长周文斌带队检查地质灾害防治工作。', 'body')).toMatchObject([
      { entry: 'fallen:周文斌', kind: 'fallen', text: '周文斌' },
    ]);
  });

  it('leaves the news item reporting the case, a former post (原副局长), and the name alone', () => {
    for (const text of [
      '市国土资源局副局长周文斌涉嫌严重违纪违法，目前正接受纪律审查和监察调查。',
      '市国土资源局副局长周文斌被开除党籍。',
      '市国土资源局原副局长周文斌近日到任新职。',
      '周文斌同志参加了植树活动。',
    ])
      expect(matchText(PEOPLE, text, 'body'), text).toEqual([]);
  });

  it('sees the case words in the title of the page when the body names him with his post', () => {
    const hits = findWording(PEOPLE, '周文斌接受审查调查', '通报称，副局长周文斌在任期间……');
    expect(hits).toEqual([]);
  });
});

describe('at crawl time', () => {
  it('keeps only the hits, masked, never the body', () => {
    const portal = parseConfig(config()).portals[0]!;
    const body = '联系人身份证号220581198503152317，开展秸杆禁烧。' + '正文'.repeat(500);
    const rec = pageRecordOf(
      {
        title: '通知',
        bodyText: body,
        bodyChars: body.length,
        hasBody: true,
        notFound: false,
        links: [],
        attachments: [],
        indexNo: null,
        docNo: null,
        publisher: null,
        issuers: [],
        generatedDate: null,
        publishedDate: '2018-01-02',
        validity: null,
      } as never,
      {
        url: 'http://x.example.gov.cn/c/1.html',
        columnId: 'c',
        fetch: { ok: true },
        firstSeen: '2018-01-02',
        fetchedAt: 'x',
      },
      portal,
    );
    const [hit] = rec.textSignals!.wording!;
    expect(hit!.context).toContain('********2317，开展秸杆禁烧');
    expect(JSON.stringify(rec)).not.toContain('220581198503152317');
    expect(JSON.stringify(rec)).not.toContain('正文正文正文正文正文正文正文正文正文');
  });
});
