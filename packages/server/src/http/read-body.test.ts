import { PassThrough } from 'node:stream';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { readBody } from './read-body.js';

/** A Hono context served by Node, whose request stream is `incoming`. */
const contextOf = (incoming: PassThrough, headers: Record<string, string> = {}) =>
  ({ env: { incoming: Object.assign(incoming, { headers }) } }) as unknown as Context;

describe('readBody', () => {
  it('reads a body that arrives in pieces, and enforces the limit on what arrives', async () => {
    const stream = new PassThrough();
    const body = readBody(contextOf(stream), 100);
    stream.write('{"a":');
    setTimeout(() => stream.end('1}'), 10);
    expect((await body).toString()).toBe('{"a":1}');

    const large = new PassThrough();
    const refused = readBody(contextOf(large), 10);
    large.end('x'.repeat(11));
    await expect(refused).rejects.toThrow(/exceeds the limit of 10 bytes/);
  });

  it('refuses a request whose client already left, instead of waiting forever', async () => {
    const stream = new PassThrough();
    stream.write('{"partial":');
    stream.destroy();
    await new Promise((resolve) => setImmediate(resolve)); // 'close' has fired before anyone listened
    await expect(readBody(contextOf(stream), 100)).rejects.toThrow(/closed the request early/);
  });

  it('rejects when the client leaves mid-body', async () => {
    const stream = new PassThrough();
    const body = readBody(contextOf(stream), 100);
    stream.write('{"partial":');
    setTimeout(() => stream.destroy(), 10);
    await expect(body).rejects.toThrow(/closed the request early/);
  });
});
