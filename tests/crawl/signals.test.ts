import { describe, expect, it } from 'vitest';
import { readTextSignals } from '../../functions/crawl/signals.ts';

const read = (text: string, obsoleteNames: string[] = []) => readTextSignals(text, { obsoleteNames });

describe('readTextSignals', () => {
  it.each([
    ['公示期为2017年10月9日至2017年10月18日。', '2017-10-18'],
    ['公示时间：2017年12月1日至2017年12月16日', '2017-12-16'],
    ['备案有效期至2017年11月30日，逾期失效', '2017-11-30'],
    ['自2017年1月1日起至2017年12月31日止', '2017-12-31'],
    ['报名截止时间：2017年11月30日17时', '2017-11-30'],
    ['有效期：2016-01-01至2017-06-30', '2017-06-30'],
  ])('reads the end of “%s”', (text, ends) => {
    expect(read(text).periods?.map((p) => p.ends)).toEqual([ends]);
  });

  it('ignores dates that are not the end of a stated period', () => {
    expect(read('成文日期：2017年10月9日。会议于2017年10月18日召开。').periods).toBeUndefined();
  });

  it('lists the old names a text uses and the titles it cites', () => {
    const s = read('请向梅河口市国土资源局不动产登记中心提出。依据《土地管理法》和《不动产登记暂行条例》。', ['梅河口市国土资源局不动产登记中心', '国土资源所']);
    expect(s.obsoleteNames).toEqual(['梅河口市国土资源局不动产登记中心']);
    expect(s.cites).toEqual(['土地管理法', '不动产登记暂行条例']);
  });

  it('carries personal data only masked', () => {
    const s = read('李秀英，身份证号220581197206080420，不慎遗失');
    expect(s.personal?.[0]).toMatchObject({ kind: 'id-number', masked: '220581********0420' });
    expect(JSON.stringify(s)).not.toContain('220581197206080420');
  });

  it('returns nothing for a plain text', () => {
    expect(read('我局召开全局工作会议。')).toEqual({});
  });
});
