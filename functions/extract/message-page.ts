import type { MessageFacts } from '../model/message.ts';
import type { DateContext } from './dates.ts';
import { budgetFor, underBudget, type Budget } from './budget.ts';
import { textOf } from './dom.ts';
import { loadHtml } from './parse.ts';
import { readMessageFacts } from './message-facts.ts';

// A message page (留言详情): the question with its 留言时间, then the answer with its 回复单位 and
// 回复时间, as a Hanweb table (<td>留言时间</td><td>2017-05-02</td>), TRS blocks
// (<p><span>提问时间：</span>2017-05-02</p>) or plain text (来信日期：2017年5月2日). Only the
// labeled facts are read; the asker's name, phone and words are not, and nothing of the page's
// text is returned.

/** The page's message facts; every field null when the page shows none (not a message page). */
export function extractMessagePage(html: string, context: DateContext = {}, budget?: Budget): MessageFacts {
  const pageBudget = budgetFor('message page', budget);
  return underBudget(pageBudget, () => {
    const $ = loadHtml(html, pageBudget);
    $('script, style, noscript, template').remove();
    const body = $('body')[0];
    return readMessageFacts(body ? textOf(body) : '', context);
  });
}

/** Whether a page showed anything of a message (a soft 404 or a login wall does not). */
export const isMessage = (m: MessageFacts) => m.posted !== null || m.replied !== null || m.status !== null;
