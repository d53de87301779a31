import { parseDate } from './dates.ts';
import { findPersonalData } from './privacy.ts';
import type { TextSignals } from '../rules/types.ts';

// What the text rules need from a page's body, read once when the page is crawled: stated
// periods (过期信息), personal data (masked), old institution names, cited 《titles》. The
// body itself is never stored.

const DATE = String.raw`(?:19|20)\d{2}\s*(?:年|-|\/|\.)\s*\d{1,2}\s*(?:月|-|\/|\.)\s*\d{1,2}\s*日?`;
const PERIODS: RegExp[] = [
  // 公示期（为）2017年10月9日至2017年10月18日 / 公示时间：…至… / 有效期：…至…
  new RegExp(String.raw`(?:公示期|公示时间|公告期|公示日期|有效期|征求意见时间|报名时间)(?:限)?\s*(?:为|是|：|:)?\s*(?:自|从)?\s*${DATE}\s*(?:起)?\s*(?:至|到|—|-|~)\s*(${DATE})\s*(?:止)?`, 'g'),
  // 自2017年1月1日起至2017年12月31日止
  new RegExp(String.raw`自\s*${DATE}\s*起?\s*至\s*(${DATE})\s*止`, 'g'),
  // 有效期至2018年3月1日 / 报名截止（时间/日期）：2017年11月30日 / 截止日期：…
  new RegExp(String.raw`(?:有效期至|有效期限至|报名截止(?:时间|日期)?|截止(?:时间|日期)|申请截止(?:时间|日期)?)\s*(?:为|：|:)?\s*(?:到)?\s*(${DATE})`, 'g'),
];

export function readTextSignals(bodyText: string, opts: { obsoleteNames: string[] }): TextSignals {
  const signals: TextSignals = {};
  const periods: { text: string; ends: string }[] = [];
  for (const re of PERIODS) {
    for (const m of bodyText.matchAll(re)) {
      const ends = parseDate(m[1]!);
      if (ends && !periods.some((p) => p.ends === ends && p.text === m[0])) periods.push({ text: m[0].slice(0, 60), ends });
    }
  }
  if (periods.length) signals.periods = periods;
  const personal = findPersonalData(bodyText);
  if (personal.length) signals.personal = personal;
  const names = opts.obsoleteNames.filter((n) => bodyText.includes(n));
  if (names.length) signals.obsoleteNames = names;
  const cites = [...new Set([...bodyText.matchAll(/《([^《》]{2,80})》/g)].map((m) => m[1]!.trim()))].slice(0, 10);
  if (cites.length) signals.cites = cites;
  return signals;
}
