// Who owns what has no department of its own: site-wide findings (the homepage, missing columns,
// the annual report) and columns the config leaves unassigned. The webmaster (信息中心) runs the
// site, so the digest, the API summary, the CLI and the statistics all file them under one name.
export const SITE_DEPARTMENT = '网站整体（信息中心）';

export const departmentOf = (owner: { department?: string | null }): string => owner.department ?? SITE_DEPARTMENT;
