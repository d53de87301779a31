import type { Alert } from '../../../functions/alerts/alert.ts';

// Alerts as the part that decides what is due would build them: one veto (a leaked ID number),
// one warning (the homepage failing often), and the 已恢复 that follows the warning.

export const vetoAlert: Alert = {
  portalId: 'mhk-gtj',
  portalName: '梅河口市国土资源局',
  kind: 'opened',
  level: 'veto',
  key: '3f2a9c1d0b7e6a5f4c3d',
  title: '个人信息泄露：《关于 *张三* 等人[土地]补偿的公示》含身份证号',
  since: '2018-01-15T01:30:00.000Z',
  evidence: ['身份证号 2201**********1234（共 2 处）', '页面：关于张三等人土地补偿的公示 <b>2018-01-12</b>'],
  owner: { department: '土地利用科', officer: '张明' },
  action: '当天撤下该页或遮盖身份证号，并检查同栏目其他公示',
  url: 'http://gtj.example.gov.cn/tdsc/201801/t20180112_1.html',
  at: '2018-01-15T01:32:00.000Z',
};

export const warningAlert: Alert = {
  portalId: 'mhk-gtj',
  portalName: '梅河口市国土资源局',
  kind: 'opened',
  level: 'warning',
  key: 'site-unreachable',
  title: '站点无法访问：首页一周失败率 4.2 %（预警）',
  since: '2018-01-14T14:00:00.000Z',
  evidence: ['7 天内探测 144 次，失败 6 次', '最近一次失败：2018-01-15 06:30 连接超时（15 秒）'],
  owner: { department: '网站整体（信息中心）' },
  action: '检查首页服务器和网络出口，失败率达到 5 % 即一票否决',
  url: 'http://gtj.example.gov.cn/index.html',
  at: '2018-01-15T02:00:00.000Z',
};

export const clearedAlert: Alert = { ...warningAlert, kind: 'cleared', at: '2018-01-16T03:15:00.000Z' };
