import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END, renderTables, START } from './doc-table.ts';

// docs/score.md shows the deduction table a bureau is scored by: it must be the data file's, line
// for line, or a reader would check their portal against numbers the code does not use.

const doc = readFileSync(new URL('../../docs/score.md', import.meta.url), 'utf8');

describe('docs/score.md', () => {
  it('shows the deduction table of deductions.json, as rendered from it', () => {
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `docs/score.md lacks the marker ${START}`).toBeGreaterThanOrEqual(0);
    expect(end, `docs/score.md lacks the marker ${END}`).toBeGreaterThan(start);
    const shown = doc.slice(start + START.length, end).trim();
    expect(shown, 'docs/score.md differs from deductions.json: paste the expected table between the markers').toBe(
      renderTables(),
    );
  });

  it('says it is an estimate', () => {
    expect(doc).toMatch(/always an\s+estimate/);
  });
});
