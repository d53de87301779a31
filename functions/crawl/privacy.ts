// Personal data a disclosure must not show (国办《2018年政务公开工作要点》: 身份证号码、银行账号、
// 电话 … are de-identified), found strictly enough not to cry wolf: an ID number must carry a
// valid GB 11643 check digit, a card number must pass Luhn next to banking words, a mobile
// number must stand next to a person's name. Everything found is masked before it leaves here.

export type PersonalKind = 'id-number' | 'bank-card' | 'mobile';

export interface PersonalData {
  kind: PersonalKind;
  masked: string;
  /** The surrounding text, with every personal number in it masked. */
  context: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** GB 11643-1999: 17 digits, a birth date, and the ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber18(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  if (y < 1900 || y > 2100 || !realDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11] === s[17]!.toUpperCase();
}

/** The old 15-digit numbers have no check digit: their date part (19YYMMDD) must be real. */
export function isValidIdNumber15(s: string): boolean {
  return /^\d{15}$/.test(s) && realDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

export function passesLuhn(s: string): boolean {
  if (!/^\d{16,19}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    let d = Number(s[s.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const maskIdNumber = (s: string) => `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
export const maskBankCard = (s: string) => `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
export const maskMobile = (s: string) => `${s.slice(0, 3)}****${s.slice(-4)}`;

// Digit runs not glued to other digits; an 18-digit ID may end in X.
const ID18 = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const DIGITS = /(?<!\d)\d{15,19}(?!\d)/g;
const MOBILE = /(?<![\d-])1[3-9]\d{9}(?!\d)/g;
const BANK_WORDS = /(?:开户行|开户银行|银行|账号|帐号|卡号|银行卡)/;
// A 2–4 character Chinese name right before the number, perhaps after 联系人/电话 and punctuation.
const NAME_BEFORE = /(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,4})(?:[，,、：:\s（(]|联系电话|电话|手机|手机号码?)*$/;
const ORG_END = /(?:局|科|中心|公司|办公室|所|站|委|处|厅|院|政府|银行|窗口|热线|电话|手机|号码)$/;

function findAll(text: string): { start: number; end: number; kind: PersonalKind; value: string }[] {
  const hits: { start: number; end: number; kind: PersonalKind; value: string }[] = [];
  for (const m of text.matchAll(ID18)) if (isValidIdNumber18(m[0])) hits.push({ start: m.index, end: m.index + m[0].length, kind: 'id-number', value: m[0] });
  for (const m of text.matchAll(DIGITS)) {
    if (hits.some((h) => h.start === m.index)) continue;
    if (m[0].length === 15 && isValidIdNumber15(m[0]) && /身份证|证件号|公民身份/.test(text.slice(Math.max(0, m.index - 12), m.index))) {
      hits.push({ start: m.index, end: m.index + 15, kind: 'id-number', value: m[0] });
    } else if (m[0].length >= 16 && passesLuhn(m[0]) && BANK_WORDS.test(text.slice(Math.max(0, m.index - 20), m.index))) {
      hits.push({ start: m.index, end: m.index + m[0].length, kind: 'bank-card', value: m[0] });
    }
  }
  for (const m of text.matchAll(MOBILE)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const name = NAME_BEFORE.exec(before)?.[1];
    if (name && !ORG_END.test(name)) hits.push({ start: m.index, end: m.index + m[0].length, kind: 'mobile', value: m[0] });
  }
  return hits.sort((a, b) => a.start - b.start);
}

const maskOf = (kind: PersonalKind, v: string) => (kind === 'id-number' ? maskIdNumber(v) : kind === 'bank-card' ? maskBankCard(v) : maskMobile(v));

/** The text with every personal number in it masked. */
export function maskPersonalData(text: string): string {
  let out = '';
  let at = 0;
  for (const h of findAll(text)) {
    out += text.slice(at, h.start) + maskOf(h.kind, h.value);
    at = h.end;
  }
  return out + text.slice(at);
}

export function findPersonalData(text: string): PersonalData[] {
  return findAll(text).map((h) => ({
    kind: h.kind,
    masked: maskOf(h.kind, h.value),
    context: maskPersonalData(text.slice(Math.max(0, h.start - 15), Math.min(text.length, h.end + 15))),
  }));
}
