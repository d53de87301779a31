import { describe, expect, it } from 'vitest';
import { extractDetail } from '../../functions/extract/detail-extractor.ts';
import { passesLuhn } from '../../functions/extract/personal-data.ts';
import { privacyExposure } from '../../functions/rules/privacy-exposure.ts';
import { pageRecordOf } from '../../functions/scan/page-record.ts';
import { column, context, portalConfig, snapshot } from '../support/builders.ts';

// A subsidy roster prints its account numbers in a table: in the body text a number then follows
// a person's or a bank's name, never 卡号. The banking context of a cell is its column's header
// and its row.

const URL = 'http://www.example.gov.cn/art/2017/12/5/art_1231_88.html';
const CARD_A = '6228480123456789015'; // 19 digits, Luhn-valid
const CARD_B = '6217990300001234566';
const CONTRACT = '2017041500000006'; // 16 digits, Luhn-valid too

const roster = (table: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">
  <title>2017年耕地地力保护补贴发放花名册</title></head><body>
  <h1>2017年耕地地力保护补贴发放花名册</h1>
  <div id="zoom"><p>现将我镇2017年耕地地力保护补贴发放情况公示如下，公示期内如有异议请向镇财政所反映。</p>${table}</div></body></html>`;

function scanned(table: string) {
  const record = pageRecordOf(
    extractDetail(roster(table), URL),
    { url: URL, columnId: 'gsgg', fetch: { ok: true, status: 200 }, firstSeen: '2017-12-05', fetchedAt: '' },
    portalConfig([]),
  );
  const s = snapshot({ columns: [column({ id: 'gsgg', name: '公示公告', department: '财政所' })], pages: [record] });
  return { record, findings: privacyExposure(s, context(s)) };
}

describe('bank card numbers in a table', () => {
  it('sees cards under a 银行卡号 header, the bank named in the row, and masks them', () => {
    expect([CARD_A, CARD_B, CONTRACT].every(passesLuhn)).toBe(true);
    const { record, findings } = scanned(`<table border="1">
      <tr><td colspan="5">梅河口市某镇2017年耕地地力保护补贴发放明细</td></tr>
      <tr><td>序号</td><td>姓名</td><td>补贴面积（亩）</td><td>开户银行</td><td>银行卡号</td></tr>
      <tr><td>1</td><td>张某某</td><td>12.5</td><td>梅河口市信用合作联社</td><td>${CARD_A}</td></tr>
      <tr><td>2</td><td>李某某</td><td>8.0</td><td>梅河口农商行</td><td>${CARD_B}</td></tr>
    </table>`);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).toMatchObject({
      kinds: ['bank-card'],
      masked: ['6228***********9015', '6217***********4566'],
    });
    const stored = JSON.stringify(record);
    expect(stored).not.toContain(CARD_A);
    expect(stored).not.toContain(CARD_B);
    expect(record.textSignals?.personal?.[0]?.context).toContain('6228***********9015');
  });

  it.each([
    [
      '账号',
      `<tr><td>姓名</td><td>开户行</td><td>账号</td></tr><tr><td>张某某</td><td>农村商业银行</td><td>${CARD_A}</td></tr>`,
    ],
    [
      '银行账号 under a merged header',
      `<tr><td rowspan="2">姓名</td><td colspan="2">发放信息</td></tr>
      <tr><td>金额</td><td>银行账号</td></tr><tr><td>张某某</td><td>1250.00</td><td>${CARD_A}</td></tr>`,
    ],
    [
      '账号 written in the cell under another header',
      `<tr><td>姓名</td><td>备注</td></tr><tr><td>张某某</td><td>账号：${CARD_A}</td></tr>`,
    ],
    ['no header, a credit cooperative in the row', `<tr><td>张某某</td><td>某镇信用社</td><td>${CARD_A}</td></tr>`],
  ])('sees a card: %s', (_what, rows) => {
    expect(scanned(`<table>${rows}</table>`).findings.map((f) => f.evidence.kinds)).toEqual([['bank-card']]);
  });

  it('near-miss: Luhn-valid 16–19 digit numbers in a 合同编号 column are not cards, a bank in the row or not', () => {
    const { findings } = scanned(`<table>
      <tr><td>序号</td><td>借款人</td><td>贷款银行</td><td>合同编号</td></tr>
      <tr><td>1</td><td>梅河口市某农业合作社</td><td>梅河口农商行</td><td>${CONTRACT}</td></tr>
      <tr><td>2</td><td>梅河口市某家庭农场</td><td>吉林银行</td><td>${CARD_A}</td></tr>
    </table>`);
    expect(findings).toEqual([]);
  });

  it('near-miss: a number under an account header that fails Luhn is not a card', () => {
    const wrong = `${CARD_A.slice(0, -1)}0`;
    expect(passesLuhn(wrong)).toBe(false);
    const { findings } = scanned(
      `<table><tr><td>姓名</td><td>银行卡号</td></tr><tr><td>张某某</td><td>${wrong}</td></tr></table>`,
    );
    expect(findings).toEqual([]);
  });
});
