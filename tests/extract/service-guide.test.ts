import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkServiceGuide } from '../../functions/extract/service-guide.ts';
import { elementOfLabel, isFilled } from '../../functions/extract/service-guide-elements.ts';
import { sampleBytes, sampleManifest } from '../support/real-samples.ts';

const fixture = (name: string) =>
  checkServiceGuide(readFileSync(new URL(`../fixtures/service-guide/${name}`, import.meta.url), 'utf8'));
const EIGHT = ['事项名称', '设定依据', '申请条件', '办理材料', '办理地点', '办理时间', '联系电话', '办理流程'];
const page = (body: string) => `<html><body><div class="TRS_Editor">${body}</div></body></html>`;

describe('service guide elements', () => {
  it('reads the synonyms the publishing systems print, with numbering, brackets and tails', () => {
    expect(elementOfLabel('受理条件')).toBe('申请条件');
    expect(elementOfLabel('三、申报材料：')).toBe('办理材料');
    expect(elementOfLabel('【办公地址】')).toBe('办理地点');
    expect(elementOfLabel('咨询电话')).toBe('联系电话');
    expect(elementOfLabel('（四）办事流程')).toBe('办理流程');
    expect(elementOfLabel('承诺办结时限')).toBe('办理时限');
    expect(elementOfLabel('收费标准及依据')).toBe('收费标准');
    expect(elementOfLabel('申请材料目录')).toBe('办理材料');
    // A sentence that starts with a label word is not a label.
    expect(elementOfLabel('申请材料全城一窗一网通收申请人可就近选择')).toBeNull();
    expect(elementOfLabel('监督电话')).toBeNull();
    // A value that starts with a synonym (提交材料) is not a label.
    expect(elementOfLabel('提交材料、审核、备案')).toBeNull();
  });

  it('counts 无 as a value only for 收费标准; placeholders fill nothing', () => {
    expect(isFilled('收费标准', '无')).toBe(true);
    expect(isFilled('收费标准', '不收费')).toBe(true);
    expect(isFilled('设定依据', '无')).toBe(false);
    expect(isFilled('申请条件', '暂无。')).toBe(false);
    expect(isFilled('办理材料', '——')).toBe(false);
    expect(isFilled('办理材料', '详见附件')).toBe(true);
  });
});

describe('checkServiceGuide', () => {
  it('reads a complete Hanweb/大汉 table guide, owed 收费标准 (不收费) and 承诺时限 included', () => {
    expect(fixture('hanweb-table.html')).toEqual({
      found: [...EIGHT, '收费标准', '办理时限'],
      missing: [],
      empty: [],
    });
  });

  it('reads a header-row table and names the empty 联系电话 cell, not the footer phone', () => {
    expect(fixture('hanweb-header-row.html')).toEqual({
      found: EIGHT.filter((e) => e !== '联系电话'),
      missing: ['联系电话'],
      empty: ['联系电话'],
    });
  });

  it('reads TRS bold-numbered sections, keeps （一） lists as values, ignores the footer 联系电话', () => {
    const r = fixture('trs-headings.html');
    expect(r.missing).toEqual(['办理材料', '联系电话']);
    expect(r.empty).toEqual([]);
    expect(r.found).toContain('申请条件');
    expect(r.found).toContain('办理流程'); // 第一步：… inside it does not end the section
    expect(r.found).toContain('办理时限');
    expect(r.found).not.toContain('收费标准'); // 本事项不收费: not owed
  });

  it('owes 收费标准 when the guide charges (缴纳工本费) and reads h3 sections', () => {
    expect(fixture('h3-sections.html')).toEqual({ found: EIGHT, missing: ['收费标准'], empty: [] });
  });

  it('reads bold labels, 【】 brackets and <br> lines; an empty label and a bare 无 are missing', () => {
    expect(fixture('bold-labels.html')).toEqual({
      found: ['事项名称', '办理材料', '办理地点', '办理时间', '联系电话', '办理流程', '收费标准'],
      missing: ['设定依据', '申请条件'],
      empty: ['设定依据', '申请条件'],
    });
  });

  it('owes 办理时限 when a time is promised and its label is left empty', () => {
    const html = page(
      EIGHT.map((e) => `<p><strong>${e}：</strong>内容${e}</p>`).join('') + '<p><strong>承诺时限：</strong></p>',
    );
    expect(checkServiceGuide(html)).toEqual({ found: EIGHT, missing: ['办理时限'], empty: ['办理时限'] });
  });

  it('an unknown section of the same style ends an empty one (八、其他 does not fill 七、办理流程)', () => {
    const html = page(
      EIGHT.slice(0, 7)
        .map((e, i) => `<p><strong>${'一二三四五六七'[i]}、${e}</strong></p><p>内容</p>`)
        .join('') + '<p><strong>八、办理流程</strong></p><p><strong>九、其他</strong></p><p>另行通知</p>',
    );
    expect(checkServiceGuide(html)).toMatchObject({ missing: ['办理流程'], empty: ['办理流程'] });
  });

  it('fills both 办理地点 and 办理时间 from one 办理时间及地点 label', () => {
    const others = EIGHT.filter((e) => e !== '办理地点' && e !== '办理时间');
    const html = page(
      others.map((e) => `<p><strong>${e}：</strong>内容</p>`).join('') +
        '<p><strong>办理时间及地点：</strong>工作日，市政务服务中心</p>',
    );
    expect(checkServiceGuide(html)).toMatchObject({ missing: [] });
    expect(checkServiceGuide(html.replace('工作日，市政务服务中心', ''))).toMatchObject({
      missing: ['办理地点', '办理时间'],
      empty: ['办理地点', '办理时间'],
    });
  });

  it('a real policy notice (not a guide) lacks most elements', () => {
    const entry = sampleManifest.find((e) => e.file === 'detail/bj-zhengce-ghzrzyw-2026.html')!;
    const r = checkServiceGuide(sampleBytes(entry).toString('utf8'));
    expect(r.missing.length).toBeGreaterThanOrEqual(6);
    expect(r.missing).toContain('事项名称');
    expect(r.missing).toContain('设定依据');
  });
});
