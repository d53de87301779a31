import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../functions/rectification/owner.ts';
import { columnConfig, portalConfig } from '../support/builders.ts';

const portal = portalConfig([columnConfig({ id: 'tdsc', department: '土地利用科' })], {
  departments: [{ name: '土地利用科', officer: '张明', email: 'zhangming@example.gov.cn' }, { name: '办公室' }],
  recipients: [{ name: '信息中心 刘洋', email: 'webmaster@example.gov.cn', role: 'webmaster' }],
});

describe('who must act on a finding', () => {
  it('is the column’s department and its 信息员', () => {
    expect(ownerOf({ department: '土地利用科' }, portal)).toEqual({
      department: '土地利用科',
      officer: '张明',
      email: 'zhangming@example.gov.cn',
    });
  });

  it('names the department’s 信息员 generically when the config names nobody', () => {
    expect(ownerOf({ department: '办公室' }, portal)).toEqual({
      department: '办公室',
      officer: '办公室信息员',
      email: null,
    });
  });

  it('sends site-wide findings to the webmaster the config names, or to the 信息中心 when it names none', () => {
    expect(ownerOf({}, portal)).toEqual({
      department: '网站整体（信息中心）',
      officer: '信息中心 刘洋',
      email: 'webmaster@example.gov.cn',
    });
    expect(ownerOf({}, { ...portal, recipients: [] })).toMatchObject({
      officer: '网站维护人员（信息中心）',
      email: null,
    });
  });
});
