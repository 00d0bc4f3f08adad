import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** Reads a request header by its lower-case name. */
export type HeaderReader = (name: string) => string | undefined;

/**
 * The request's headers: Node's parsed object when served by Node, Hono's otherwise. Hono's
 * `req.header` first builds a web Headers object of every header, which costs more per call than
 * the gateway's own work.
 */
export function requestHeaders(context: Context): HeaderReader {
  const headers = (context.env as { incoming?: IncomingMessage } | undefined)?.incoming?.headers;
  if (!headers) return (name) => context.req.header(name);
  return (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}
