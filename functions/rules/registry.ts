import { annualReportMissing } from './annual-report-missing.ts';
import { backdatedPublication } from './backdated-publication.ts';
import { brokenLink } from './broken-link.ts';
import { emptyColumn } from './empty-column.ts';
import { expiredContent } from './expired-content.ts';
import { emptyPage } from './empty-page.ts';
import { guideMissingElements } from './guide-missing-elements.ts';
import { homepageNotUpdated } from './homepage-not-updated.ts';
import { latePublication } from './late-publication.ts';
import { missingColumn } from './missing-column.ts';
import { missingInterpretation } from './missing-interpretation.ts';
import { noConsultationChannel } from './no-consultation-channel.ts';
import { obsoleteName } from './obsolete-name.ts';
import { privacyExposure } from './privacy-exposure.ts';
import { siteUnreachable } from './site-unreachable.ts';
import { staleColumn } from './stale-column.ts';
import { undatedItem } from './undated-item.ts';
import { unansweredMessage } from './unanswered-message.ts';
import { wordingError } from './wording-error.ts';
import { RULE_IDS, type RuleId } from '../common/rule-ids.ts';
import type { Finding } from '../model/finding.ts';
import type { PortalSnapshot } from '../model/snapshot.ts';
import type { Rule, RuleContext } from './types.ts';

// Every rule by its id (docs/rules.md). Complete by type: an id added to RULE_IDS without its
// rule here fails the type check, so a rule cannot be listed and silently never run.
export const rules: Record<RuleId, Rule> = {
  'site-unreachable': siteUnreachable,
  'homepage-not-updated': homepageNotUpdated,
  'missing-column': missingColumn,
  'empty-column': emptyColumn,
  'empty-page': emptyPage,
  'stale-column': staleColumn,
  'undated-item': undatedItem,
  'late-publication': latePublication,
  'broken-link': brokenLink,
  'backdated-publication': backdatedPublication,
  'missing-interpretation': missingInterpretation,
  'annual-report-missing': annualReportMissing,
  'expired-content': expiredContent,
  'obsolete-name': obsoleteName,
  'privacy-exposure': privacyExposure,
  'guide-missing-elements': guideMissingElements,
  'no-consultation-channel': noConsultationChannel,
  'unanswered-message': unansweredMessage,
  'wording-error': wordingError,
};

/**
 * Runs every rule in RULE_IDS order (stable output), dropping the findings of a
 * column that lists the rule in its `disabledRules` (e.g. an archive column that is stale by
 * design). Portal-wide findings (no column) are never disabled this way.
 */
export function runRules(snapshot: PortalSnapshot, context: RuleContext): Finding[] {
  const disabled = new Map(snapshot.portal.columns.map((c) => [c.id, new Set(c.disabledRules ?? [])]));
  const out: Finding[] = [];
  for (const id of RULE_IDS) {
    for (const f of rules[id](snapshot, context)) {
      if (f.columnId !== undefined && disabled.get(f.columnId)?.has(id)) continue;
      out.push(f);
    }
  }
  return out;
}
