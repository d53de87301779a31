import { extractDetail } from '../functions/extract/detail-extractor.ts';
import { extractHomepage } from '../functions/extract/homepage-extractor.ts';
import { extractList } from '../functions/extract/list-extractor.ts';
import { extractMessageList } from '../functions/extract/message-list.ts';
import { extractMessagePage } from '../functions/extract/message-page.ts';
import { checkServiceGuide } from '../functions/extract/service-guide.ts';

// Wall time of each extractor on a page of `depth` nested <div>s (the hostile page: 100,000 deep
// is 1.1 MB). Each must return or refuse (ExtractionBudgetExceeded) well under a second.
//   npx tsx bench/deep-nesting.ts [depth] [inner html]

const depth = Number(process.argv[2] ?? 100000);
const inner = process.argv[3] ?? '<a href="/t20240101_1.html">关于印发某某办法的通知</a><span>2024-01-01</span>';
const html = `<html><body>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</body></html>`;
const url = 'http://portal.test/col/a.html';
const extractors: Record<string, () => unknown> = {
  detail: () => extractDetail(html, url),
  list: () => extractList(html, url),
  homepage: () => extractHomepage(html, url),
  'message list': () => extractMessageList(html, url),
  'message page': () => extractMessagePage(html),
  'service guide': () => checkServiceGuide(html),
};
console.log(`depth ${depth}, ${html.length} bytes`);
for (const [name, run] of Object.entries(extractors)) {
  const t0 = performance.now();
  let outcome = 'extracted';
  try {
    run();
  } catch (e) {
    outcome = `threw ${(e as Error).name}: ${(e as Error).message}`;
  }
  console.log(`${name.padEnd(14)} ${(performance.now() - t0).toFixed(0).padStart(5)} ms  ${outcome}`);
}
