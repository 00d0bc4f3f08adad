import { randomHex } from './random-ids.js';

/** The caller's trace context, or a new trace when none was sent. */
export interface TraceContext {
  traceId: string;
  parentSpanId: string | null;
}

const traceparentPattern = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/;

/**
 * Reads a W3C `traceparent` header so the gateway's span joins the caller's trace; an absent or invalid
 * header (including the all-zero ids the spec forbids) starts a new trace.
 */
export function readTraceContext(header: string | undefined | null): TraceContext {
  const match = header ? traceparentPattern.exec(header.trim().toLowerCase()) : null;
  if (match && !/^0+$/.test(match[1]!) && !/^0+$/.test(match[2]!)) {
    return { traceId: match[1]!, parentSpanId: match[2]! };
  }
  return { traceId: randomHex(16), parentSpanId: null };
}

export const newSpanId = () => randomHex(8);
