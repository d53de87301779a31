import { describe, expect, it } from 'vitest';
import { expiredContent } from '../../functions/rules/expired-content.ts';
import { obsoleteName } from '../../functions/rules/obsolete-name.ts';
import { privacyExposure } from '../../functions/rules/privacy-exposure.ts';
import type { PageSnapshot, TextSignals } from '../../functions/rules/types.ts';
import { column, context, HOST, page, snapshot } from './builders.ts';

const URL_ = `${HOST}/tzgg/t1.html`;
const snap = (over: Partial<PageSnapshot>, portal = {}) =>
  snapshot({ columns: [column({ id: 'tzgg', name: '通知公告', kind: 'notice', department: '办公室' })], pages: [page(URL_, 'tzgg', over)], portal });
const signals = (s: TextSignals) => ({ textSignals: s });

describe('privacy-exposure', () => {
  const personal = [{ kind: 'id-number' as const, masked: '220581********2317', context: '身份证号码：220581********2317）' }];

  it('flags a page showing an ID number, veto-level, with only masked evidence', () => {
    const s = snap({ title: '王建国遗失国有土地使用证声明', ...signals({ personal }) });
    const [f] = privacyExposure(s, context(s));
    expect(f).toMatchObject({ rule: 'privacy-exposure', severity: 'veto', columnId: 'tzgg', evidence: { kinds: ['id-number'], masked: ['220581********2317'], count: 1 } });
    expect(f!.message).toContain('身份证号码');
    expect(f!.action).toContain('办公室信息员');
    expect(JSON.stringify(f)).not.toMatch(/\d{15}/);
  });

  it('stays quiet for a page without personal data', () => {
    const s = snap({ ...signals({ periods: [] }) });
    expect(privacyExposure(s, context(s))).toEqual([]);
  });
});

describe('expired-content', () => {
  const period = (ends: string) => signals({ periods: [{ text: `公示期至${ends}`, ends }] });

  it('flags a notice period that ended more than 30 days before as-of', () => {
    const s = snap(period('2017-10-18'));
    const [f] = expiredContent(s, context(s));
    expect(f).toMatchObject({ rule: 'expired-content', severity: 'minor', evidence: { ends: '2017-10-18', daysSinceEnd: 89 } });
  });

  it('allows 30 days of grace, and leaves alone a page whose period still runs', () => {
    for (const ends of ['2017-12-16', '2018-01-05', '2018-03-01']) {
      const s = snap(period(ends));
      expect(expiredContent(s, context(s)), ends).toEqual([]);
    }
    const extended = snap(signals({ periods: [{ text: 'a', ends: '2017-06-30' }, { text: 'b', ends: '2018-06-30' }] }));
    expect(expiredContent(extended, context(extended))).toEqual([]);
  });

  it('flags a repealed document still listed as current', () => {
    const s = snap({ validity: '废止' });
    expect(expiredContent(s, context(s))[0]!.evidence).toEqual({ validity: '废止' });
  });
});

describe('obsolete-name', () => {
  const renames = { obsoleteNames: [{ old: '国土资源局', new: '自然资源局', since: '2019-03-01' }] };

  it('flags a page published after the renaming that still uses the old name', () => {
    const s = snap({ publishedDate: '2019-05-06', ...signals({ obsoleteNames: ['国土资源局'] }) }, renames);
    const [f] = obsoleteName(s, context(s));
    expect(f).toMatchObject({ rule: 'obsolete-name', severity: 'minor', evidence: { old: '国土资源局', new: '自然资源局', publishedDate: '2019-05-06' } });
  });

  it('leaves alone pages from before the renaming, and pages without the old name', () => {
    const before = snap({ publishedDate: '2018-12-28', ...signals({ obsoleteNames: ['国土资源局'] }) }, renames);
    expect(obsoleteName(before, context(before))).toEqual([]);
    const clean = snap({ publishedDate: '2019-05-06', title: '梅河口市自然资源局关于土地征收的公告' }, renames);
    expect(obsoleteName(clean, context(clean))).toEqual([]);
  });

  it('does not mistake the new name for the old when one contains the other', () => {
    const s = snap({ publishedDate: '2019-05-06', title: '梅河口市国土资源局不动产登记中心公告' }, { obsoleteNames: [{ old: '国土资源局', new: '国土资源局不动产登记中心', since: '2019-01-01' }] });
    expect(obsoleteName(s, context(s))).toEqual([]);
  });
});
