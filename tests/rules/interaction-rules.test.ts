import { describe, expect, it } from 'vitest';
import type { MessageFacts } from '../../functions/model/message.ts';
import { addCalendarMonths } from '../../functions/rules/interaction-channels.ts';
import { noConsultationChannel } from '../../functions/rules/no-consultation-channel.ts';
import { unansweredMessage } from '../../functions/rules/unanswered-message.ts';
import { vetoRisks } from '../../functions/rules/veto-risk.ts';
import { DEFAULT_THRESHOLDS } from '../../functions/rules/thresholds.ts';
import { runRules } from '../../functions/rules/registry.ts';
import type { ColumnConfig } from '../../functions/config/schema.ts';
import { column, context, http, item, page, snapshot } from '../support/builders.ts';

// As-of 2018-01-15 (builders.ts): the year window opens on 2017-01-15; a message posted on
// 2017-10-15 is due by 2018-01-15 (still in time today), one posted on 2017-10-14 was due by
// 2018-01-14 (overdue today).

const facts = (over: Partial<MessageFacts>): MessageFacts => ({
  posted: null,
  replied: null,
  status: null,
  replyUnit: null,
  ...over,
});
const msg = (n: string, m: Partial<MessageFacts>) =>
  item(n, m.posted ?? null, { title: `留言${n}`, message: facts(m) });
const mailbox = (items: ReturnType<typeof msg>[], over: Partial<ColumnConfig> = {}) =>
  column({ id: 'jzxx', name: '局长信箱', kind: 'interaction', department: '办公室', ...over }, { items });

const fired = (...args: Parameters<typeof snapshot>) => {
  const s = snapshot(...args);
  return unansweredMessage(s, context(s)).map((f) => `${f.title} ${f.severity}`);
};

describe('calendar months', () => {
  it('keeps the day of the month, or the month’s last day when it has none', () => {
    expect(addCalendarMonths('2017-10-14', 3)).toBe('2018-01-14');
    expect(addCalendarMonths('2017-11-30', 3)).toBe('2018-02-28');
    expect(addCalendarMonths('2015-11-30', 3)).toBe('2016-02-29');
    expect(addCalendarMonths('2018-01-15', -12)).toBe('2017-01-15');
  });
});

describe('unanswered-message', () => {
  it('fires a veto on a message waiting one day past its 3 months, not on one due today', () => {
    const s = snapshot({
      columns: [
        mailbox([
          msg('a', { posted: '2017-10-14', status: 'unanswered' }),
          msg('b', { posted: '2017-10-15', status: 'unanswered' }),
          msg('c', { posted: '2017-06-05', status: 'in-progress' }),
        ]),
      ],
    });
    const found = unansweredMessage(s, context(s));
    expect(found.map((f) => [f.title, f.severity, f.evidence.deadline])).toEqual([
      ['留言a', 'veto', '2018-01-14'],
      ['留言c', 'veto', '2017-09-05'],
    ]);
    expect(found[0]).toMatchObject({ rule: 'unanswered-message', columnId: 'jzxx', department: '办公室' });
    expect(found[1]!.message).toContain('仍在处理中');
  });

  it('calls an answer after the 3 months late (major), and one on the last day in time', () => {
    expect(
      fired({
        columns: [
          mailbox([
            // 2 months 30 days: due 2017-08-02, answered 2017-08-01.
            msg('in-time', { posted: '2017-05-02', replied: '2017-08-01' }),
            msg('last-day', { posted: '2017-05-02', replied: '2017-08-02' }),
            msg('late', { posted: '2017-05-02', replied: '2017-08-03' }),
          ]),
        ],
      }),
    ).toEqual(['留言late major']);
  });

  it('looks back one year: a message posted 2017-01-14 is out of the window, one of 2017-01-15 in it', () => {
    expect(
      fired({
        columns: [
          mailbox([
            msg('old', { posted: '2017-01-14', status: 'unanswered' }),
            msg('year', { posted: '2017-01-15', status: 'unanswered' }),
          ]),
        ],
      }),
    ).toEqual(['留言year veto']);
  });

  it('leaves 信访, 举报, 访谈 and 征集 columns alone; a 领导信箱 counts', () => {
    const old = [msg('x', { posted: '2017-03-01', status: 'unanswered' })];
    const channels = ['petition', 'discipline', 'interview', 'survey', 'mailbox'] as const;
    const got = channels.map((channel) => fired({ columns: [mailbox(old, { channel })] }).length);
    expect(got).toEqual([0, 0, 0, 0, 1]);
  });

  it('completes a list row with its page: the reply date, or no reply at all on a page that was read', () => {
    const noStatus = msg('p', { posted: '2017-05-02' });
    const answeredNoDate = msg('q', { posted: '2017-05-02', status: 'answered' });
    const unread = msg('r', { posted: '2017-05-02' });
    const s = snapshot({
      columns: [mailbox([noStatus, answeredNoDate, unread])],
      pages: [
        page(noStatus.url, 'jzxx', { message: facts({ posted: '2017-05-02' }) }),
        page(answeredNoDate.url, 'jzxx', { message: facts({ posted: '2017-05-02', replied: '2017-09-01' }) }),
        page(unread.url, 'jzxx', { fetch: http(503) }),
      ],
    });
    expect(unansweredMessage(s, context(s)).map((f) => [f.title, f.severity, f.evidence.replied])).toEqual([
      ['留言p', 'veto', null],
      ['留言q', 'major', '2017-09-01'],
    ]);
  });

  it('does not judge an answer shown without its date, nor a column of another kind', () => {
    expect(fired({ columns: [mailbox([msg('d', { posted: '2017-03-01', status: 'answered' })])] })).toEqual([]);
    const news = column({ id: 'gzdt' }, { items: [msg('n', { posted: '2017-03-01', status: 'unanswered' })] });
    expect(fired({ columns: [news] })).toEqual([]);
  });
});

describe('no-consultation-channel', () => {
  const run = (...cols: ReturnType<typeof column>[]) => {
    const s = snapshot({ columns: cols });
    return noConsultationChannel(s, context(s));
  };
  const answered = msg('ok', { posted: '2017-12-01', replied: '2017-12-05' });

  it('is silent with a consultation channel that opens and shows a message', () => {
    expect(run(mailbox([answered]))).toEqual([]);
  });

  it('fires for a portal that configures no interaction column at all, and says how to name a shared platform', () => {
    const [f, ...rest] = run(column({ id: 'gzdt' }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'no-consultation-channel', severity: 'veto', subject: 'consultation-channel' });
    expect(f!.message).toContain('没有配置任何互动栏目');
    expect(f!.message).toContain('统一互动平台');
  });

  it('fires when the only channels are 信访 and 举报, however busy', () => {
    const [f, ...rest] = run(
      mailbox([answered], { id: 'wsxf', name: '网上信访', channel: 'petition' }),
      mailbox([answered], { id: 'jjjb', name: '纪检举报', channel: 'discipline' }),
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'no-consultation-channel', severity: 'veto', subject: 'consultation-channel' });
    expect(f!.message).toContain('都不是咨询渠道');
  });

  it('fires when the consultation channel cannot be opened, or shows no message', () => {
    expect(run(column({ id: 'zxly', kind: 'interaction' }, { fetch: http(503), items: [] }))[0]!.message).toContain(
      '无法打开',
    );
    const empty = column({ id: 'zxly', kind: 'interaction' }, { items: [item('p', null, { title: '暂无信息' })] });
    expect(run(empty)[0]!.message).toContain('没有任何留言');
  });
});

describe('互动回应差 in the veto summary and the registry', () => {
  it('counts a missing channel and unanswered messages, not late answers', () => {
    const s = snapshot({
      columns: [
        mailbox([
          msg('a', { posted: '2017-10-01', status: 'unanswered' }),
          msg('b', { posted: '2017-05-02', replied: '2017-09-01' }),
        ]),
      ],
    });
    const found = runRules(s, context(s)).filter((f) => f.rule === 'unanswered-message');
    expect(found.map((f) => f.severity)).toEqual(['veto', 'major']);
    const risk = vetoRisks(found, DEFAULT_THRESHOLDS, 3, { probes: 0, failures: 0 }).find(
      (r) => r.item === 'poor-interaction',
    );
    expect(risk).toMatchObject({ label: '互动回应差', count: 1, vetoAt: 1, level: 'veto' });
  });

  it('never calls an interaction column stale: its messages are its freshness', () => {
    const s = snapshot({ columns: [mailbox([msg('o', { posted: '2016-01-01', replied: '2016-01-05' })])] });
    expect(runRules(s, context(s)).filter((f) => f.rule === 'stale-column')).toEqual([]);
  });
});
