/**
 * OTLP/HTTP responses. For protobuf requests the body is an ExportTraceServiceResponse
 * (or a google.rpc.Status on failure), hand-encoded because each has two fields.
 */

/** ExportTraceServiceResponse { partial_success (1): { rejected_spans (1): int64, error_message (2): string } } */
export function encodePartialSuccess(rejectedSpans: number, errorMessage: string): Uint8Array {
  if (rejectedSpans === 0 && !errorMessage) return new Uint8Array(0);
  const inner = concat(varintField(1, rejectedSpans), stringField(2, errorMessage));
  return concat(lengthDelimited(1, inner));
}

/** google.rpc.Status { code (1): int32, message (2): string } — the OTLP error body for protobuf clients. */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  return concat(varintField(1, code), stringField(2, message));
}

/** The JSON form of the same response; an empty object when everything was accepted. */
export function partialSuccessJson(rejectedSpans: number, errorMessage: string) {
  return rejectedSpans === 0
    ? {}
    : { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } };
}

/** gRPC status code matching an HTTP status, for google.rpc.Status bodies. */
export function rpcCodeForHttpStatus(status: number): number {
  if (status === 400) return 3; // INVALID_ARGUMENT
  if (status === 401) return 16; // UNAUTHENTICATED
  if (status === 403) return 7; // PERMISSION_DENIED
  if (status === 413) return 8; // RESOURCE_EXHAUSTED
  if (status === 415) return 3;
  if (status === 503) return 14; // UNAVAILABLE: exporters retry
  return 13; // INTERNAL
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let remaining = value;
  while (remaining > 0x7f) {
    bytes.push((remaining % 128) | 0x80);
    remaining = Math.floor(remaining / 128);
  }
  bytes.push(remaining);
  return bytes;
}

const varintField = (field: number, value: number) =>
  value === 0 ? new Uint8Array(0) : Uint8Array.from([...varint(field << 3), ...varint(value)]);

const stringField = (field: number, value: string) =>
  value ? lengthDelimited(field, new TextEncoder().encode(value)) : new Uint8Array(0);

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return concat(Uint8Array.from([...varint((field << 3) | 2), ...varint(payload.length)]), payload);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
