import fc from 'fast-check';
import {
  anyPage,
  checkCharset,
  checkDates,
  checkDetail,
  checkHomepage,
  checkList,
  checkMasking,
  randomBytes,
  textWithIds,
} from '../tests/extract/fuzz-cases.ts';

// The extractor fuzz of tests/extract/fuzz.test.ts at scale: random and mutated real pages,
// random bytes, deep nesting and long lines, through every extractor. Prints the cases run per
// target and the first counterexample, if any (replay it with the printed seed and path).
//   npx tsx bench/fuzz.ts --runs 20000 [--seed 1]

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 20_000);
const seed = arg('seed', Date.now() % 2 ** 31);
const contentType = fc.option(fc.constantFrom('text/html; charset=utf-8', 'text/html; charset=gbk', 'text/html'));

/** The slowest case of each target: a page must come back (or be refused) within about the budget. */
let slowest = 0;
const timed =
  <T>(check: (value: T) => void) =>
  (value: T) => {
    const t0 = performance.now();
    try {
      check(value);
    } finally {
      slowest = Math.max(slowest, performance.now() - t0);
    }
  };
const target = <T>(name: string, input: fc.Arbitrary<T>, check: (value: T) => void, numRuns: number) => ({
  name,
  run: () => fc.check(fc.property(input, timed(check)), { seed, numRuns: Math.ceil(numRuns) }),
});
const listAndDetail = (html: string) => {
  checkList(html);
  checkDetail(html);
};

// Pages are the slow part (a parse each): they get a tenth of the runs, strings and bytes all.
const targets = [
  target('list + detail', anyPage, listAndDetail, runs / 10),
  target('homepage', anyPage, checkHomepage, runs / 20),
  target('charset', fc.tuple(randomBytes, contentType), ([bytes, type]) => checkCharset(bytes, type), runs),
  target('dates', fc.string({ maxLength: 200 }), checkDates, runs),
  target('masking', textWithIds, checkMasking, runs),
];

let total = 0;
let failed = false;
for (const { name, run } of targets) {
  slowest = 0;
  const t0 = performance.now();
  const result = run();
  total += result.numRuns;
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${name.padEnd(14)} ${String(result.numRuns).padStart(6)} cases  ${took} s  slowest ${slowest.toFixed(0)} ms  ${result.failed ? 'FAILED' : 'ok'}`,
  );
  if (result.failed) {
    failed = true;
    console.log(`  seed ${seed}, path ${result.counterexamplePath}: ${String(result.errorInstance).slice(0, 300)}`);
  }
}
console.log(`${total} cases, seed ${seed}`);
process.exitCode = failed ? 1 : 0;
