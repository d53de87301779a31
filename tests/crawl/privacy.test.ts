import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPersonalData, isValidIdNumber15, isValidIdNumber18, maskIdNumber, maskPersonalData, passesLuhn } from '../../functions/crawl/privacy.ts';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const withCheckDigit = (body17: string) => body17 + '10X98765432'[[...body17].reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11]!;
const luhnComplete = (body: string) => {
  for (let c = 0; c < 10; c++) if (passesLuhn(body + c)) return body + c;
  throw new Error('unreachable');
};
const idBody = fc
  .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date(Date.UTC(1930, 0, 1)), max: new Date(Date.UTC(2015, 11, 31)), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([area, birth, seq]) => `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);

describe('GB 11643 ID numbers', () => {
  it('accepts the check digit computed by the standard (X for 10)', () => {
    expect(isValidIdNumber18('220581198503152317')).toBe(true);
    expect(isValidIdNumber18('11010519491231002X')).toBe(true);
  });

  it('accepts every generated number with its check digit, and rejects any single changed digit', () => {
    fc.assert(
      fc.property(idBody, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const id = withCheckDigit(body);
        expect(isValidIdNumber18(id)).toBe(true);
        const changed = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(isValidIdNumber18(changed)).toBe(false);
      }),
    );
  });

  it('rejects an impossible birth date even with a matching check digit', () => {
    expect(isValidIdNumber18(withCheckDigit('22058119850230231'))).toBe(false);
  });

  it('checks old 15-digit numbers by their date part', () => {
    expect(isValidIdNumber15('220581850315231')).toBe(true);
    expect(isValidIdNumber15('220581851315231')).toBe(false);
  });

  it('never leaves more than 10 digits of an 18-digit number visible', () => {
    fc.assert(
      fc.property(idBody, (body) => {
        expect(maskIdNumber(withCheckDigit(body)).replace(/\*/g, '')).toHaveLength(10);
      }),
    );
  });
});

describe('Luhn', () => {
  it('passes completed numbers and fails any changed digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^62\d{14,16}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, p, delta) => {
        const card = luhnComplete(body);
        expect(passesLuhn(card)).toBe(true);
        const pos = p % card.length;
        expect(passesLuhn(card.slice(0, pos) + ((Number(card[pos]) + delta) % 10) + card.slice(pos + 1))).toBe(false);
      }),
    );
  });
});

describe('findPersonalData', () => {
  it('finds an ID number and a mobile next to a name, masked, with masked context', () => {
    const found = findPersonalData('居民王建国（身份证号码：220581198503152317）不慎遗失土地证。联系人：王建国 13904351234。');
    expect(found.map((f) => [f.kind, f.masked])).toEqual([['id-number', '220581********2317'], ['mobile', '139****1234']]);
    expect(found.every((f) => !/\d{11}/.test(f.context))).toBe(true);
  });

  it('finds a bank card only in a banking context', () => {
    const card = luhnComplete('622848040256489001');
    expect(findPersonalData(`开户银行：农业银行，账号：${card}`).map((f) => f.kind)).toEqual(['bank-card']);
    expect(findPersonalData(`项目编号：${card}`)).toEqual([]);
  });

  it('leaves alone what is not personal: a wrong check digit, office phones, a mobile beside an office', () => {
    expect(findPersonalData('材料编号220581199001011230经审核无误。咨询电话：0435-4223456。')).toEqual([]);
    expect(findPersonalData('联系电话：梅河口市国土资源局 13904351234')).toEqual([]);
    expect(findPersonalData('文号梅国土资发〔2017〕12号，共计1234567890123456789元')).toEqual([]);
  });

  it('masks every personal number in a text, and nothing else', () => {
    expect(maskPersonalData('张伟，身份证号220581197206080420，电话0435-4223456')).toBe('张伟，身份证号220581********0420，电话0435-4223456');
  });
});
