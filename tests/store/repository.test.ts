import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WritesFenced, type Repository } from '../../functions/store/repository.ts';
import type { PageRecord, StoredFinding } from '../../functions/store/records.ts';
import { testRepository } from '../support/dynamo.ts';

const page = (i: number): PageRecord => ({
  url: `http://127.0.0.1/tdsc/201712/t20171205_${i}.html`,
  columnId: 'tdsc',
  fetch: { ok: true, status: 200 },
  title: `土地出让公告 ${i}`,
  indexNo: null,
  docNo: null,
  publisher: '梅河口市国土资源局',
  generatedDate: '2017-11-02',
  publishedDate: '2017-12-05',
  validity: null,
  bodyChars: 420,
  attachments: 0,
  hasBody: true,
  notFound: false,
  firstSeen: '2018-01-15',
  fetchedAt: '2018-01-15T02:00:00.000Z',
  etag: `"e${i}"`,
});

describe('Repository on DynamoDB Local', () => {
  let repo: Repository;
  beforeAll(async () => {
    repo = await testRepository('repo');
  });
  afterAll(() => repo.destroy());

  it('creates its table once and tolerates being asked again', async () => {
    await expect(repo.ensureTable()).resolves.toBeUndefined();
  });

  it('writes 60 pages in batches of 25 and reads every one back, counting each write', async () => {
    const before = repo.writes;
    await repo.putPages(
      'p1',
      Array.from({ length: 60 }, (_, i) => page(i)),
    );
    expect(repo.writes - before).toBe(60);
    const pages = await repo.listPages('p1');
    expect(pages).toHaveLength(60);
    expect(pages.find((p) => p.url.endsWith('_7.html'))).toMatchObject({
      title: '土地出让公告 7',
      etag: '"e7"',
      publishedDate: '2017-12-05',
    });
  });

  it('reads just the pages asked for, over the 100-key batch limit, ignoring unknown and repeated URLs', async () => {
    await repo.putPages(
      'p4',
      Array.from({ length: 130 }, (_, i) => page(i)),
    );
    const wanted = [...Array.from({ length: 120 }, (_, i) => page(i).url), page(3).url, 'http://127.0.0.1/none.html'];
    const got = await repo.getPages('p4', wanted);
    expect(got.map((p) => p.url).sort()).toEqual(Array.from({ length: 120 }, (_, i) => page(i).url).sort());
    expect(got.find((p) => p.url === page(42).url)).toMatchObject({ title: '土地出让公告 42', etag: '"e42"' });
    expect(await repo.getPages('p4', [])).toEqual([]);
    expect(await repo.getPages('p2', [page(1).url])).toEqual([]);
  });

  it('keeps portals apart: another portal sees none of the first one’s pages', async () => {
    expect(await repo.listPages('p2')).toEqual([]);
  });

  it('drops undefined fields instead of failing the write', async () => {
    await repo.putPages('p3', [{ ...page(1), etag: undefined, listDate: undefined }]);
    const [p] = await repo.listPages('p3');
    expect(p).toBeDefined();
    expect('etag' in p!).toBe(false);
  });

  it('lists scans newest first and honours a limit', async () => {
    for (const id of ['20180101T000000Z-a', '20180108T000000Z-b', '20180115T000000Z-c']) {
      await repo.putScan({
        scanId: id,
        portalId: 'p4',
        asOf: '2018-01-15',
        startedAt: '',
        finishedAt: '',
        columns: 1,
        pages: 0,
        findings: { open: 0, new: 0, resolved: 0, byRule: {} },
        counters: { requests: 0, bytes: 0, notModified: 0, pagesParsed: 0, writes: 0, failures: 0 },
        warnings: [],
      });
    }
    const scans = await repo.listScans('p4', 2);
    expect(scans.map((s) => s.scanId)).toEqual(['20180115T000000Z-c', '20180108T000000Z-b']);
  });

  it('round-trips a finding with its evidence and lifecycle fields', async () => {
    const f: StoredFinding = {
      id: 'abc',
      portalId: 'p5',
      rule: 'empty-column',
      severity: 'veto',
      subject: 'column:zhtj',
      url: 'http://127.0.0.1/zhtj/',
      title: '综合统计',
      columnId: 'zhtj',
      department: '办公室',
      message: '综合统计栏目没有任何信息',
      action: '补充发布',
      evidence: { items: 0, placeholder: '暂无信息' },
      status: 'open',
      firstSeenScan: 's1',
      firstSeenAsOf: '2018-01-15',
      lastChangedScan: 's1',
      reopened: 0,
    };
    await repo.putFindings('p5', [f]);
    expect(await repo.listFindings('p5')).toEqual([f]);
  });

  it('keeps the first answer to a check: a later attempt finishing the same check changes nothing', async () => {
    const base = {
      checkId: 'p6.abcdefgh12',
      portalId: 'p6',
      url: 'http://127.0.0.1/a.html',
      asOf: '2018-01-15',
      requestedAt: '2018-01-15T02:00:00.000Z',
      expiresAt: 2_000_000_000,
    };
    await repo.putCheck({ ...base, status: 'running' });
    const first = await repo.finishCheck({
      ...base,
      status: 'done',
      finishedAt: '2018-01-15T02:00:05.000Z',
      result: { findings: [] },
    });
    const second = await repo.finishCheck({
      ...base,
      status: 'failed',
      finishedAt: '2018-01-15T02:00:09.000Z',
      error: 'timeout',
    });
    expect(first.status).toBe('done');
    expect(second).toEqual(first);
    expect(await repo.getCheck('p6', base.checkId)).toMatchObject({
      status: 'done',
      finishedAt: '2018-01-15T02:00:05.000Z',
    });
  });

  it('adds a task counter the run did not start with from zero instead of failing the count', async () => {
    const counters = { requests: 0, bytes: 0, notModified: 0, failures: 0, pagesParsed: 0, writes: 0 };
    const { writes: _omitted, ...older } = counters; // a run planned by a version that did not count writes
    await repo.createRun({
      portalId: 'p7',
      scanId: '20180115T020000Z-a',
      asOf: '2018-01-15',
      startedAt: '',
      status: 'crawling',
      total: 2,
      done: 0,
      counters: older as typeof counters,
      expiresAt: 2_000_000_000,
    });
    await repo.completeRunTask('p7', '20180115T020000Z-a', 'column:a', { ...counters, requests: 3, writes: 4 });
    const { run } = await repo.completeRunTask('p7', '20180115T020000Z-a', 'column:b', {
      ...counters,
      requests: 2,
      writes: 1,
    });
    expect(run).toMatchObject({ done: 2, counters: { requests: 5, writes: 5 } });
  });

  it('a fenced view writes until its fence drops, then refuses every kind of write and still reads', async () => {
    const handOff = new AbortController();
    const view = repo.fencedBy(handOff.signal);
    await view.putPages('p8', [page(1)]);
    handOff.abort();
    await expect(view.putPages('p8', [page(2)])).rejects.toThrow(WritesFenced);
    await expect(view.putColumn('p8', { columnId: 'c' } as never)).rejects.toThrow(WritesFenced);
    await expect(view.advanceRun('p8', 'x', 'crawling', 'crawled')).rejects.toThrow(WritesFenced);
    expect((await view.listPages('p8')).map((p) => p.url)).toEqual([page(1).url]);
    await repo.putPages('p8', [page(3)]); // the repository it came from is not fenced
    expect(await repo.listPages('p8')).toHaveLength(2);
  });
});
