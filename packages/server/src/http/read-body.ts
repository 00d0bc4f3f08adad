import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { SextantError } from '@sextant/core';
import type { Context } from 'hono';
import { completeBody } from './complete-body.js';
import { requestHeaders } from './request-headers.js';

const tooLarge = (what: string, limit: number) =>
  new SextantError(
    'payload_too_large',
    `${what} exceeds the limit of ${limit} bytes; send smaller batches or raise --max-body-bytes`,
  );

/**
 * Reads a request body up to `limit` bytes, then undoes gzip/deflate with the same limit on the result
 * (a small compressed body must not expand into gigabytes). Reads the Node stream directly when served
 * by @hono/node-server, which avoids copying through web streams on the ingestion hot path.
 */
export async function readBody(context: Context, limit: number): Promise<Buffer> {
  const incoming = (context.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const header = requestHeaders(context);
  const declared = Number(header('content-length'));
  if (declared > limit) throw tooLarge(`request body of ${declared} bytes`, limit);
  const raw = incoming ? await readStream(incoming, limit) : await readWebBody(context, limit);
  return decompress(raw, header('content-encoding'), limit);
}

/** Reads with plain stream events: an async iterator costs promises and extra ticks per request. */
function readStream(stream: IncomingMessage, limit: number): Promise<Buffer> | Buffer {
  const complete = completeBody(stream);
  if (complete) {
    if (complete.length > limit) throw tooLarge('request body', limit);
    return complete;
  }
  // A client that left before we got here already fired 'close': no event would ever settle the promise.
  if (stream.destroyed || stream.errored) {
    return Promise.reject(new SextantError('bad_request', 'the client closed the request early'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stream.removeListener('data', onData);
      stream.resume(); // drain the rest so the connection can answer
      reject(tooLarge('request body', limit));
    };
    stream.on('data', onData);
    stream.once('error', reject);
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    // Every request closes after 'end'; only a close before it means the client went away mid-body
    // (checked first: an error's stack trace is not free, and this runs once per request).
    stream.once('close', () => {
      if (!stream.readableEnded)
        reject(new SextantError('bad_request', 'the client closed the request early'));
    });
  });
}

async function readWebBody(context: Context, limit: number): Promise<Buffer> {
  const body = Buffer.from(await context.req.arrayBuffer());
  if (body.length > limit) throw tooLarge('request body', limit);
  return body;
}

function decompress(body: Buffer, encoding: string | undefined, limit: number): Buffer {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity') return body;
  if (name !== 'gzip' && name !== 'deflate') {
    throw new SextantError(
      'unsupported_media_type',
      `content-encoding '${encoding}' is not supported; use gzip or none`,
    );
  }
  try {
    return name === 'gzip'
      ? gunzipSync(body, { maxOutputLength: limit })
      : inflateSync(body, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge('decompressed request body', limit);
    }
    throw new SextantError('bad_request', `request body is not valid ${name}: ${(error as Error).message}`);
  }
}
