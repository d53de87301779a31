import { load } from './cheerio-load.ts';
import type { CheerioAPI } from 'cheerio';
import { tick, type Budget } from './budget.ts';

// Parsing a page. parse5 (cheerio's HTML parser) and cheerio's selector engine take time quadratic
// in the nesting depth: parse5 needs ~0.4 s at depth 8,000, minutes at 100,000. Browsers stop
// nesting at 512 (Chrome); no real page comes near the limit below (layout tables nest a few dozen
// deep), so a page nested deeper is refused before it is parsed. The
// depth is estimated by a linear scan of the tags: end tags close their element, void and
// self-closed tags open nothing, and the implied closes that matter on old pages (<p>, <li>, cells,
// <option> left open) are applied, so unclosed paragraphs do not read as nesting.

/** Deepest nesting parsed: every extractor reads such a page in ~0.1 s. */
export const MAX_NESTING = 1000;

const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr basefont bgsound frame keygen'.split(' '),
);
// Elements whose content is text up to their end tag: tags inside them are not tags.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
const BLOCK =
  'address article aside blockquote div dl fieldset footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul';
// An open tag closes these when they are the innermost open element.
const CLOSES: Record<string, Set<string>> = {
  li: new Set(['li', 'p']),
  dt: new Set(['dt', 'dd', 'p']),
  dd: new Set(['dt', 'dd', 'p']),
  tr: new Set(['tr', 'td', 'th']),
  td: new Set(['td', 'th']),
  th: new Set(['td', 'th']),
  tbody: new Set(['tr', 'td', 'th', 'thead', 'tbody']),
  option: new Set(['option']),
};
for (const tag of BLOCK.split(' ')) CLOSES[tag] = new Set(['p']);
/** How far up an end tag looks for its element; a stray end tag further off is ignored. */
const END_TAG_REACH = 32;

const TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>|<!--|<[!?][^>]*>/g;

/** The deepest element nesting of a page, as the tags say (see above). */
export function nestingDepth(html: string): number {
  const stack: string[] = [];
  let deepest = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    tick();
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', TAG.lastIndex);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    if (!m[2]) continue;
    const name = m[2].toLowerCase();
    if (m[1]) {
      for (let i = stack.length - 1; i >= 0 && i >= stack.length - END_TAG_REACH; i--) {
        if (stack[i] === name) {
          stack.length = i;
          break;
        }
      }
      continue;
    }
    const closes = CLOSES[name];
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1]!)) stack.pop();
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = TAG.lastIndex;
      if (!endTag.exec(html)) break;
      TAG.lastIndex = endTag.lastIndex - name.length - 2;
      continue;
    }
    if (VOID.has(name) || m[3]) continue;
    stack.push(name);
    if (stack.length > deepest) deepest = stack.length;
  }
  return deepest;
}

/** The page parsed, or refused (ExtractionBudgetExceeded) when it is nested too deep to parse in time. */
export function loadHtml(html: string, budget: Budget): CheerioAPI {
  const depth = nestingDepth(html);
  if (depth > MAX_NESTING) budget.refuse(`elements nested ${depth} deep (at most ${MAX_NESTING} are read)`);
  const $ = load(html);
  budget.check();
  return $;
}
