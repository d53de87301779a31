import { createHash } from 'node:crypto';
import type { ColumnConfig, ColumnKind } from '../config/schema.ts';
import type { Finding } from '../model/finding.ts';
import type { RuleId, Severity } from '../common/rule-ids.ts';

// Building findings: the stable id reconciliation relies on, and the Chinese wording shared by
// every rule (who should act, how a column is named), so messages read alike across rules.

/**
 * sha256 of (portal, rule, subject), first 20 hex characters (80 bits: no collision in any
 * portal's lifetime). JSON-encoding the triple keeps ("a:b", "c") and ("a", "b:c") apart.
 */
export function findingId(portalId: string, rule: RuleId, subject: string): string {
  return createHash('sha256')
    .update(JSON.stringify([portalId, rule, subject]))
    .digest('hex')
    .slice(0, FINDING_ID_LENGTH);
}

export const FINDING_ID_LENGTH = 20;

/** What findingId returns: the API refuses anything else in a path before it reads the store. */
export const FINDING_ID_REGEX = new RegExp(`^[0-9a-f]{${FINDING_ID_LENGTH}}$`);

export interface FindingInput {
  rule: RuleId;
  severity: Severity;
  /** Defaults to `url`. */
  subject?: string;
  url: string;
  title: string;
  /** The column the finding belongs to: fills `columnId` and `department`. */
  column?: ColumnConfig;
  message: string;
  action: string;
  evidence: Finding['evidence'];
}

export function makeFinding(portalId: string, input: FindingInput): Finding {
  const subject = input.subject ?? input.url;
  const { column } = input;
  return {
    id: findingId(portalId, input.rule, subject),
    portalId,
    rule: input.rule,
    severity: input.severity,
    subject,
    url: input.url,
    title: input.title,
    ...(column ? { columnId: column.id } : {}),
    ...(column?.department ? { department: column.department } : {}),
    message: input.message,
    action: input.action,
    evidence: input.evidence,
  };
}

/** Who should act on a column's finding: “土地利用科信息员”. */
export function officerOf(column: ColumnConfig | undefined): string {
  return column?.department ? `${column.department}信息员` : '栏目所属科室信息员';
}

/** Who acts on portal-wide findings (homepage, reachability): the site is run by its 信息中心. */
export const SITE_OFFICER = '网站维护人员（信息中心）';

/** “「土地市场」栏目” */
export const columnLabel = (column: ColumnConfig) => `「${column.name}」栏目`;

export const KIND_LABEL: Readonly<Record<ColumnKind, string>> = {
  news: '工作动态类',
  notice: '通知公告类',
  policy: '政策文件类',
  personnel: '人事信息类',
  planning: '规划计划类',
  static: '机构职能类',
  interpretation: '政策解读类',
  'annual-report': '年度报告类',
  'service-guide': '办事指南类',
  interaction: '互动交流类',
};

/** Keeps the first finding per id: a URL listed in two columns is one problem, not two. */
export function uniqueById(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.id) && seen.add(f.id));
}
