import { decodeHtml } from '../functions/extract/charset.ts';
import { findDates, parseDate } from '../functions/extract/dates.ts';
import { extractDetail } from '../functions/extract/detail-extractor.ts';
import { extractList } from '../functions/extract/list-extractor.ts';
import { maskPersonalData } from '../functions/extract/personal-data.ts';

// Wall time of the string-level steps on a 5 MB page that is one line (the fetch cap is 5 MB).
//   npx tsx bench/long-line.ts

const MB5 = 5 * 1024 * 1024;
const lines: Record<string, string> = {
  digits: '1'.repeat(MB5),
  'dates and IDs': '发布日期：2024-01-05 身份证号110101199003074514，'.repeat(MB5 / 80),
  'blanks and colons': ' ：:　'.repeat(MB5 / 8),
};
const time = (name: string, run: () => unknown) => {
  const t0 = performance.now();
  let outcome = 'ok';
  try {
    run();
  } catch (e) {
    outcome = `threw ${(e as Error).name}`;
  }
  console.log(`  ${name.padEnd(16)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms  ${outcome}`);
};
for (const [kind, text] of Object.entries(lines)) {
  const html = `<html><body><p>${text}</p></body></html>`;
  console.log(`${kind}: ${html.length} characters`);
  time('decodeHtml', () => decodeHtml(Buffer.from(html, 'utf8'), 'text/html'));
  time('parseDate', () => parseDate(text));
  time('findDates', () => findDates(text));
  time('maskPersonalData', () => maskPersonalData(text));
  time('extractDetail', () => extractDetail(html, 'http://portal.test/a.html'));
  time('extractList', () => extractList(html, 'http://portal.test/a.html'));
}
