import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  idCheckDigit,
  isValidIdNumber15,
  isValidIdNumber18,
  maskBankCard,
  maskIdNumber,
  maskMobile,
  maskPersonalData,
  passesLuhn,
} from '../../functions/extract/personal-data.ts';

// Test numbers are computed, never real: a valid check digit on a made-up body.
const ID = (body17: string) => body17 + idCheckDigit(body17);
const VALID_ID = ID('22058119900307123'); // 220581 1990-03-07
const luhnDigit = (body: string) => {
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return String(d);
  throw new Error('unreachable');
};
const CARD = '622202123456789012' + luhnDigit('622202123456789012'); // 19 digits

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const arbId = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, date, seq }) => ID(`${region}${date.toISOString().slice(0, 10).replace(/-/g, '')}${pad(seq, 3)}`));
const arbCard = fc
  .tuple(fc.integer({ min: 15, max: 18 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }))
  .map(([len, ds]) => {
    const body = ds.slice(0, len).join('');
    return body + luhnDigit(body);
  });

describe('isValidIdNumber18', () => {
  it('accepts a number whose check digit matches and whose birth date is real', () => {
    expect(isValidIdNumber18(VALID_ID)).toBe(true);
    expect(isValidIdNumber18('11010519491231002X')).toBe(true); // the GB 11643 standard's own example
    expect(isValidIdNumber18('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check digit, an impossible birth date, a year out of range and a wrong shape', () => {
    const wrong = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');
    expect(isValidIdNumber18(wrong)).toBe(false);
    expect(isValidIdNumber18(ID('22058119900230123'))).toBe(false); // 02-30
    expect(isValidIdNumber18(ID('22058118990307123'))).toBe(false); // 1899
    expect(isValidIdNumber18(VALID_ID.slice(0, 17))).toBe(false);
    expect(isValidIdNumber18('X' + VALID_ID.slice(1))).toBe(false);
  });

  it('accepts every generated number with a computed check digit (property)', () => {
    fc.assert(fc.property(arbId, (id) => isValidIdNumber18(id)));
  });

  it('rejects any single-character change of a valid number (property)', () => {
    fc.assert(
      fc.property(arbId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[pos]!.toUpperCase());
        const next = alphabet[(current + delta) % alphabet.length]!;
        fc.pre(next !== id[pos]!.toUpperCase());
        return !isValidIdNumber18(id.slice(0, pos) + next + id.slice(pos + 1));
      }),
    );
  });
});

describe('isValidIdNumber15', () => {
  it('accepts 15 digits with a real 19YYMMDD date and rejects an impossible one', () => {
    expect(isValidIdNumber15('220581900307123')).toBe(true);
    expect(isValidIdNumber15('220581901307123')).toBe(false); // month 13
    expect(isValidIdNumber15('22058190030712')).toBe(false);
  });
});

describe('passesLuhn', () => {
  it('accepts a known-good test card and rejects non-card lengths', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('411111111111')).toBe(false);
  });

  it('accepts generated numbers and rejects any single-digit change (property)', () => {
    fc.assert(
      fc.property(arbCard, fc.nat(), fc.integer({ min: 1, max: 9 }), (card, p, delta) => {
        const pos = p % card.length;
        const changed = card.slice(0, pos) + ((Number(card[pos]) + delta) % 10) + card.slice(pos + 1);
        return passesLuhn(card) && !passesLuhn(changed);
      }),
    );
  });
});

describe('masking', () => {
  it('keeps the first six and last four of an ID number', () => {
    expect(maskIdNumber('220581199003071234')).toBe('220581********1234');
    expect(maskIdNumber('220581900307123')).toBe('220581*****7123');
  });

  it('keeps four and four of a card and 3 + 4 of a mobile', () => {
    expect(maskBankCard('6222021234567890123')).toBe('6222***********0123');
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('never leaves more than 10 digits of an 18-digit ID visible (property)', () => {
    fc.assert(fc.property(arbId, (id) => (maskIdNumber(id).match(/\d/g) ?? []).length <= 10));
  });
});

describe('findPersonalData', () => {
  it('finds an ID number with a valid check digit and masks it in the context as well', () => {
    const text = `申请人：张三，身份证号码：${VALID_ID}，住址：梅河口市。`;
    const [hit, ...rest] = findPersonalData(text);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ kind: 'id-number', masked: maskIdNumber(VALID_ID) });
    expect(hit!.context).toContain(maskIdNumber(VALID_ID));
    expect(hit!.context).not.toContain(VALID_ID);
  });

  it('ignores an 18-digit number with a wrong check digit', () => {
    const wrong = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');
    expect(findPersonalData(`身份证号码：${wrong}`)).toEqual([]);
  });

  it('ignores a valid ID embedded in a longer run of digits', () => {
    expect(findPersonalData(`编号9${VALID_ID}`)).toEqual([]);
  });

  it('finds a Luhn-valid card number after banking words, not without them', () => {
    expect(findPersonalData(`开户行：中国银行梅河口支行，账号：${CARD}`)).toEqual([
      expect.objectContaining({ kind: 'bank-card', masked: maskBankCard(CARD) }),
    ]);
    expect(findPersonalData(`项目编码${CARD}`)).toEqual([]);
    const bad = CARD.slice(0, -1) + ((Number(CARD.slice(-1)) + 1) % 10);
    expect(findPersonalData(`银行卡号：${bad}`)).toEqual([]);
  });

  it.each([
    ['联系人：张三 13912345678'],
    ['张三（13912345678）'],
    ['张三，电话13912345678'],
    ['负责人王小明，手机：13912345678'],
  ])('finds a mobile number next to a personal name: %s', (text) => {
    expect(findPersonalData(text)).toEqual([expect.objectContaining({ kind: 'mobile', masked: '139****5678' })]);
  });

  it.each([
    ['联系电话：0435-4223456'],
    ['国土资源局（13912345678）'],
    ['地籍科 13912345678'],
    ['举报电话：13912345678'],
    ['联系人：张三 139123456789'],
    ['请于工作日拨打13912345678咨询'],
  ])('does not report a number that is not a person’s mobile: %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('never returns a clear number anywhere in its output', () => {
    const text = `联系人：张三 13912345678，身份证${VALID_ID}，开户行农业银行 账号${CARD}`;
    const out = JSON.stringify(findPersonalData(text));
    expect(findPersonalData(text).map((h) => h.kind)).toEqual(['mobile', 'id-number', 'bank-card']);
    for (const clear of ['13912345678', VALID_ID, CARD]) expect(out).not.toContain(clear);
  });
});

describe('maskPersonalData', () => {
  it('masks every detected number and leaves the rest of the text alone', () => {
    const text = `张三（13912345678）身份证${VALID_ID}，办公电话0435-4223456`;
    expect(maskPersonalData(text)).toBe(`张三（139****5678）身份证${maskIdNumber(VALID_ID)}，办公电话0435-4223456`);
  });
});
