import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  anyPage,
  checkCharset,
  checkDates,
  checkDetail,
  checkHomepage,
  checkList,
  checkMasking,
  deepNesting,
  longLine,
  randomBytes,
  textWithIds,
} from './fuzz-cases.ts';

// The extractors on hostile input, with a fixed seed so a failure replays. They never throw
// anything but ExtractionBudgetExceeded and always return a well-formed result (fuzz-cases.ts).
// A larger run: `npx tsx bench/fuzz.ts --runs 20000`.

const SEED = 16;
const run = <T>(input: fc.Arbitrary<T>, check: (value: T) => void, numRuns: number) =>
  fc.assert(
    fc.property(input, (value) => check(value)),
    { seed: SEED, numRuns },
  );
const listAndDetail = (html: string) => {
  checkList(html);
  checkDetail(html);
};

describe('extractor fuzzing', () => {
  it('list and detail extractors read any page or refuse it with the budget error', () => {
    run(anyPage, listAndDetail, 60);
  });

  it('deep nesting and megabyte lines are extracted or refused, never a stack overflow', () => {
    run(fc.oneof(deepNesting, longLine), listAndDetail, 12);
  });

  it('the homepage extractor reads any page', () => {
    run(anyPage, checkHomepage, 30);
  });

  it('any bytes decode, under any declared charset', () => {
    const contentType = fc.option(
      fc.constantFrom('text/html; charset=utf-8', 'text/html; charset=gbk', 'text/html; charset=x-bogus', 'text/html'),
    );
    run(fc.tuple(randomBytes, contentType), ([bytes, type]) => checkCharset(bytes, type), 300);
  });

  it('dates read off any text are real ISO days', () => {
    run(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })), checkDates, 1000);
  });

  it('masking leaves no valid 18-digit ID number in clear', () => {
    run(textWithIds, checkMasking, 1000);
  });
});
