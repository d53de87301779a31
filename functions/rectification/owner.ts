import { SITE_DEPARTMENT } from '../common/department.ts';
import type { PortalConfig } from '../config/schema.ts';
import type { Finding } from '../model/finding.ts';
import { SITE_OFFICER } from '../rules/finding.ts';

// Who must act on a finding (整改责任): the column's department and its 信息员; a site-wide finding
// (the homepage, a missing column, the annual report) goes to the webmaster, whom the config names
// as a `webmaster` recipient.

export interface Owner {
  department: string;
  /** The 信息员 (or the webmaster) by name, as the config gives it. */
  officer: string;
  email: string | null;
}

export function ownerOf(finding: Pick<Finding, 'department'>, portal: PortalConfig): Owner {
  if (finding.department) {
    const d = portal.departments?.find((x) => x.name === finding.department);
    return {
      department: finding.department,
      officer: d?.officer ?? `${finding.department}信息员`,
      email: d?.email ?? null,
    };
  }
  const webmaster = portal.recipients?.find((r) => r.role === 'webmaster');
  return { department: SITE_DEPARTMENT, officer: webmaster?.name ?? SITE_OFFICER, email: webmaster?.email ?? null };
}
