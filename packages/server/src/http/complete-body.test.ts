import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { completeBody } from './complete-body.js';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Answers with the body as completeBody saw it a turn after the request event, else as the stream delivers it. */
async function echoServer(): Promise<number> {
  server = http.createServer((request, response) => {
    const answer = (text: string, fast: boolean) =>
      response.end(JSON.stringify({ text, fast, socket: request.socket.remotePort }));
    setImmediate(() => {
      const body = completeBody(request);
      if (body) return answer(body.toString('utf8'), true);
      const chunks: Buffer[] = []; // more than the stream buffers: the parser waits for a reader
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => answer(Buffer.concat(chunks).toString('utf8'), false));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function post(
  port: number,
  agent: http.Agent,
  body: string,
): Promise<{ text: string; fast: boolean; socket: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { port, method: 'POST', agent, headers: { 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text)));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('completeBody', () => {
  it('takes a parsed body from the buffer, empty or not, and keeps the connection reusable', async () => {
    const port = await echoServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await post(port, agent, '{"model":"m","messages":[]}');
    const second = await post(port, agent, '');
    const third = await post(port, agent, 'é'.repeat(50_000));
    const fourth = await post(port, agent, 'after a large one');
    agent.destroy();
    expect(first).toMatchObject({ text: '{"model":"m","messages":[]}', fast: true });
    expect(second).toMatchObject({ text: '', fast: true });
    expect(third.text).toBe('é'.repeat(50_000));
    expect(fourth).toMatchObject({ text: 'after a large one', fast: true });
    expect(new Set([first.socket, second.socket, third.socket, fourth.socket]).size).toBe(1);
  });

  it('returns null while the body is still arriving', async () => {
    const seen: Array<Buffer | null> = [];
    server = http.createServer((request, response) => {
      seen.push(completeBody(request)); // at the request event only the headers are parsed
      request.resume();
      request.on('end', () => response.end('ok'));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      const request = http.request(
        { port, method: 'POST', headers: { 'content-length': 10 } },
        (response) => {
          response.resume();
          response.on('end', () => resolve());
        },
      );
      request.on('error', reject);
      request.write('12345');
      setTimeout(() => request.end('67890'), 50);
    });
    expect(seen).toEqual([null]);
  });
});
