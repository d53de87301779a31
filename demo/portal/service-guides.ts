import type { DemoColumn, DemoItem } from './model.ts';
import { item } from './series.ts';

// 办事指南: five guides of the bureau in the three layouts the publishing systems print, two of
// them incomplete (guide-missing-elements) and one near-miss (收费标准 不收费 is a value, so that
// guide is complete). Dated 2016: a guide stays in force until its 事项 changes, so the column is
// never stale and adds nothing to the 2017 statistics' count.

/** A guide item: its markup, and its text (the body rules read and expected.ts finds it by). */
function guide(title: string, listDate: string, bodyHtml: string): DemoItem {
  const body = bodyHtml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return item({ title, listDate, published: listDate, meta: false, body, bodyHtml });
}

const row = (label: string, value: string) => `<tr><td class="bt">${label}</td><td>${value}</td></tr>`;

/** Hanweb/大汉 layout: label | value rows, the materials as a table under a label row. */
const tableGuide = (rows: string) => `<table class="bszn_table" border="1" cellspacing="0">${rows}</table>`;

// Complete, table layout (采矿权), with a 承诺时限 and its value.
const miningLicence = () =>
  guide(
    '采矿权新立登记办事指南',
    '2016-05-10',
    tableGuide(
      row('事项名称', '采矿权新立登记') +
        row('设定依据', '《中华人民共和国矿产资源法》第三条；《矿产资源开采登记管理办法》第三条') +
        row('申请条件', '已取得划定矿区范围批复，矿产资源开发利用方案已通过审查') +
        '<tr><td class="bt" colspan="2">申请材料</td></tr>' +
        '<tr><td colspan="2"><table border="1"><tr><th>序号</th><th>材料名称</th></tr><tr><td>1</td><td>采矿权申请登记书</td></tr><tr><td>2</td><td>矿产资源开发利用方案</td></tr></table></td></tr>' +
        row('办理地点', '梅河口市政务服务中心二楼国土资源窗口') +
        row('办理时间', '工作日 上午8:30-11:30 下午13:00-16:30') +
        row('咨询电话', '0435-4221301') +
        row('办理流程', '申请—受理—审查—公示—登记发证') +
        row('承诺时限', '20个工作日'),
    ),
  );

// Complete, TRS bold-numbered headings (土地登记资料查询), a （一） list inside 申请材料.
const landRecords = () =>
  guide(
    '土地登记资料查询办事指南',
    '2016-06-20',
    [
      ['一、事项名称', '土地登记资料查询'],
      ['二、设定依据', '《土地登记资料公开查询办法》第四条'],
      ['三、申请条件', '土地权利人、取得土地权利人同意的单位或个人'],
      ['四、申请材料', '（一）查询申请表；（二）查询人身份证明；（三）授权委托书（委托查询的）'],
      ['五、办理地点', '梅河口市国土资源局档案室'],
      ['六、办理时间', '周一至周五（法定节假日除外）'],
      ['七、联系电话', '0435-4221302'],
      ['八、办理流程', '提交申请、审核、调阅、出具查询结果'],
    ]
      .map(([h, v]) => `<p><strong>${h}</strong></p><p>${v}</p>`)
      .join(''),
  );

// Incomplete: no 办理材料 and no 联系电话 (bold labels; the footer's phone must not count).
const temporaryLand = () =>
  guide(
    '临时用地审批办事指南',
    '2016-07-15',
    [
      ['事项名称', '临时用地审批'],
      ['设定依据', '《中华人民共和国土地管理法》第五十七条'],
      ['申请条件', '建设项目施工和地质勘查需要临时使用土地'],
      ['办理地点', '梅河口市政务服务中心二楼国土资源窗口'],
      ['办理时间', '工作日 上午8:30-11:30 下午13:00-16:30'],
      ['办理流程', '申请、受理、审查、批复'],
    ]
      .map(([l, v]) => `<p><strong>${l}：</strong>${v}</p>`)
      .join(''),
  );

// Incomplete: 设定依据 printed as a label with nothing in its cell.
const surveyingQualification = () =>
  guide(
    '乙级测绘资质审批办事指南',
    '2016-08-22',
    tableGuide(
      row('事项名称', '乙级测绘资质审批') +
        row('设定依据', '') +
        row('申请条件', '具有法人资格，有与申请等级相适应的专业技术人员和仪器设备') +
        row('申请材料', '测绘资质申请表；专业技术人员名单；仪器设备清单') +
        row('办理地点', '梅河口市政务服务中心二楼国土资源窗口') +
        row('办理时间', '工作日') +
        row('联系电话', '0435-4221303') +
        row('办理流程', '网上申请、受理、审查、公示、发证'),
    ),
  );

// Near-miss: <h3> sections, 收费标准 不收费 (a value, not a gap) and a 承诺时限 kept.
const hazardFiling = () =>
  guide(
    '地质灾害危险性评估备案办事指南',
    '2016-09-12',
    [
      ['事项名称', '地质灾害危险性评估报告备案'],
      ['法律依据', '《地质灾害防治条例》第二十一条'],
      ['受理条件', '在地质灾害易发区内进行工程建设，已完成地质灾害危险性评估'],
      ['所需材料', '备案登记表；地质灾害危险性评估报告'],
      ['受理地点', '梅河口市国土资源局地质环境科'],
      ['受理时间', '工作日'],
      ['咨询电话', '0435-4221304'],
      ['办事流程', '提交材料、审核、备案'],
      ['收费标准', '不收费'],
      ['承诺时限', '5个工作日'],
    ]
      .map(([h, v]) => `<h3>${h}</h3><p>${v}</p>`)
      .join(''),
  );

/** The column, guides newest first as lists show them. */
export const serviceGuideColumn = (): DemoColumn => ({
  id: 'bszn',
  name: '办事指南',
  kind: 'service-guide',
  department: '法规科',
  markup: 'ul',
  encoding: 'utf-8',
  // Made when the column is: the slugs' serial numbers of the other demo items stay as they were.
  items: [hazardFiling(), surveyingQualification(), temporaryLand(), landRecords(), miningLicence()],
});
