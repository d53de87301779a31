import { makeFinding, SITE_OFFICER } from './finding.ts';
import { channelOf, consultationColumns } from './interaction-channels.ts';
import { realItems } from './snapshot-queries.ts';
import type { Rule } from './types.ts';

// 互动回应差 (国办秘函〔2019〕19号 单项否决): the portal has no working online consultation channel —
// no 咨询留言 or 领导信箱 column that opens and shows any message. 网上信访 and 纪检举报 columns do
// not count (config `channel`), nor do 在线访谈 and 调查征集.
//
// A portal that configures no interaction column has no channel the service can see, and fires
// too: a department that takes messages on its government's shared platform (政府门户互动平台)
// configures that platform's column as its `interaction` column, and the message says so.

export const CONSULTATION_SUBJECT = 'consultation-channel';

export const noConsultationChannel: Rule = (snapshot) => {
  const interaction = snapshot.columns.filter((c) => c.column.kind === 'interaction');
  const channels = consultationColumns(snapshot);
  if (channels.some((c) => c.fetch.ok && realItems(c.items).length > 0)) return [];
  const why =
    interaction.length === 0
      ? '没有配置任何互动栏目（咨询留言、领导信箱）；如使用政府门户网站统一互动平台，请在监测配置中把该栏目配置为 interaction 栏目'
      : channels.length === 0
        ? `配置的互动栏目（${interaction.map((c) => `${c.column.name}：${channelOf(c.column)}`).join('、')}）都不是咨询渠道（信访、举报、访谈、征集不计）`
        : channels.every((c) => !c.fetch.ok)
          ? `咨询栏目（${channels.map((c) => c.column.name).join('、')}）无法打开`
          : `咨询栏目（${channels.map((c) => c.column.name).join('、')}）没有任何留言`;
  return [
    makeFinding(snapshot.portal.id, {
      rule: 'no-consultation-channel',
      severity: 'veto',
      subject: CONSULTATION_SUBJECT,
      url: channels[0]?.column.url ?? snapshot.portal.homepage,
      title: '在线咨询渠道',
      message: `网站没有可用的在线咨询渠道：${why}，属于互动回应差（单项否决）。`,
      action: `请${SITE_OFFICER}恢复或开通咨询留言（领导信箱）栏目，确保群众能提交留言并看到答复。`,
      evidence: {
        columns: interaction.map(
          (c) =>
            `${c.column.id}（${channelOf(c.column)}，${c.fetch.ok ? '可打开' : '无法打开'}，留言 ${realItems(c.items).length} 条）`,
        ),
      },
    }),
  ];
};
