import { describe, expect, it } from 'vitest';
import { missingColumn, normalizeColumnName } from '../../functions/rules/missing-column.ts';
import { findingId } from '../../functions/rules/finding.ts';
import { column, context, http, snapshot, TIMEOUT } from '../support/builders.ts';

const nav = (...texts: string[]) => texts.map((text, i) => ({ text, url: `http://gtj.example.gov.cn/nav/${i}.html` }));

describe('missing-column', () => {
  it('flags an expected column the navigation does not show, with subject expected:<name>', () => {
    const s = snapshot({
      portal: { expectedColumns: ['财务预决算'] },
      homepage: { navLinks: nav('首页', '工作动态', '政府信息公开指南') },
    });
    const [f, ...rest] = missingColumn(s, context(s));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'missing-column',
      severity: 'major',
      subject: 'expected:财务预决算',
      title: '财务预决算',
      url: s.homepage.url,
      id: findingId('mhk-gtj', 'missing-column', 'expected:财务预决算'),
      evidence: { expected: '财务预决算' },
    });
    expect(f!.action).toContain('「财务预决算」');
  });

  it('finds an expected column in a longer navigation text, ignoring spaces and a 栏目 suffix', () => {
    const s = snapshot({
      portal: { expectedColumns: ['政府信息公开指南', '财务预决算栏目'] },
      homepage: { navLinks: nav('政府信息 公开指南（2019年版）', '财务 预决算') },
    });
    expect(missingColumn(s, context(s))).toEqual([]);
  });

  it('does not let a short navigation text such as “信息公开” stand for “政府信息公开年报”', () => {
    const s = snapshot({
      portal: { expectedColumns: ['政府信息公开年报'] },
      homepage: { navLinks: nav('信息公开', '年报') },
    });
    expect(missingColumn(s, context(s))).toHaveLength(1);
  });

  it('finds an expected column among the configured columns that opened', () => {
    const s = snapshot({
      columns: [column({ id: 'czyjs', name: '财务预决算' })],
      portal: { expectedColumns: ['财务预决算'] },
    });
    expect(missingColumn(s, context(s))).toEqual([]);
  });

  it('flags a configured column whose list URL answers 404 by its URL, and only once', () => {
    const gone = column({ id: 'czyjs', name: '财务预决算', department: '财务科' }, { fetch: http(404), items: [] });
    const s = snapshot({ columns: [gone], portal: { expectedColumns: ['财务预决算'] } });
    const findings = missingColumn(s, context(s));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      subject: gone.column.url,
      columnId: 'czyjs',
      department: '财务科',
      evidence: { status: 404 },
    });
  });

  it('treats 410 like 404 but not a timeout or a 500 (site-unreachable reports those)', () => {
    const s = snapshot({
      columns: [
        column({ id: 'a' }, { fetch: http(410), items: [] }),
        column({ id: 'b' }, { fetch: TIMEOUT, items: [] }),
        column({ id: 'c' }, { fetch: http(500), items: [] }),
      ],
    });
    expect(missingColumn(s, context(s)).map((f) => f.columnId)).toEqual(['a']);
  });

  it('does not guess about expected columns when the homepage could not be opened', () => {
    const s = snapshot({ portal: { expectedColumns: ['财务预决算'] }, homepage: { fetch: TIMEOUT, navLinks: [] } });
    expect(missingColumn(s, context(s))).toEqual([]);
  });

  it('normalises names: full-width, spaces and the 栏目 suffix', () => {
    expect(normalizeColumnName(' 财务 预决算栏目 ')).toBe('财务预决算');
    expect(normalizeColumnName('ＰＰＰ项目')).toBe('ppp项目');
  });
});
