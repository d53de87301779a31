// The rule ids of docs/rules.md: a public contract (JSON output, DynamoDB, the API). They never
// change meaning once shipped. Kept here, below config and model, because both name them.

export const RULE_IDS = [
  'site-unreachable',
  'homepage-not-updated',
  'missing-column',
  'empty-column',
  'empty-page',
  'stale-column',
  'undated-item',
  'late-publication',
  'backdated-publication',
  'expired-content',
  'obsolete-name',
  'broken-link',
  'missing-interpretation',
  'privacy-exposure',
  'annual-report-missing',
  'guide-missing-elements',
  'no-consultation-channel',
  'unanswered-message',
  'wording-error',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'veto' | 'major' | 'minor';

/** Most serious first: the order every list of findings (digest, CLI) shows them in. */
export const SEVERITY_RANK: Record<Severity, number> = { veto: 0, major: 1, minor: 2 };

export const bySeverity = (a: { severity: Severity }, b: { severity: Severity }) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
