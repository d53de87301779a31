import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { columnById, pageTitle } from './snapshot-queries.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from './types.ts';
import type { TextSignals } from '../model/snapshot.ts';

// 保密审查制度 / 条例 Art. 15: a disclosure must not expose personal data. The crawler already
// kept only strong evidence (GB 11643 check digit, Luhn next to banking words, a mobile next to a
// person's name) and masked it, so this rule only reports; it never sees a clear number.

type Kind = NonNullable<TextSignals['personal']>[number]['kind'];
const LABEL: Record<Kind, string> = { 'id-number': '身份证号码', 'bank-card': '银行卡号', mobile: '个人手机号码' };

export const privacyExposure: Rule = (snapshot) => {
  const findings: Finding[] = [];
  for (const page of snapshot.pages.values()) {
    const personal = page.textSignals?.personal ?? [];
    if (personal.length === 0) continue;
    const column = columnById(snapshot, page.columnId)?.column;
    const where = column ? columnLabel(column) : '所在栏目';
    const title = pageTitle(page);
    const kinds = [...new Set(personal.map((p) => p.kind))];
    const counts = kinds.map((k) => `${LABEL[k]} ${personal.filter((p) => p.kind === k).length} 处`).join('、');
    const labels = kinds.map((k) => LABEL[k]).join('、');
    findings.push(
      makeFinding(snapshot.portal.id, {
        rule: 'privacy-exposure',
        severity: 'veto',
        url: page.url,
        title,
        column,
        message: `${where}中的《${title}》公开了未去标识化的个人信息（${counts}）。`,
        action: `请${officerOf(column)}立即对《${title}》中的${labels}等个人信息作去标识化处理（隐去出生日期等中间位），并按保密审查制度复查本栏目其他信息。`,
        // Masked values only: the finding store must never become a second copy of the leak.
        evidence: { kinds, masked: personal.map((p) => p.masked), count: personal.length },
      }),
    );
  }
  return findings;
};
