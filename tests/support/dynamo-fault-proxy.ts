import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP hop in front of DynamoDB Local that turns bad on demand: while `failWhen`
// matches a request's body it answers 500 InternalServerError (after the SDK's own retries,
// the call fails as it would during a DynamoDB incident); everything else is passed through.

export interface DynamoFaultProxy {
  endpoint: string;
  failWhen: ((body: string) => boolean) | null;
  failed: number;
  close(): Promise<void>;
}

export async function startDynamoFaultProxy(target: string): Promise<DynamoFaultProxy> {
  const upstream = new URL(target);
  const proxy: DynamoFaultProxy = { endpoint: '', failWhen: null, failed: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (proxy.failWhen?.(body.toString('utf8'))) {
        proxy.failed += 1;
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InternalServerError' });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
            message: 'Internal server error (injected)',
          }),
        );
        return;
      }
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return proxy;
}
