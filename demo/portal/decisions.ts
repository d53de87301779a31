import type { RuleId } from '../../functions/common/rule-ids.ts';
import { decideFinding, type FindingAction } from '../../functions/rectification/decide.ts';
import { findingId } from '../../functions/rules/finding.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { itemPath, type DemoItem } from './model.ts';
import { beijing } from './outages.ts';
import { DEMO_PORTALS } from './site.ts';

// What the bureau's people decide on the demo's second scan day, as they would with
// `disclosure-watch findings ack|ignore`: the disclosure office dismisses a 公示 kept on purpose
// as a false positive, and the 办公室's 信息员 acknowledges a leak she is removing.

export interface DemoDecision {
  portal: string;
  rule: RuleId;
  /** The finding's subject: its page's URL. */
  subject: (origin: string) => string;
  action: FindingAction;
  by: string;
  at: string;
}

export const DEMO_DECISIONS: readonly DemoDecision[] = [
  {
    portal: 'mhk-gtj',
    rule: 'expired-content',
    subject: (origin) => pageOf(origin, 'mhk-gtj', 'tdsc', (i) => i.body.includes('2017年10月9日至2017年10月18日')),
    action: {
      action: 'ignore',
      reason: 'false-positive',
      note: '出让结果公示按规定长期保留，公示期已满不属于过期信息',
    },
    by: '政务公开办 赵敏',
    at: '2018-01-14T09:30',
  },
  {
    portal: 'mhk-gtj',
    rule: 'privacy-exposure',
    subject: (origin) => pageOf(origin, 'mhk-gtj', 'tzgg', (i) => i.title === '李秀英遗失不动产权证书声明'),
    action: { action: 'ack', note: '已联系发布人，正在遮盖身份证号码' },
    by: '办公室 王丽',
    at: '2018-01-14T10:00',
  },
];

/** Takes the demo's decisions, as a person at the CLI would (identity `local:demo`). */
export async function takeDemoDecisions(repo: Repository, origin: string): Promise<string[]> {
  const ids: string[] = [];
  for (const d of DEMO_DECISIONS) {
    const id = findingId(d.portal, d.rule, d.subject(origin));
    await decideFinding(repo, d.portal, id, d.action, { by: d.by, identity: 'local:demo' }, { now: beijing(d.at) });
    ids.push(id);
  }
  return ids;
}

function pageOf(origin: string, portal: string, column: string, pred: (i: DemoItem) => boolean): string {
  const c = DEMO_PORTALS.find((p) => p.id === portal)!.columns.find((x) => x.id === column)!;
  const item = c.items.find(pred);
  if (!item) throw new Error(`demo decision: no such page in ${portal}/${column}`);
  return `${origin}/${portal}/${itemPath(c, item)}`;
}
