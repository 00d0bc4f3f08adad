import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postUpstream, readAll } from './upstream-client.js';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('postUpstream', () => {
  it('sends the path, query, body and the credentials written in the base URL', async () => {
    const seen: { url?: string; authorization?: string; body?: string } = {};
    server = http.createServer(async (request, response) => {
      seen.url = request.url;
      seen.authorization = request.headers.authorization;
      seen.body = (await readAll(request)).toString();
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await postUpstream(
      {
        url: new URL(`http://proxy%20user:p%40ss@127.0.0.1:${port}/v1/chat/completions?api-version=1`),
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"model":"m"}'),
        timeoutMs: 5_000,
      },
      'test/m',
    );
    expect((await readAll(response)).toString()).toBe('{"ok":true}');
    expect(seen).toEqual({
      url: '/v1/chat/completions?api-version=1',
      authorization: `Basic ${Buffer.from('proxy user:p@ss').toString('base64')}`,
      body: '{"model":"m"}',
    });
  });
});
