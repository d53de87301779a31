// A hostile page (100,000 nested <div>s, a megabyte on one line) must not hold a scan, a `check`
// or `serve` for minutes. Every extractor walks under a budget: past it, the page is refused with
// this error, the caller records a per-page warning, and the column and the scan go on.

/** Wall time one page's extraction may take; an ordinary page needs a few milliseconds. */
export const EXTRACTION_BUDGET_MS = 500;

/**
 * The budget of a page of `chars` characters: parsing alone takes ~0.3 ms per KB, so a 5 MB
 * roster table (read for personal data) gets ~3 s rather than being refused; a page of a few
 * hundred KB keeps about the base budget.
 */
export function pageBudgetMs(chars: number): number {
  return EXTRACTION_BUDGET_MS + Math.round(chars / 2048);
}

export class ExtractionBudgetExceeded extends Error {
  override readonly name = 'ExtractionBudgetExceeded';
  /** Why the page was refused, without naming the page (for a warning that names it already). */
  readonly reason: string;
  constructor(
    readonly what: string,
    readonly budgetMs: number,
    /** Given when the page is refused before its time is up (nested too deep to parse at all). */
    reason?: string,
  ) {
    const why = reason ?? `extraction stopped after ${budgetMs} ms (page too large or too deeply nested)`;
    super(`${what}: ${why}`);
    this.reason = why;
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
  /** Reads the clock now: between an extractor's steps, each of which may be long on a big page. */
  check(): void {
    if (Date.now() > this.deadline) throw new ExtractionBudgetExceeded(this.what, this.budgetMs);
  }
  /** Refuses the page now, for a reason known before the time is up. */
  refuse(reason: string): never {
    throw new ExtractionBudgetExceeded(this.what, this.budgetMs, reason);
  }
}

// Extraction is synchronous, so the page being extracted has one budget at a time: the entry
// points install it here and every walk ticks it, without threading it through each helper.
let active: Budget | null = null;

/** Runs `fn` with `budget` as the one every walk ticks (restoring the outer one after). */
export function underBudget<T>(budget: Budget, fn: () => T): T {
  const outer = active;
  active = budget;
  try {
    return fn();
  } finally {
    active = outer;
  }
}

/** One step of a walk, counted against the page's budget (none outside an extraction). */
export function tick(): void {
  active?.tick();
}

/** The page's budget checked now, at a step boundary (none outside an extraction). */
export function checkpoint(): void {
  active?.check();
}

/** The budget an extractor runs under: the one given, else its caller's, else a fresh one. */
export function budgetFor(what: string, given?: Budget): Budget {
  return given ?? active ?? new Budget(what);
}
