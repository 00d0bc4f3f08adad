import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DecodedSpan, decodeOtlpTraces } from './decode-otlp-traces.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void;

/** A real HTTP server on an ephemeral loopback port that records every request body. */
export async function startLoopbackServer(handle: Handler, port = 0): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      handle(recorded, response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type OtlpReceiverMode = 'ok' | 'hang' | 401 | 500;

export interface OtlpReceiver extends LoopbackServer {
  mode: OtlpReceiverMode;
  /** Spans of every request received so far, decoded. */
  spans(): DecodedSpan[];
}

/** An OTLP/HTTP trace receiver that answers as `mode` says: accept, never answer, or refuse. */
export async function startOtlpReceiver(mode: OtlpReceiverMode = 'ok', port = 0): Promise<OtlpReceiver> {
  const receiver = {} as OtlpReceiver;
  const server = await startLoopbackServer((_request, response) => {
    if (receiver.mode === 'hang') return;
    if (receiver.mode === 'ok') {
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      return;
    }
    response
      .writeHead(receiver.mode, { 'content-type': 'application/json' })
      .end('{"error":{"code":"refused"}}');
  }, port);
  return Object.assign(receiver, server, {
    mode,
    spans: () =>
      server.requests
        .filter((request) => request.path === '/v1/traces')
        .flatMap((request) => decodeOtlpTraces(request.body)),
  });
}

/** A port that was free a moment ago and has nothing listening on it now (connection refused). */
export async function findClosedPort(): Promise<number> {
  const server = await startLoopbackServer(() => undefined);
  await server.close();
  return server.port;
}
