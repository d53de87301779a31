// Personal data a disclosure must not show (国办《2018年政务公开工作要点》: 身份证号码、银行账号、
// 电话 … are de-identified). Detection is strict so the veto rule never cries wolf: an ID number
// needs a real birth date and a valid GB 11643 check digit, a card number must pass Luhn next to
// banking words (or in a table column headed 银行卡号 / 账号), a mobile number must stand next to a person's name. Everything leaves masked:
// the service must never become a second copy of the leak.

export type PersonalKind = 'id-number' | 'bank-card' | 'mobile';

export interface PersonalData {
  kind: PersonalKind;
  masked: string;
  /** Up to ~15 characters each side, with every personal number in it masked too. */
  context: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432'; // remainder 0..10 → check character (ISO 7064 MOD 11-2)

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The GB 11643 check character of 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** GB 11643-1999: 17 digits with a real birth date (1900–2100) and the MOD 11-2 check character. */
export function isValidIdNumber18(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  if (y < 1900 || y > 2100 || !isRealDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  return idCheckDigit(s) === s[17]!.toUpperCase();
}

/** The pre-1999 15-digit numbers carry no check digit: only their date part (19YYMMDD) can be checked. */
export function isValidIdNumber15(s: string): boolean {
  return (
    /^\d{15}$/.test(s) && isRealDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)))
  );
}

/** Luhn (ISO/IEC 7812) over a 16–19 digit bank card number. */
export function passesLuhn(s: string): boolean {
  if (!/^\d{16,19}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    let d = Number(s[s.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// Every mask keeps the length of the number, so a masked text lines up with the original.
export const maskIdNumber = (s: string) => `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
export const maskBankCard = (s: string) => `${s.slice(0, 4)}${'*'.repeat(Math.max(0, s.length - 8))}${s.slice(-4)}`;
export const maskMobile = (s: string) => `${s.slice(0, 3)}****${s.slice(-4)}`;

const BANKING = /开户行|银行|账号|帐号|卡号/; // 银行卡 is covered by 银行
// Words between a name and its number: separators and phone labels (“张三，电话：139…”).
const PHONE_LABELS = /(?:[\s\u3000：:（(，,、]|联系电话|联系方式|手机号码|手机号|手机|电话号码|电话|tel|Tel|TEL)+$/u;
// A 2–4 character name, alone or after a label; a longer run of Chinese is a sentence, not a name.
const NAME =
  /(?:^|[^\p{Script=Han}]|(?:联系人|负责人|申请人|经办人|承办人|代理人|权利人|当事人|户主|姓名)[：:\s]*)(\p{Script=Han}{2,4})$/u;
// Units answer on a duty mobile: not personal data.
const ORG_SUFFIX = /(?:局|科|股|中心|公司|办公室|室|处|所|站|院|委|厅|部|会|队|组|办|馆|社|厂|行)$/u;
// Common surnames (they cover most of the population); a name must start with one, which keeps
// “举报电话”, “咨询电话”, “值班手机” out.
const SURNAMES = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
    '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'
  ).split(''),
);

function isPersonName(name: string): boolean {
  return SURNAMES.has(name[0]!) && !ORG_SUFFIX.test(name);
}

/** A mobile number counts only right after a person's name (“联系人：张三 139…”, “张三（139…）”). */
function nextToName(before: string): boolean {
  const name = NAME.exec(before.replace(PHONE_LABELS, ''))?.[1];
  return name !== undefined && isPersonName(name);
}

interface Hit {
  kind: PersonalKind;
  start: number;
  end: number;
  masked: string;
}

/** What the page's layout says about numbers that their surrounding text does not. */
export interface PersonalDataContext {
  /**
   * Numbers the page shows in a banking place: a table column headed 银行卡号 / 账号, or a row naming
   * a bank (see table-banking.ts). They count as next to banking words.
   */
  accountNumbers?: readonly string[];
  /** Numbers the layout places elsewhere (a 合同编号 column): not cards, whatever the text before them. */
  otherNumbers?: readonly string[];
}

function classify(run: string, before: string, place: 'account' | 'other' | null): Omit<Hit, 'start' | 'end'> | null {
  if ((run.length === 18 && isValidIdNumber18(run)) || (run.length === 15 && isValidIdNumber15(run))) {
    return { kind: 'id-number', masked: maskIdNumber(run) };
  }
  if (/^\d{16,19}$/.test(run) && passesLuhn(run) && (place === 'account' || (place === null && BANKING.test(before)))) {
    return { kind: 'bank-card', masked: maskBankCard(run) };
  }
  if (/^1[3-9]\d{9}$/.test(run) && nextToName(before.slice(-12))) return { kind: 'mobile', masked: maskMobile(run) };
  return null;
}

function scan(text: string, ctx: PersonalDataContext): Hit[] {
  const hits: Hit[] = [];
  const accounts = new Set(ctx.accountNumbers);
  const others = new Set(ctx.otherNumbers);
  // Whole digit runs only, so a number embedded in a longer run (an order number, a 统一社会信用代码
  // fragment) is never read as an ID or a mobile.
  for (const m of text.matchAll(/\d+(?:[Xx](?![\dA-Za-z]))?/g)) {
    const start = m.index;
    const c = classify(
      m[0],
      text.slice(Math.max(0, start - 20), start),
      accounts.has(m[0]) ? 'account' : others.has(m[0]) ? 'other' : null,
    );
    if (c) hits.push({ ...c, start, end: start + m[0].length });
  }
  return hits;
}

function applyMasks(text: string, hits: Hit[]): string {
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + h.masked;
    at = h.end;
  }
  return out + text.slice(at);
}

/** Every personal number in a text, masked, each with its (masked) surroundings. */
export function findPersonalData(text: string, ctx: PersonalDataContext = {}): PersonalData[] {
  const hits = scan(text, ctx);
  if (hits.length === 0) return [];
  const masked = applyMasks(text, hits); // same length as `text`: the masks keep lengths
  return hits.map((h) => ({
    kind: h.kind,
    masked: h.masked,
    context: masked
      .slice(Math.max(0, h.start - 15), h.end + 15)
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

/** The text with every detected personal number masked: for any text that leaves the crawler. */
export function maskPersonalData(text: string, ctx: PersonalDataContext = {}): string {
  return applyMasks(text, scan(text, ctx));
}
