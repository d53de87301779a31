import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.ts';
import type { PortalConfig } from '../../functions/config/schema.ts';
import { runLocalScan } from '../../functions/scan/local-scan.ts';
import type { ScanResult } from '../../functions/scan/evaluate.ts';
import type { Repository } from '../../functions/store/repository.ts';
import { testRepository } from '../support/dynamo.ts';
import { storedItems } from '../support/stored-items.ts';
import { homepage, html } from '../support/mini-portal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Three message columns (Hanweb, TRS, plain table: tests/fixtures/interaction) crawled over HTTP
// into DynamoDB Local. The rows and pages carry citizens' names and mobile numbers; none of them
// may reach the table, while the dates, statuses and findings must.

const AS_OF = '2018-01-15';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/interaction/${name}`, import.meta.url), 'utf8');
const PERSONAL = ['王建国', '李秀英', '张小明', '刘德华', '赵四', '13904351234', '13512345678', '13800138000'];

describe('crawling interaction columns into DynamoDB Local', () => {
  let server: TestServer;
  let repo: Repository;
  let portal: PortalConfig;
  let result: ScanResult;
  const messagePages: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      '/index.html': html(homepage([{ path: '/gzdt/1.html', title: '工作动态', date: '2018-01-10' }])),
      '/col/col1234/index.html': html(fixture('hanweb-list.html')),
      // Hanweb serves every message from one script, by its topicid.
      '/module/idea/que_content.jsp': (req, res) => {
        messagePages.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fixture('hanweb-page.html'));
      },
      '/hdjl/zxly/index.html': html(fixture('trs-list.html')),
      '/hdjl/zxly/201708/t20170801_270.html': html(fixture('trs-page.html')),
      '/hdjl/zxly/201710/t20171009_288.html': html(fixture('trs-page.html')),
      '/hdjl/zxly/201712/t20171204_301.html': html(fixture('trs-page.html')),
      '/jzxx/list.asp': html(fixture('plain-list.html')),
      '/jzxx/letter.asp': (req, res) => {
        messagePages.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fixture('plain-page.html'));
      },
    });
    const o = server.origin;
    const interaction = (id: string, name: string, url: string) => ({ id, name, url, kind: 'interaction' });
    portal = parseConfig({
      portals: [
        {
          id: 'hd',
          name: '某县人民政府',
          homepage: `${o}/index.html`,
          columns: [
            { ...interaction('xzxx', '县长信箱', `${o}/col/col1234/index.html`), channel: 'mailbox' },
            interaction('zxly', '咨询留言', `${o}/hdjl/zxly/index.html`),
            interaction('jzxx', '局长信箱', `${o}/jzxx/list.asp`),
          ],
          crawl: { minIntervalMs: 0, concurrency: 4, robots: false, checkLinks: false },
        },
      ],
    }).portals[0]!;
    repo = await testRepository('interaction');
    result = await runLocalScan({ portal, asOf: AS_OF, repo });
  }, 60_000);
  afterAll(async () => {
    repo.destroy();
    await server.close();
  });

  it('reports the messages left waiting past 3 months (veto) and those answered late (major)', () => {
    const fired = result.findings
      .filter((f) => f.rule === 'unanswered-message')
      .map((f) => `${f.severity} ${f.subject.replace(server.origin, '')}`)
      .sort();
    expect(fired).toEqual([
      'major /hdjl/zxly/201708/t20170801_270.html', // 08-01 → answered 11-06, due 11-01
      'major /module/idea/que_content.jsp?webid=1&appid=1&topicid=88077', // 03-14 → answered 07-20
      'veto /hdjl/zxly/201710/t20171009_288.html', // 10-09, 未回复, due 2018-01-09
      'veto /jzxx/letter.asp?id=1401', // 02-20, its page says 待回复
      'veto /jzxx/letter.asp?id=1488', // 09-03, 待回复
      'veto /module/idea/que_content.jsp?webid=1&appid=1&topicid=88102', // 06-05, 处理中
    ]);
    expect(result.findings.some((f) => f.rule === 'no-consultation-channel')).toBe(false);
    expect(result.summary.vetoRisks.find((r) => r.item === 'poor-interaction')).toMatchObject({
      count: 4,
      level: 'veto',
    });
  });

  it('fetches a message page only when its row does not say what the rules need', () => {
    expect(messagePages.sort()).toEqual([
      '/jzxx/letter.asp?id=1401',
      '/module/idea/que_content.jsp?webid=1&appid=1&topicid=88077',
    ]);
    const trsPages = server.requests.filter((r) => r.path.startsWith('/hdjl/zxly/20')).map((r) => r.path);
    expect(trsPages).toEqual(['/hdjl/zxly/201708/t20170801_270.html']);
  });

  it('says how much of a Hanweb list its page embeds', async () => {
    const column = (await repo.getColumn('hd', 'xzxx'))!;
    expect(column.warnings).toContain(`message list ${server.origin}/col/col1234/index.html embeds 3 of 62 messages`);
    expect(column.items.map((i) => i.message?.status)).toEqual(['answered', 'in-progress', 'answered']);
  });

  it('stores dates, status and unit, and not one name or phone number of the citizens', async () => {
    const page = (await repo.getPages('hd', [`${server.origin}/hdjl/zxly/201708/t20170801_270.html`]))[0]!;
    expect(page.message).toEqual({
      posted: '2017-08-01',
      replied: '2017-11-06',
      status: 'answered',
      replyUnit: '县不动产登记中心',
    });
    expect(page.textSignals?.personal).toBeUndefined();
    const stored = await storedItems(repo.tableName);
    const everything = stored.join('\n');
    expect(everything).toContain('2017-11-06');
    expect(everything).toContain('反映小区电话139****1234噪音扰民');
    for (const clear of PERSONAL) expect(everything.includes(clear), clear).toBe(false);
  });
});
