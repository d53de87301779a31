// A citizen's message (留言, 来信, 咨询) as the service keeps it: dates, status and the answering
// unit only. Who wrote it, their phone and what they wrote are never kept (the privacy rule of
// docs/rules.md): the rules need none of it.

/** 已回复/已办结/已答复 → answered; 处理中/办理中/已受理 → in-progress; 未回复/待回复 → unanswered. */
export type MessageStatus = 'answered' | 'in-progress' | 'unanswered';

export interface MessageFacts {
  /** 留言时间 / 来信日期 / 提问时间, YYYY-MM-DD. */
  posted: string | null;
  /** 回复时间 / 答复日期 / 办结时间, YYYY-MM-DD. */
  replied: string | null;
  status: MessageStatus | null;
  /** 回复单位 / 答复部门 (a government unit, not a person). */
  replyUnit: string | null;
}
