// The wording lexicon matcher's time budget: a 5,000-entry lexicon over a 50 KB page must stay
// well under 10 ms a page. Run: npx tsx bench/lexicon.ts [entries] [pageChars]
import { performance } from 'node:perf_hooks';
import { findWording } from '../functions/extract/wording-matcher.ts';
import { buildLexicon } from '../functions/config/lexicon.ts';

const ENTRIES = Number(process.argv[2] ?? 5000);
const PAGE_CHARS = Number(process.argv[3] ?? 50_000);
/** Lexicon words planted in the page: a real page has a handful; `stress` plants one every 40 characters. */
const PLANTED = process.argv[4] === 'stress' ? Math.floor(PAGE_CHARS / 40) : 20;
const RUNS = 200;

// A deterministic generator, so two runs measure the same text.
let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const han = () => String.fromCharCode(0x4e00 + (next() % 3000)); // the commonest block, many shared prefixes
const word = (min: number, max: number) => Array.from({ length: min + (next() % (max - min + 1)) }, han).join('');

const typos = Array.from({ length: ENTRIES }, (_, i) => ({
  id: `bench-${i}`,
  text: word(2, 6),
  correct: '正',
  source: 'bench',
  date: '2019-01-01',
  ...(i % 10 === 0 ? { exceptions: [word(4, 8)] } : {}),
}));
const lexicon = buildLexicon({
  typos,
  leaders: Array.from({ length: 20 }, () => ({ name: word(3, 3), title: word(2, 3) })),
  fallenOfficials: Array.from({ length: 20 }, () => ({ name: word(3, 3), formerPost: word(2, 3), date: '2017-01-01' })),
});
// Mostly common characters with punctuation, and a few lexicon words planted, as a long report would have.
let body = '';
while (body.length < PAGE_CHARS) body += next() % 25 ? han() : '，';
const chars = [...body.slice(0, PAGE_CHARS)];
for (let i = 0; i < PLANTED; i++) {
  const at = Math.floor(((i + 0.5) * chars.length) / PLANTED);
  const w = typos[next() % ENTRIES]!.text;
  chars.splice(at, w.length, ...w);
}
body = chars.join('').slice(0, PAGE_CHARS);

const t0 = performance.now();
findWording(lexicon, '标题', body); // builds and caches the automaton
const build = performance.now() - t0;
for (let i = 0; i < 20; i++) findWording(lexicon, '标题', body);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  findWording(lexicon, '标题', body);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
console.log(
  `${ENTRIES} entries (+20 leaders, 20 落马 officials), page of ${PAGE_CHARS} characters ` +
    `(${Buffer.byteLength(body)} bytes UTF-8), ${PLANTED} words planted, ${RUNS} runs: median ${pct(50)} ms, p95 ${pct(95)} ms, ` +
    `max ${times.at(-1)!.toFixed(2)} ms; first call (builds the automaton) ${build.toFixed(1)} ms; ` +
    `hits kept ${findWording(lexicon, '标题', body).length}`,
);
