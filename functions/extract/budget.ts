// A hostile page (100,000 nested <div>s, a megabyte on one line) must not hold a scan, a `check`
// or `serve` for minutes. Every extractor walks under a budget: past it, the page is refused with
// this error, the caller records a per-page warning, and the column and the scan go on.

/** Wall time one page's extraction may take; an ordinary page needs a few milliseconds. */
export const EXTRACTION_BUDGET_MS = 500;

export class ExtractionBudgetExceeded extends Error {
  override readonly name = 'ExtractionBudgetExceeded';
  constructor(
    readonly what: string,
    readonly budgetMs: number,
  ) {
    super(`${what}: extraction stopped after ${budgetMs} ms (page too large or too deeply nested)`);
  }
}

export function isBudgetExceeded(err: unknown): err is ExtractionBudgetExceeded {
  return err instanceof Error && err.name === 'ExtractionBudgetExceeded';
}

/**
 * A deadline checked cheaply inside walks: `tick()` reads the clock only every 1,024 calls, so a
 * linear walk stays linear.
 */
export class Budget {
  private calls = 0;
  private readonly deadline: number;
  constructor(
    private readonly what: string,
    private readonly budgetMs = EXTRACTION_BUDGET_MS,
  ) {
    this.deadline = Date.now() + budgetMs;
  }
  tick(): void {
    if ((++this.calls & 1023) === 0 && Date.now() > this.deadline) {
      throw new ExtractionBudgetExceeded(this.what, this.budgetMs);
    }
  }
}
