import type { ServerResponse } from 'node:http';

/** Where the gateway writes its answer: the Node response directly, or a web Response (`app.request`). */
export interface ClientResponse {
  /** Sends a whole answer. */
  send(status: number, headers: Record<string, string>, body: Buffer | string): void;
  /** Starts a streamed answer; follow with `write`s and one `end`. */
  start(status: number, headers: Record<string, string>): void;
  write(chunk: Buffer | string): void;
  end(): void;
  /** True once anything was sent: from then on a failure can only cut the stream, not change the status. */
  readonly started: boolean;
  /** True once the client went away before the answer was complete. */
  readonly aborted: boolean;
  /** Calls `listener` if the client goes away early; returns the unsubscribe function. */
  onAbort(listener: () => void): () => void;
}

/** Writes straight to Node's ServerResponse: no web streams, no copies. */
export function nodeClientResponse(outgoing: ServerResponse): ClientResponse {
  let aborted = false;
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) aborted = true;
  });
  let started = false;
  return {
    get aborted() {
      return aborted;
    },
    onAbort(listener) {
      const onClose = () => {
        if (!outgoing.writableFinished) listener();
      };
      outgoing.once('close', onClose);
      return () => outgoing.removeListener('close', onClose);
    },
    get started() {
      return started;
    },
    send(status, headers, body) {
      started = true;
      outgoing.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      outgoing.end(body);
    },
    start(status, headers) {
      started = true;
      // Headers go out with the first chunk: one write to the socket instead of two.
      outgoing.writeHead(status, headers);
    },
    write(chunk) {
      if (!outgoing.writableEnded) outgoing.write(chunk);
    },
    end() {
      if (!outgoing.writableEnded) outgoing.end();
    },
  };
}

/** A web Response built as the gateway writes; `response` settles at `send` or `start`. */
export function webClientResponse(): ClientResponse & { response: Promise<Response> } {
  let resolve!: (response: Response) => void;
  const response = new Promise<Response>((done) => {
    resolve = done;
  });
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let started = false;
  const encoder = new TextEncoder();
  const bytes = (chunk: Buffer | string) =>
    typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk);
  return {
    response,
    aborted: false,
    onAbort: () => () => {},
    get started() {
      return started;
    },
    send(status, headers, body) {
      started = true;
      resolve(new Response(bytes(body), { status, headers }));
    },
    start(status, headers) {
      started = true;
      const stream = new ReadableStream<Uint8Array>({
        start(streamController) {
          controller = streamController;
        },
      });
      resolve(new Response(stream, { status, headers }));
    },
    write(chunk) {
      controller?.enqueue(bytes(chunk));
    },
    end() {
      controller?.close();
    },
  };
}
