import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import iconv from 'iconv-lite';

// A government server on a bad day, for real: it stalls, resets, fails then recovers, rate
// limits, redirects in circles or off-site, paginates forever, sends 10 MB, lies about its
// charset and sends broken bytes. It measures how it is treated: requests in flight at once
// and the gaps between request arrivals.

export interface MisbehavingServer {
  origin: string;
  hits: Map<string, number>;
  arrivals: number[];
  peakInFlight: number;
  userAgents: Set<string>;
  close(): Promise<void>;
}

const page = (title: string, body = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

export async function startMisbehavingServer(
  opts: { robots?: string; slowMs?: number } = {},
): Promise<MisbehavingServer> {
  const hits = new Map<string, number>();
  const arrivals: number[] = [];
  const userAgents = new Set<string>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const state = { peakInFlight: 0 };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, n: number) => void> = {
    '/robots.txt': (_q, res) => {
      if (opts.robots === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(opts.robots);
    },
    '/ok.html': (_q, res) =>
      void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('正常页面')),
    '/slow.html': (_q, res) =>
      void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(page('慢')), opts.slowMs ?? 50),
    '/stall.html': () => {}, // accepts, never answers
    '/reset.html': (req) => req.socket.destroy(),
    '/flaky.html': (_q, res, n) =>
      n === 1
        ? void res.writeHead(500).end('busy')
        : void res.writeHead(200, { 'content-type': 'text/html' }).end(page('第二次成功')),
    '/always-500.html': (_q, res) => void res.writeHead(500).end('error'),
    '/rate-limited.html': (_q, res, n) =>
      n === 1
        ? void res.writeHead(429, { 'retry-after': '1' }).end()
        : void res.writeHead(200, { 'content-type': 'text/html' }).end(page('限流之后')),
    '/loop-a.html': (_q, res) => void res.writeHead(302, { location: '/loop-b.html' }).end(),
    '/loop-b.html': (_q, res) => void res.writeHead(302, { location: '/loop-a.html' }).end(),
    '/moved.html': (_q, res) => void res.writeHead(301, { location: '/ok.html' }).end(),
    '/offsite.html': (_q, res) => void res.writeHead(302, { location: 'http://offsite.invalid/landing.html' }).end(),
    '/huge.html': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    },
    '/liar.html': (_q, res) =>
      void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          iconv.encode(
            page('梅河口市国土资源局', '<p>土地市场信息</p>').replace('charset="utf-8"', 'charset="gbk"'),
            'gbk',
          ),
        ),
    '/broken-bytes.html': (_q, res) =>
      void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          Buffer.concat([
            Buffer.from(
              page(
                '坏字节',
                '<p>为进一步规范土地管理秩序，切实保护耕地，根据有关法律法规，结合本地实际，现将有关事项通知如下，请认真贯彻执行。</p>',
              ),
            ),
            Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
          ]),
        ),
    '/private/secret.html': (_q, res) => void res.writeHead(200).end(page('不应抓取')),
    // A column listing every kind of bad page above, TRS style.
    '/hostile/index.html': (_q, res) => {
      const paths = [
        'liar',
        'broken-bytes',
        'stall',
        'reset',
        'huge',
        'offsite',
        'loop-a',
        'always-500',
        'flaky',
        'private/secret',
        'missing',
      ];
      const lis = paths.map(
        (p, i) =>
          `<li><a href="/${p}.html">测试信息${i + 1}：${p}</a><span>2017-12-${String(10 + i).padStart(2, '0')}</span></li>`,
      );
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page('问题栏目', `<ul class="list">${lis.join('')}</ul>`));
    },
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    arrivals.push(Date.now());
    userAgents.add(String(req.headers['user-agent']));
    inFlight += 1;
    state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const forever = /^\/forever\/index(?:_(\d+))?\.html$/.exec(path);
    if (forever) {
      // Pagination that never ends: every page claims a next one.
      const k = Number(forever[1] ?? 0);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const li = (n: number) =>
        `<li><a href="./201712/t20171201_${k}${n}.html">土地出让公告第${k}${n}号</a><span>2017-12-01</span></li>`;
      res.end(page(`第${k + 1}页`, `<ul class="list">${li(1)}${li(2)}</ul><a href="index_${k + 1}.html">下一页</a>`));
      return;
    }
    if (path === '/escape/index.html' || path === '/escape/index_1.html') {
      // A "next page" on another host (the same server under another name): a crawler must not follow.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const off = `http://localhost:${req.socket.localPort}/escape/index_1.html`;
      res.end(
        page(
          '第1页',
          `<ul class="list"><li><a href="./201712/t20171201_1.html">土地出让公告第1号</a><span>2017-12-01</span></li></ul><a href="${off}">下一页</a>`,
        ),
      );
      return;
    }
    const route = routes[path];
    if (!route) return void res.writeHead(404, { 'content-type': 'text/html' }).end(page('404 页面不存在'));
    route(req, res, n);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    arrivals,
    get peakInFlight() {
      return state.peakInFlight;
    },
    userAgents,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
