import { columnLabel, makeFinding, officerOf } from './finding.ts';
import { addCalendarMonths, channelOf, consultationColumns, messageOf } from './interaction-channels.ts';
import { realItems } from './snapshot-queries.ts';
import type { Rule } from './types.ts';

// 互动回应差 (国办秘函〔2019〕19号 单项否决): a citizen's message, posted within the last year, left
// without a reply more than 3 calendar months after it was posted. Still waiting (未回复, 处理中,
// or no reply at all on its page) past that is the veto; answered, but only after the 3 months,
// is 留言答复不及时 (major), which the score deducts and the veto item does not count. A message
// shown as answered without a date cannot be judged late and is left alone; so is one whose page
// could not be read, since nothing says whether it was answered.

/** Calendar months a message may wait for its reply. */
export const REPLY_MONTHS = 3;

export const unansweredMessage: Rule = (snapshot, { asOf }) => {
  const since = addCalendarMonths(asOf, -12);
  return consultationColumns(snapshot).flatMap(({ column, items }) =>
    realItems(items).flatMap((item) => {
      const m = messageOf(snapshot, item);
      if (!m?.posted || m.posted < since || m.posted > asOf) return [];
      const deadline = addCalendarMonths(m.posted, REPLY_MONTHS);
      const waiting = !m.replied && m.status !== 'answered' && (m.status !== null || m.pageRead);
      const late = m.replied !== null && m.replied > deadline;
      if (!(waiting && asOf > deadline) && !late) return [];
      const evidence = {
        posted: m.posted,
        replied: m.replied,
        status: m.status,
        replyUnit: m.replyUnit,
        deadline,
        channel: channelOf(column),
      };
      return [
        makeFinding(snapshot.portal.id, {
          rule: 'unanswered-message',
          severity: late ? 'major' : 'veto',
          url: item.url,
          title: item.title,
          column,
          message: late
            ? `${columnLabel(column)}留言“${item.title}”于 ${m.posted} 提交，${m.replied} 才答复，超过 ${REPLY_MONTHS} 个月（应在 ${deadline} 前答复），属于留言答复不及时。`
            : `${columnLabel(column)}留言“${item.title}”于 ${m.posted} 提交，至 ${asOf} 仍${m.status === 'in-progress' ? '在处理中' : '未答复'}，已超过 ${REPLY_MONTHS} 个月（应在 ${deadline} 前答复），属于互动回应差（单项否决）。`,
          action: late
            ? `请${m.replyUnit ?? officerOf(column)}今后在留言提交后 ${REPLY_MONTHS} 个月内答复，并检查留言办理流程。`
            : `请${officerOf(column)}督促承办单位尽快答复该留言并在网站公开答复内容。`,
          evidence,
        }),
      ];
    }),
  );
};
