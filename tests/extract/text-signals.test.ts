import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../functions/extract/personal-data.ts';
import { readTextSignals } from '../../functions/extract/text-signals.ts';

const read = (
  text: string,
  obsoleteNames: string[] = [],
  extra: { currentNames?: string[]; referenceDate?: string } = {},
) => readTextSignals(text, { obsoleteNames, ...extra });
const ends = (text: string, referenceDate?: string) =>
  (read(text, [], { referenceDate }).periods ?? []).map((p) => p.ends);

describe('readTextSignals: periods', () => {
  it.each([
    ['本证有效期至2018年3月1日。', '2018-03-01'],
    ['有效期：2016年1月1日至2018年12月31日', '2018-12-31'],
    ['公示期为2017年10月9日至2017年10月18日，公示期间如有异议', '2017-10-18'],
    ['公示期2017年10月9日至10月18日', '2017-10-18'],
    ['公示期为7个工作日，自2017年10月9日至2017年10月18日止', '2017-10-18'],
    ['公示时间：2017-10-09至2017-10-18', '2017-10-18'],
    ['自2017年1月1日起至2017年12月31日止施行', '2017-12-31'],
    ['报名截止时间：2017年11月30日17:00', '2017-11-30'],
    ['报名截止日期为2017年11月30日', '2017-11-30'],
    ['截止日期 2017.12.31', '2017-12-31'],
    ['公告期限：2017年12月20日至1月5日', '2018-01-05'],
  ])('reads the end of “%s”', (text, end) => {
    expect(ends(text)).toEqual([end]);
  });

  it('keeps the matched phrase as the period text, at most 60 characters', () => {
    const [p] = read('现将有关情况公示如下：公示期为2017年10月9日至2017年10月18日。').periods!;
    expect(p).toEqual({ text: '公示期为2017年10月9日至2017年10月18日', ends: '2017-10-18' });
    expect(p!.text.length).toBeLessThanOrEqual(60);
  });

  it('dates a period written without any year from the reference date', () => {
    expect(ends('公示期为10月9日至10月18日', '2017-12-01')).toEqual(['2017-10-18']);
    expect(ends('公示期为10月9日至10月18日')).toEqual([]);
  });

  it('does not read a bare reporting range or a month-day deadline as a period', () => {
    expect(ends('自2017年1月1日至2017年12月31日，全局共办理信访件12件')).toEqual([]);
    expect(ends('报名截止：11月30日')).toEqual([]);
    expect(ends('截至2017年12月31日，全市共有耕地……')).toEqual([]);
  });
});

describe('readTextSignals: other signals', () => {
  it('lists the old names the text uses, and not one that only occurs inside a current name', () => {
    expect(read('梅河口市国土资源局关于……', ['国土资源局', '规划局']).obsoleteNames).toEqual(['国土资源局']);
    expect(read('梅河口市自然资源局', ['资源局'], { currentNames: ['自然资源局'] }).obsoleteNames).toBeUndefined();
    expect(read('自然资源局与原资源局', ['资源局'], { currentNames: ['自然资源局'] }).obsoleteNames).toEqual([
      '资源局',
    ]);
  });

  it('collects distinct cited titles without brackets, at most ten', () => {
    expect(read('根据《土地管理法》和《土地管理法》及《不动产登记暂行条例》').cites).toEqual([
      '土地管理法',
      '不动产登记暂行条例',
    ]);
    const many = Array.from({ length: 12 }, (_, i) => `《文件${i}》`).join('');
    expect(read(many).cites).toHaveLength(10);
  });

  it('reports personal data masked only', () => {
    const id = '22058119900307123' + idCheckDigit('22058119900307123');
    const s = read(`申请人张三，身份证号${id}`);
    expect(s.personal).toEqual([
      expect.objectContaining({ kind: 'id-number', masked: `220581********${id.slice(-4)}` }),
    ]);
    expect(JSON.stringify(s)).not.toContain(id);
  });

  it('omits every key it found nothing for', () => {
    expect(read('本局召开2018年度工作会议。', ['国土资源局'])).toEqual({});
  });
});
