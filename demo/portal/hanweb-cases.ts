import type { DemoColumn, DemoItem } from './model.ts';
import { item, workingDaysAfter } from './series.ts';

// Four things a first try on a Hanweb/大汉-style county site missed, each seeded with the
// near-miss beside it (expected.ts lists both):
//   - attachments served through a download script, the file named only in the query string or
//     the anchor text: a "详见附件" page carrying one is not empty — one carrying only a link to
//     the 下载中心 is;
//   - bank card numbers in a roster table, under a 银行卡号 header beside the 信用合作联社 / 农商行
//     cell — and Luhn-valid numbers under 合同编号, which are no cards;
//   - a policy document whose 3-working-day window for its 解读 is still open on the scan date —
//     and one whose window has closed;
//   - (on the 不动产登记中心 site) an old name in the 发布机构 cell of the metadata table.

/** A roster's account numbers (Luhn-valid, 19 digits): the page must show them masked only. */
export const ROSTER_CARDS = ['6228480123456789015', '6217990300001234566'] as const;
/** Contract numbers that pass Luhn as well (16 and 17 digits). */
const CONTRACT_NUMBERS = ['2205812017110005', '20170001234567899'] as const;

const onlyAnAttachment = (
  title: string,
  published: string,
  download: { href: string; text: string; document: boolean },
) =>
  item({
    title,
    listDate: published,
    published,
    generated: workingDaysAfter(published, -2),
    body: '详见附件。',
    served: [download],
  });

const ROSTER = `<table border="1" class="hanweb-table">
<tr><td colspan="5">梅河口市2017年耕地地力保护补贴发放明细（第一批）</td></tr>
<tr><td>序号</td><td>户主</td><td>补贴面积（亩）</td><td>开户银行</td><td>银行卡号</td></tr>
<tr><td>1</td><td>王某某</td><td>12.5</td><td>梅河口市农村信用合作联社</td><td>${ROSTER_CARDS[0]}</td></tr>
<tr><td>2</td><td>刘某某</td><td>8.0</td><td>梅河口农商行</td><td>${ROSTER_CARDS[1]}</td></tr>
</table>`;

const CONTRACTS = `<table border="1" class="hanweb-table">
<tr><td>序号</td><td>项目名称</td><td>资金监管银行</td><td>合同编号</td></tr>
<tr><td>1</td><td>山城镇高标准农田建设项目</td><td>梅河口农商行</td><td>${CONTRACT_NUMBERS[0]}</td></tr>
<tr><td>2</td><td>曙光镇土地整治项目</td><td>吉林银行梅河口支行</td><td>${CONTRACT_NUMBERS[1]}</td></tr>
</table>`;

/**
 * 审批公示: pages whose content is an attachment or a table, as a Hanweb site lays them out.
 * Posted in January 2018, so the 2017 counts stay the report's.
 */
const SPGS: DemoColumn = {
  id: 'spgs',
  name: '审批公示',
  kind: 'notice',
  department: '办公室',
  markup: 'ul',
  encoding: 'utf-8',
  items: [
    // Near-misses of empty-page: "详见附件" and the attachment through three download scripts.
    onlyAnAttachment('梅河口市2017年第四批次城市建设用地审批情况公示', '2018-01-08', {
      href: '/mhk-gtj/module/download/downfile.jsp?classid=0&filename=1801081030123.doc',
      text: '第四批次城市建设用地审批情况表',
      document: true,
    }),
    onlyAnAttachment('梅河口市2017年度土地整治项目验收结果公示', '2018-01-08', {
      href: '/mhk-gtj/uploadfiles/download.aspx?id=10086',
      text: '土地整治项目验收结果.pdf',
      document: true,
    }),
    onlyAnAttachment('梅河口市2017年第五批次城市建设用地呈报说明', '2018-01-05', {
      href: '/mhk-gtj/attach/download?fileId=8a8ab0b95f3c1e2d',
      text: '附件1',
      document: true,
    }),
    // P2 只有目录没有内容: its one link goes to the 下载中心, not to a file.
    onlyAnAttachment('梅河口市2017年第六批次城市建设用地呈报说明', '2018-01-04', {
      href: '/mhk-gtj/module/download/download.jsp?columnid=31',
      text: '下载中心',
      document: false,
    }),
    // P7 保密审查: a subsidy roster that prints whole bank card numbers.
    item({
      title: '梅河口市2017年耕地地力保护补贴发放情况公示',
      listDate: '2018-01-03',
      published: '2018-01-03',
      generated: '2018-01-02',
      body: '现将我市2017年耕地地力保护补贴第一批发放情况公示如下。',
      html: ROSTER,
    }),
    // Near-miss: contract numbers that pass Luhn, a bank in the row — 银行 right before one of them.
    item({
      title: '梅河口市2017年土地整治项目合同签订情况公示',
      listDate: '2018-01-02',
      published: '2018-01-02',
      generated: '2017-12-29',
      body: '现将我市2017年土地整治项目合同签订情况公示如下。',
      html: CONTRACTS,
    }),
  ],
};

/** 规范性文件, posted in the days before the scan: one 解读 is overdue, one may still come. */
const GFXWJ: DemoColumn = {
  id: 'gfxwj',
  name: '规范性文件',
  kind: 'policy',
  department: '法规科',
  markup: 'ul',
  encoding: 'utf-8',
  items: [
    // Near-miss of missing-interpretation: 2 working days before 2018-01-15, its window still open.
    item({
      title: '梅河口市国土资源局关于加强建设用地批后监管的通知',
      listDate: '2018-01-11',
      published: '2018-01-11',
      generated: '2018-01-10',
      docNo: '梅国土资规〔2018〕2号',
      appearsOn: '2018-01-11',
      notOnHomepage: true,
      seed: 61,
    }),
    // P6 三同步: 4 working days before 2018-01-15 and no 解读.
    item({
      title: '梅河口市国土资源局关于规范临时用地管理的通知',
      listDate: '2018-01-09',
      published: '2018-01-09',
      generated: '2018-01-08',
      docNo: '梅国土资规〔2018〕1号',
      appearsOn: '2018-01-09',
      notOnHomepage: true,
      seed: 62,
    }),
  ],
};

/** The bureau's site gains both columns. */
export const HANWEB_COLUMNS: DemoColumn[] = [SPGS, GFXWJ];

/**
 * 登记公告 of the 不动产登记中心: the old name only in the 发布机构 cell, after the renaming (fires)
 * and before it (near-miss). The bodies never name the centre.
 */
export const RENAMED_ISSUER_ITEMS: DemoItem[] = [
  item({
    title: '关于启用不动产登记资料查询新系统的公告',
    listDate: '2017-06-16',
    published: '2017-06-16',
    generated: '2017-06-15',
    publisher: '梅河口市国土资源局不动产登记中心',
    seed: 63,
  }),
  item({
    title: '关于调整不动产登记受理窗口的公告',
    listDate: '2016-12-20',
    published: '2016-12-20',
    generated: '2016-12-19',
    publisher: '梅河口市国土资源局不动产登记中心',
    seed: 64,
  }),
];
