import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { completeBody } from '../http/complete-body.js';
import { GatewayError } from './gateway-error.js';

// Keep-alive sockets to upstreams: a fresh TCP (and TLS) handshake per call would cost more than
// everything else the gateway does.
const httpAgent = new http.Agent({
  keepAlive: true,
  maxSockets: 256,
  maxFreeSockets: 256,
  scheduling: 'lifo',
});
const httpsAgent = new https.Agent({
  keepAlive: true,
  maxSockets: 256,
  maxFreeSockets: 256,
  scheduling: 'lifo',
});

export interface UpstreamRequest {
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  /** Until the response headers arrive; the call fails with a retryable timeout after it. */
  timeoutMs: number;
  /** Registers a listener for the client going away (which aborts the call); returns its remover. */
  onClientGone?: (listener: () => void) => () => void;
}

/**
 * POSTs to an upstream with node:http (no fetch or web streams on the hot path) and resolves with the
 * response as a Node stream once its headers arrive. Connection failures and timeouts reject with
 * retryable GatewayErrors that say which upstream failed and how.
 */
export function postUpstream(request: UpstreamRequest, label: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = request.url.protocol === 'https:';
    // One options object (no URL to convert and merge): request creation is on every call's critical path.
    const { hostname, port, pathname, search, username, password } = request.url;
    const outgoing = (secure ? https : http).request({
      ...(username ? { auth: `${decodeURIComponent(username)}:${decodeURIComponent(password)}` } : {}),
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port: port || (secure ? 443 : 80),
      path: pathname + search,
      method: 'POST',
      agent: secure ? httpsAgent : httpAgent,
      headers: { ...request.headers, 'content-length': String(request.body.length) },
    });
    let settled = false;
    const timer = setTimeout(() => {
      fail(
        new GatewayError(504, 'timeout_error', `${label} did not answer within ${request.timeoutMs} ms`, {
          code: 'upstream_timeout',
          retryable: true,
        }),
      );
      outgoing.destroy();
    }, request.timeoutMs);
    const onAbort = () => {
      fail(
        new GatewayError(499, 'invalid_request_error', 'client closed the request', {
          code: 'client_closed',
        }),
      );
      outgoing.destroy();
    };
    const stopWatching = request.onClientGone?.(onAbort);
    function fail(error: GatewayError) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatching?.();
      reject(error);
    }
    outgoing.once('response', (response) => {
      if (settled) {
        response.resume();
        return;
      }
      settled = true;
      clearTimeout(timer);
      stopWatching?.();
      resolve(response);
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        new GatewayError(502, 'upstream_error', `${label} is unreachable (${error.code ?? error.message})`, {
          code: 'upstream_unreachable',
          retryable: true,
          cause: error,
        }),
      );
    });
    outgoing.end(request.body);
  });
}

/** Reads a whole response body (plain listeners: cheaper than an async iterator per call). */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  const complete = completeBody(stream);
  if (complete) return Promise.resolve(complete);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    stream.once('error', reject);
    stream.once('aborted', () => reject(new Error('upstream closed the connection mid-answer')));
  });
}
