import type { RuleId, Severity } from '../common/rule-ids.ts';

/** A finding before it is stored: the id is derived from (portal, rule, subject). */
export interface Finding {
  id: string;
  portalId: string;
  rule: RuleId;
  severity: Severity;
  /** What the finding is about: a URL, or `column:<id>` / `expected:<name>` for things without one. */
  subject: string;
  url: string;
  title: string;
  columnId?: string;
  department?: string;
  /** One sentence in Chinese: what is wrong. */
  message: string;
  /** One sentence in Chinese: what the 信息员 should do. */
  action: string;
  evidence: Record<string, string | number | boolean | null | string[]>;
}
