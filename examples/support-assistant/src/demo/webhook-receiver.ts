import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local stand-in for a Slack incoming webhook: keeps every JSON body posted to it. */
export async function startWebhookReceiver() {
  const received: unknown[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk;
    });
    request.on('end', () => {
      try {
        received.push(JSON.parse(body));
      } catch {
        received.push(body);
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack`,
    received,
    /** Waits until a body matching `test` arrives, or `timeoutMs` passes. */
    async waitFor(test: (body: unknown) => boolean, timeoutMs: number): Promise<unknown | null> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find(test);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
