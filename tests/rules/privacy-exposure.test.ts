import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../functions/extract/personal-data.ts';
import { readTextSignals } from '../../functions/extract/text-signals.ts';
import { privacyExposure } from '../../functions/rules/privacy-exposure.ts';
import type { TextSignals } from '../../functions/model/snapshot.ts';
import { column, context, page, snapshot } from '../support/builders.ts';

const URL = 'http://gtj.example.gov.cn/tdly/1.html';
const run = (...pages: ReturnType<typeof page>[]) => {
  const s = snapshot({
    columns: [column({ id: 'tdly', name: '土地利用', kind: 'notice', department: '土地利用科' })],
    pages,
  });
  return privacyExposure(s, context(s));
};
const ID = { kind: 'id-number', masked: '220581********1234', context: '身份证号码：220581********1234，' } as const;
const MOBILE = { kind: 'mobile', masked: '139****5678', context: '联系人：张三 139****5678' } as const;
const withPersonal = (personal: TextSignals['personal']) =>
  page(URL, 'tdly', { title: '关于张三等用地审批的公示', textSignals: { personal } });

describe('privacy-exposure', () => {
  it('flags a page that shows an ID number, as a veto with masked evidence only', () => {
    const [f, ...rest] = run(withPersonal([ID]));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'privacy-exposure',
      severity: 'veto',
      url: URL,
      subject: URL,
      columnId: 'tdly',
      department: '土地利用科',
      evidence: { kinds: ['id-number'], masked: ['220581********1234'], count: 1 },
    });
    expect(f!.action).toContain('土地利用科信息员');
    expect(f!.action).toContain('《关于张三等用地审批的公示》');
    expect(f!.action).toContain('身份证号码');
  });

  it('makes one finding per page, counting every number on it', () => {
    const findings = run(withPersonal([ID, MOBILE, { ...ID, masked: '220581********5678' }]));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).toEqual({
      kinds: ['id-number', 'mobile'],
      masked: ['220581********1234', '139****5678', '220581********5678'],
      count: 3,
    });
    expect(findings[0]!.message).toContain('身份证号码 2 处');
  });

  it('does not flag pages without personal data or with an empty list', () => {
    expect(
      run(page(URL, 'tdly'), withPersonal([]), page(`${URL}?2`, 'tdly', { textSignals: { cites: ['土地管理法'] } })),
    ).toEqual([]);
  });

  it('never puts a 7-digit-or-longer clear run in its output', () => {
    const out = JSON.stringify(run(withPersonal([ID, MOBILE])));
    expect(out).not.toMatch(/\d{7,}/);
  });

  describe('end to end from the page text', () => {
    const body17 = '22058119900307123';
    const good = body17 + idCheckDigit(body17);
    const bad = body17 + (good.endsWith('0') ? '1' : '0');
    const fromText = (text: string) =>
      run(page(URL, 'tdly', { textSignals: readTextSignals(text, { obsoleteNames: [] }) }));

    it('fires on a valid ID number and on a mobile next to a person’s name', () => {
      expect(fromText(`申请人张三，身份证号码${good}`)).toHaveLength(1);
      expect(fromText('联系人：张三 13912345678')[0]!.evidence).toMatchObject({
        kinds: ['mobile'],
        masked: ['139****5678'],
      });
    });

    it.each([
      [`身份证号码${bad}`],
      ['联系电话：0435-4223456'],
      ['梅河口市国土资源局（13912345678）'],
      ['办公室 13912345678'],
    ])('does not fire on a near miss: %s', (text) => {
      expect(fromText(text)).toEqual([]);
    });
  });
});
