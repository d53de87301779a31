import { makeFinding, SITE_OFFICER } from './finding.ts';
import { homepageFreshness } from './snapshot-queries.ts';
import type { Rule } from './types.ts';

// 首页不更新: nothing linked from the homepage is dated within the window. For a homepage that
// is only navigation (no dated item on it), the inspection looks at the second-level pages:
// the newest item of any column. A homepage that could not be opened is site-unreachable's.
// With no dated item anywhere the site shows no update at all, and the rule fires (the 2015
// note: an item without a date counts as not updated).

export const homepageNotUpdated: Rule = (snapshot, context) => {
  const { homepage, portal } = snapshot;
  if (!homepage.fetch.ok) return [];
  const { asOf } = context;
  const maxAge = context.thresholds.homepageMaxAgeDays;
  const { source, newest, ageDays } = homepageFreshness(snapshot, asOf);
  if (ageDays !== null && ageDays <= maxAge) return [];
  const where = source === 'homepage' ? '首页' : '首页仅有导航，各栏目中';
  return [
    makeFinding(portal.id, {
      rule: 'homepage-not-updated',
      severity: 'veto',
      url: homepage.url,
      title: portal.name,
      message:
        newest === null
          ? `${portal.name}首页及各栏目均没有带日期的信息，无法证明网站有更新。`
          : `${where}最新信息发布于 ${newest}，已 ${ageDays} 天未更新（超过 ${maxAge} 天即为首页不更新）。`,
      action: `请${SITE_OFFICER}及时在首页发布最新动态、通知公告，并督促各科室信息员按时报送信息。`,
      evidence: { source, newest, ageDays, maxAgeDays: maxAge, homepageItems: homepage.items.length },
    }),
  ];
};
