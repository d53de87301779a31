import { hashOf } from '../common/hash.ts';
import type { Finding } from '../model/finding.ts';

// What a finding says "in substance": the part a reader would call a change. Stale columns grow
// one day staler every day and a leak's message repeats the count; neither is news. A new leaked
// number on the same page, or a column stale for a different newest item, is.

/** Counts that grow by themselves each day a problem stays. */
const AGEING_EVIDENCE = new Set(['ageDays', 'daysSinceEnd']);

const lastingEvidence = (f: Pick<Finding, 'evidence'>) =>
  // An object, not entries: hashOf sorts an object's keys, and DynamoDB returns maps in any order.
  Object.fromEntries(Object.entries(f.evidence).filter(([k]) => !AGEING_EVIDENCE.has(k)));

/** Everything a reader sees of a finding, less its ageing counts (and the message, which only renders them). */
export const substanceOf = (f: Finding) =>
  hashOf([f.severity, f.title, f.url, f.action, f.columnId ?? null, f.department ?? null, lastingEvidence(f)]);

/** Everything stored of a finding's content: a change here is written back. */
export const contentOf = (f: Finding) => hashOf([substanceOf(f), f.message, f.evidence]);

/**
 * What a person's decision rests on: the severity, the page and the evidence. A retitled page or
 * a reworded action does not undo an ignore; a new leaked number or a different stale item does.
 */
export const decisionSubstance = (f: Pick<Finding, 'severity' | 'url' | 'evidence'>) =>
  hashOf([f.severity, f.url, lastingEvidence(f)]);

const shown = (v: unknown) => {
  const s = Array.isArray(v) ? v.join('、') : v === undefined ? '（无）' : String(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};

/** A sentence on what changed between two versions of a finding's evidence, for its history. */
export function evidenceChange(before: Pick<Finding, 'severity' | 'evidence'>, after: Finding): string {
  const parts: string[] = [];
  if (before.severity !== after.severity) parts.push(`severity ${before.severity} → ${after.severity}`);
  const b = lastingEvidence(before);
  const a = lastingEvidence(after);
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    if (hashOf(b[key] ?? null) !== hashOf(a[key] ?? null)) parts.push(`${key}: ${shown(b[key])} → ${shown(a[key])}`);
  }
  return parts.length ? parts.join('；') : '页面或证据已变化';
}
