import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractMessageList, unpackHanwebRecords } from '../../functions/extract/message-list.ts';
import { extractMessagePage, isMessage } from '../../functions/extract/message-page.ts';
import { readMessageFacts, statusOf } from '../../functions/extract/message-facts.ts';

// The three layouts of tests/fixtures/interaction (see its README for what each imitates).

const fixture = (name: string) => readFileSync(new URL(`../fixtures/interaction/${name}`, import.meta.url), 'utf8');
const REF = { referenceDate: '2018-01-15' };

describe('message lists', () => {
  it('reads a Hanweb list whose rows live in the jpage data island, with its header table', () => {
    const page = extractMessageList(fixture('hanweb-list.html'), 'http://www.xx.gov.cn/col/col1234/index.html', REF);
    expect(page.items.map((i) => [i.url, i.date, i.message])).toEqual([
      [
        'http://www.xx.gov.cn/module/idea/que_content.jsp?webid=1&appid=1&topicid=88123',
        '2017-11-20',
        { posted: '2017-11-20', replied: '2017-11-28', status: 'answered', replyUnit: null },
      ],
      [
        'http://www.xx.gov.cn/module/idea/que_content.jsp?webid=1&appid=1&topicid=88102',
        '2017-06-05',
        { posted: '2017-06-05', replied: null, status: 'in-progress', replyUnit: null },
      ],
      [
        'http://www.xx.gov.cn/module/idea/que_content.jsp?webid=1&appid=1&topicid=88077',
        '2017-03-14',
        { posted: '2017-03-14', replied: null, status: 'answered', replyUnit: null },
      ],
    ]);
    // The island holds 3 of the column's 62 messages: the crawl says so rather than guess.
    expect([page.embeddedRecords, page.totalRecords]).toEqual([3, 62]);
    // Who wrote is in the row, never in what is read out of it.
    expect(JSON.stringify(page.items.map((i) => i.message))).not.toMatch(/王建国|李秀英/);
  });

  it('reads a TRS list of li rows with labeled and unlabeled spans, and its pager', () => {
    const page = extractMessageList(fixture('trs-list.html'), 'http://www.xx.gov.cn/hdjl/zxly/index.html', REF);
    expect(page.items.map((i) => [i.title, i.message])).toEqual([
      ['土地证办理进度咨询', { posted: '2017-12-04', replied: '2017-12-08', status: 'answered', replyUnit: null }],
      ['征地补偿标准什么时候公布', { posted: '2017-10-09', replied: null, status: 'unanswered', replyUnit: null }],
      ['不动产登记费用是否可以减免', { posted: '2017-08-01', replied: null, status: 'answered', replyUnit: null }],
    ]);
    expect(page.nextPageUrl).toBe('http://www.xx.gov.cn/hdjl/zxly/index_1.html');
    expect(page.totalRecords).toBeNull();
  });

  it('reads a plain table by its header, Chinese dates and an empty status cell included', () => {
    const page = extractMessageList(fixture('plain-list.html'), 'http://www.xx.gov.cn/jzxx/list.asp', REF);
    expect(page.items.map((i) => [i.url, i.message])).toEqual([
      [
        'http://www.xx.gov.cn/jzxx/letter.asp?id=1503',
        { posted: '2017-12-01', replied: '2017-12-15', status: 'answered', replyUnit: '税政科' },
      ],
      [
        'http://www.xx.gov.cn/jzxx/letter.asp?id=1488',
        { posted: '2017-09-03', replied: null, status: 'unanswered', replyUnit: null },
      ],
      [
        'http://www.xx.gov.cn/jzxx/letter.asp?id=1401',
        { posted: '2017-02-20', replied: null, status: null, replyUnit: null },
      ],
    ]);
  });

  it('leaves a page without a data island as it is', () => {
    const html = '<html><body><script type="text/xml"><config>x</config></script></body></html>';
    expect(unpackHanwebRecords(html)).toEqual({ html, total: null, embedded: null });
  });
});

describe('message pages', () => {
  it('reads a Hanweb two-column table, not the asker nor the words of the message', () => {
    const m = extractMessagePage(fixture('hanweb-page.html'), REF);
    expect(m).toEqual({ posted: '2017-03-14', replied: '2017-07-20', status: 'answered', replyUnit: '县生态环境分局' });
  });

  it('reads TRS blocks with two labels on one line', () => {
    expect(extractMessagePage(fixture('trs-page.html'), REF)).toEqual({
      posted: '2017-08-01',
      replied: '2017-11-06',
      status: 'answered',
      replyUnit: '县不动产登记中心',
    });
  });

  it('reads a plain page still waiting for its answer', () => {
    const m = extractMessagePage(fixture('plain-page.html'), REF);
    expect(m).toEqual({ posted: '2017-02-20', replied: null, status: 'unanswered', replyUnit: null });
    expect(isMessage(m)).toBe(true);
  });

  it('finds nothing on a page that is not a message', () => {
    const m = extractMessagePage('<html><body><p>页面不存在</p></body></html>', REF);
    expect(isMessage(m)).toBe(false);
  });
});

describe('message facts', () => {
  it('tells the statuses apart, 未回复 before 回复', () => {
    expect(['已办结', '已答复', '处理中', '已受理', '未回复', '待回复', '未办结', '留言'].map(statusOf)).toEqual([
      'answered',
      'answered',
      'in-progress',
      'in-progress',
      'unanswered',
      'unanswered',
      'unanswered',
      null,
    ]);
  });

  it('ends a value at the next label, personal ones included, and cuts the phone printed after a unit', () => {
    const m = readMessageFacts('答复部门：县自然资源局 13904351234 留言人：张三\n留言时间：2017-5-2 8:00', REF);
    expect(m).toEqual({ posted: '2017-05-02', replied: null, status: null, replyUnit: '县自然资源局' });
  });

  it('takes a reply date over a status cell that was never updated', () => {
    expect(readMessageFacts('状态：处理中\n回复时间：2017-06-01', REF).status).toBe('answered');
  });
});
