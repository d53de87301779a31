import type { RuleId } from '../../functions/common/rule-ids.ts';
import type { InteractionChannel } from '../../functions/config/schema.ts';
import type { DemoColumn, DemoFileSpec } from './model.ts';

// 互动交流 on the demo portals: a 局长信箱 on a 大汉 Hanweb system (its rows in the jpage data
// island), a TRS 咨询留言 list (li rows with spans), a plain-table 在线咨询, and a 网上信访 column
// that is not a consultation channel. Each consultation column has an answered, a late-answered
// and an unanswered message, beside near-misses; every message carries its asker's name and
// mobile number, which the scan must never store. As-of 2018-01-15: the year opens 2017-01-15.

type Layout = 'hanweb' | 'trs' | 'plain';

interface DemoMessage {
  id: number;
  title: string;
  asker: string;
  phone: string;
  posted: string;
  replied: string | null;
  /** As the list prints it ('' for an empty cell). */
  status: string;
  unit: string | null;
  /** The list row prints the reply date; otherwise only the message page does. */
  listShowsReply: boolean;
  /** What the scan must say of it: a finding (its severity), or a near-miss that must stay silent. */
  expect: { fires: 'veto' | 'major'; why: string } | { nearMiss: string } | null;
}

interface DemoInteraction {
  portal: string;
  id: string;
  name: string;
  layout: Layout;
  channel: InteractionChannel;
  department: string;
  messages: DemoMessage[];
}

const m = (
  id: number,
  title: string,
  posted: string,
  replied: string | null,
  status: string,
  expect: DemoMessage['expect'],
  over: Partial<DemoMessage> = {},
): DemoMessage => ({
  id,
  title,
  asker: '陈淑芬',
  phone: '13504358826',
  posted,
  replied,
  status,
  unit: replied ? '梅河口市国土资源局办公室' : null,
  listShowsReply: true,
  expect,
  ...over,
});

export const DEMO_INTERACTIONS: readonly DemoInteraction[] = [
  {
    portal: 'mhk-gtj',
    id: 'jzxx',
    name: '局长信箱',
    layout: 'hanweb',
    channel: 'mailbox',
    department: '办公室',
    messages: [
      m(88123, '关于东城区违法占地建房的举报', '2017-11-20', '2017-11-28', '已办结', null, { asker: '孙国庆' }),
      m(88102, '咨询农村宅基地审批需要哪些材料', '2017-09-01', null, '处理中', {
        fires: 'veto',
        why: '处理中 since 2017-09-01, due 2017-12-01',
      }),
      m(
        88077,
        '不动产权证书办理进度查询',
        '2017-04-10',
        '2017-08-15',
        '已办结',
        { fires: 'major', why: 'answered 2017-08-15, due 2017-07-10 (the date only on its page)' },
        { listShowsReply: false, asker: '周玉兰', phone: '13904357788' },
      ),
      m(
        88060,
        '征地补偿款发放时间咨询',
        '2017-06-01',
        '2017-08-30',
        '已回复',
        { nearMiss: 'answered in 2 months 29 days (due 2017-09-01), the date only on its page' },
        { listShowsReply: false },
      ),
      m(88011, '土地确权登记遗漏问题', '2016-12-20', null, '未回复', {
        nearMiss: 'unanswered, but posted before the year that is judged (2017-01-15)',
      }),
    ],
  },
  {
    portal: 'mhk-gtj',
    id: 'zxly',
    name: '咨询留言',
    layout: 'trs',
    channel: 'consultation',
    department: '办公室',
    messages: [
      m(301, '土地证办理进度咨询', '2017-12-04', '2017-12-08', '已答复', null),
      m(288, '征地补偿标准什么时候公布', '2017-10-09', null, '未回复', {
        fires: 'veto',
        why: '未回复 since 2017-10-09, due 2018-01-09',
      }),
      m(
        270,
        '不动产登记费用是否可以减免',
        '2017-08-01',
        '2017-11-06',
        '已答复',
        { fires: 'major', why: 'answered 2017-11-06, due 2017-11-01 (the date only on its page)' },
        { listShowsReply: false, unit: '梅河口市不动产登记中心' },
      ),
      m(292, '耕地占用税减免政策咨询', '2017-10-15', null, '未回复', {
        nearMiss: 'unanswered, due 2018-01-15: the as-of day itself, not past it',
      }),
    ],
  },
  {
    portal: 'mhk-gtj',
    id: 'zxzx',
    name: '在线咨询',
    layout: 'plain',
    channel: 'consultation',
    department: '法规科',
    messages: [
      m(1503, '关于耕地占用税的咨询', '2017-12-01', '2017-12-15', '已回复', null, { unit: '法规科' }),
      m(
        1488,
        '宅基地纠纷如何处理',
        '2017-09-03',
        null,
        '',
        { fires: 'veto', why: 'no status in the list, 待回复 on its page since 2017-09-03, due 2017-12-03' },
        { listShowsReply: false },
      ),
      m(
        1401,
        '林权证遗失补办',
        '2017-03-01',
        '2017-07-05',
        '已回复',
        { fires: 'major', why: 'answered 2017-07-05, due 2017-06-01' },
        { unit: '法规科' },
      ),
    ],
  },
  {
    portal: 'mhk-gtj',
    id: 'wsxf',
    name: '网上信访',
    layout: 'plain',
    channel: 'petition',
    department: '办公室',
    messages: [
      m(2201, '反映征地拆迁安置问题', '2017-05-02', null, '未回复', {
        nearMiss: 'a 信访 unanswered for 8 months: petitions are not consultation messages',
      }),
    ],
  },
  // The only channel of the 不动产登记中心 is a 信访 column: there is nowhere to ask (no-consultation-channel).
  {
    portal: 'mhk-bdc',
    id: 'xfjb',
    name: '信访举报',
    layout: 'plain',
    channel: 'petition',
    department: '登记科',
    messages: [m(3101, '反映登记窗口服务态度问题', '2017-06-01', '2017-06-20', '已办结', null)],
  },
  // The 矿产资源管理站's 站长信箱: every message answered within weeks (the clean portal stays clean).
  {
    portal: 'mhk-kcz',
    id: 'zzxx',
    name: '站长信箱',
    layout: 'plain',
    channel: 'mailbox',
    department: '矿管科',
    messages: [
      m(3201, '咨询采矿许可证延续需要的材料', '2017-10-09', '2017-10-20', '已回复', null, {
        unit: '梅河口市矿产资源管理站',
      }),
      m(3202, '反映村里小煤窑私挖问题', '2017-12-04', '2017-12-15', '已办结', null, {
        unit: '梅河口市矿产资源管理站',
      }),
    ],
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where a message's page is, under its column's folder. */
function messagePath(c: DemoInteraction, msg: DemoMessage): string {
  // Hanweb serves /module/idea/que_content.jsp?…&topicid=N; the demo's static server has no query
  // strings, so the topic id is in the file name.
  if (c.layout === 'hanweb') return `module/idea/que_content_${msg.id}.html`;
  if (c.layout === 'trs')
    return `${msg.posted.slice(0, 7).replace('-', '')}/t${msg.posted.replace(/-/g, '')}_${msg.id}.html`;
  return `letter_${msg.id}.html`;
}

export const messageUrl = (origin: string, c: DemoInteraction, msg: DemoMessage) =>
  `${origin}/${c.portal}/${c.id}/${messagePath(c, msg)}`;

const page = (c: DemoInteraction, title: string, main: string) => `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body>
<div class="nav"><a href="/${c.portal}/index.html">首页</a> &gt; <a href="/${c.portal}/${c.id}/index.html">${esc(c.name)}</a></div>
<div class="main">
${main}
</div>
<div class="footer">主办单位：梅河口市人民政府</div>
</body></html>
`;

const reply = (msg: DemoMessage) => (msg.listShowsReply ? (msg.replied ?? '') : '');

function listHtml(c: DemoInteraction): string {
  const href = (msg: DemoMessage) => `/${c.portal}/${c.id}/${messagePath(c, msg)}`;
  if (c.layout === 'hanweb') {
    const records = c.messages.map(
      (msg) =>
        `<record><![CDATA[<tr><td><a href="${href(msg)}" target="_blank" title="${esc(msg.title)}">${esc(msg.title)}</a></td><td>${esc(msg.asker)}</td><td>${msg.posted}</td><td>${msg.status}</td><td>${reply(msg)}</td></tr>]]></record>`,
    );
    return page(
      c,
      c.name,
      `<table class="xx_head"><tr><td>信件标题</td><td>留言人</td><td>留言时间</td><td>办理状态</td><td>回复时间</td></tr></table>
<div id="4321"><script type="text/xml"><datastore><recordset>
${records.join('\n')}
</recordset><totalrecord>${records.length}</totalrecord><totalpage>1</totalpage></datastore></script></div>
<div id="jpage"></div>`,
    );
  }
  if (c.layout === 'trs') {
    const lis = c.messages.map(
      (msg) =>
        `<li><a href="${href(msg)}" title="${esc(msg.title)}">${esc(msg.title)}</a><span class="sj">提问时间：${msg.posted}</span><span class="zt">${msg.status}</span>${reply(msg) ? `<span class="hf">答复日期：${reply(msg)}</span>` : ''}</li>`,
    );
    return page(
      c,
      c.name,
      `<ul class="hdjl_list">\n${lis.join('\n')}\n</ul>\n<div class="page"><script type="text/javascript">createPageHTML(1, 0, "index", "html");</script></div>`,
    );
  }
  const rows = c.messages.map(
    (msg, i) =>
      `<tr><td>${i + 1}</td><td><a href="${href(msg)}">${esc(msg.title)}</a></td><td>${msg.posted}</td><td>${reply(msg)}</td><td>${msg.listShowsReply && msg.unit ? esc(msg.unit) : ''}</td><td>${msg.status}</td></tr>`,
  );
  return page(
    c,
    c.name,
    `<table border="1" width="100%">\n<tr><th>序号</th><th>标题</th><th>来信日期</th><th>答复日期</th><th>答复部门</th><th>状态</th></tr>\n${rows.join('\n')}\n</table>`,
  );
}

function messageHtml(c: DemoInteraction, msg: DemoMessage): string {
  const question = `本人${msg.asker}，联系电话${msg.phone}。${msg.title}，恳请相关部门予以答复，谢谢！`;
  const answer = msg.replied
    ? `${msg.asker}您好：您反映的“${msg.title}”已收悉，经我局调查核实，已按有关规定办理，感谢您对国土资源工作的关心和支持。`
    : null;
  const status = msg.replied ? '已回复' : '待回复';
  if (c.layout === 'hanweb') {
    const rows = [
      ['留言标题', esc(msg.title)],
      ['留言人', esc(msg.asker)],
      ['联系电话', msg.phone],
      ['留言时间', `${msg.posted} 09:12:45`],
      ['留言内容', question],
      ...(answer
        ? [
            ['回复单位', esc(msg.unit ?? '')],
            ['回复时间', `${msg.replied} 16:30:00`],
            ['回复内容', answer],
          ]
        : []),
    ];
    return page(
      c,
      msg.title,
      `<table class="xxgk_table">${rows.map(([l, v]) => `<tr><td>${l}</td><td>${v}</td></tr>`).join('\n')}</table>`,
    );
  }
  const cn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  if (c.layout === 'trs')
    return page(
      c,
      msg.title,
      `<div class="wz_zx"><h1>${esc(msg.title)}</h1><p><span>网友：</span>${esc(msg.asker)}</p><p><span>提问时间：</span>${cn(msg.posted)}</p><p>${question}</p></div>
${answer ? `<div class="wz_hf"><p><span>答复部门：</span>${esc(msg.unit ?? '')} <span>答复日期：</span>${cn(msg.replied!)}</p><p>${answer}</p></div>` : ''}`,
    );
  return page(
    c,
    msg.title,
    `<h3>${esc(msg.title)}</h3><p>来信人：${esc(msg.asker)}\u3000联系电话：${msg.phone}</p><p>来信日期：${cn(msg.posted)}</p><div class="content"><p>${question}</p>${answer ? `<p>答复部门：${esc(msg.unit ?? '')}</p><p>答复日期：${cn(msg.replied!)}</p><p>${answer}</p>` : ''}</div><p>状态：${status}</p>`,
  );
}

/** The demo columns of a portal's interaction systems: served from their own files, not the TRS templates. */
export function interactionColumns(portal: string): DemoColumn[] {
  return DEMO_INTERACTIONS.filter((c) => c.portal === portal).map((c) => {
    const newest = c.messages
      .flatMap((x) => [x.posted, x.replied ?? ''])
      .sort()
      .at(-1)!;
    const files: DemoFileSpec[] = [
      { path: 'index.html', html: listHtml(c), modified: newest },
      ...c.messages.map((msg) => ({
        path: messagePath(c, msg),
        html: messageHtml(c, msg),
        modified: msg.replied ?? msg.posted,
      })),
    ];
    return {
      id: c.id,
      name: c.name,
      kind: 'interaction',
      channel: c.channel,
      department: c.department,
      markup: 'ul',
      encoding: 'utf-8',
      items: [],
      files,
    };
  });
}

interface Expectation {
  portal: string;
  rule: RuleId;
  subject: string;
  why: string;
}

/** What the scan must find of the interaction columns, and the near-misses it must not. */
export function interactionExpectations(origin: string): { fires: Expectation[]; nearMisses: Expectation[] } {
  const fires: Expectation[] = [];
  const nearMisses: Expectation[] = [];
  for (const c of DEMO_INTERACTIONS)
    for (const msg of c.messages) {
      const e = { portal: c.portal, rule: 'unanswered-message' as const, subject: messageUrl(origin, c, msg) };
      if (msg.expect && 'fires' in msg.expect) fires.push({ ...e, why: `${msg.expect.fires}: ${msg.expect.why}` });
      if (msg.expect && 'nearMiss' in msg.expect) nearMisses.push({ ...e, why: msg.expect.nearMiss });
    }
  fires.push({
    portal: 'mhk-bdc',
    rule: 'no-consultation-channel',
    subject: 'consultation-channel',
    why: 'its only interaction column is 信访举报 (petition)',
  });
  fires.push({
    portal: 'mhk-tdcb',
    rule: 'no-consultation-channel',
    subject: 'consultation-channel',
    why: 'no interaction column configured at all: nowhere to ask',
  });
  nearMisses.push(
    {
      portal: 'mhk-gtj',
      rule: 'no-consultation-channel',
      subject: 'consultation-channel',
      why: 'three consultation channels that open and show messages',
    },
    {
      portal: 'mhk-kcz',
      rule: 'no-consultation-channel',
      subject: 'consultation-channel',
      why: 'a 站长信箱 whose messages are all answered',
    },
  );
  return { fires, nearMisses };
}

/** Every asker's name and number the demo's messages carry: none may be stored. */
export const DEMO_ASKERS = [
  ...new Set(DEMO_INTERACTIONS.flatMap((c) => c.messages.flatMap((x) => [x.asker, x.phone]))),
];
