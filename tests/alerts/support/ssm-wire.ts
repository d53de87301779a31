import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// SSM has no local engine here, so the real SDK talks to this server, which answers
// GetParameter (AWS JSON 1.1) the way SSM documents: the parameter, or ParameterNotFound. It
// records each call so tests can count them (the resolver caches) and see WithDecryption.

export interface SsmWire {
  endpoint: string;
  parameters: Map<string, { type: 'SecureString' | 'String'; value: string }>;
  calls: { target: string; name: string; withDecryption: boolean }[];
  close(): Promise<void>;
}

export async function startSsmWire(): Promise<SsmWire> {
  const parameters: SsmWire['parameters'] = new Map();
  const calls: SsmWire['calls'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        Name?: string;
        WithDecryption?: boolean;
      };
      calls.push({ target, name: body.Name ?? '', withDecryption: body.WithDecryption === true });
      const answer = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(json));
      if (target !== 'AmazonSSM.GetParameter')
        return answer(400, { __type: 'UnsupportedOperation', message: `${target} is not served here` });
      const p = parameters.get(body.Name ?? '');
      if (!p) return answer(400, { __type: 'ParameterNotFound', message: '' });
      // Like SSM, a SecureString read without decryption comes back as ciphertext.
      const value = p.type === 'SecureString' && !body.WithDecryption ? 'AQICAHh-ciphertext' : p.value;
      answer(200, { Parameter: { Name: body.Name, Type: p.type, Value: value, Version: 1 } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    parameters,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
