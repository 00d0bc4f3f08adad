/**
 * An OTLP span after wire decoding (JSON or protobuf) and before normalisation.
 * Attribute values are plain JS: string, number, boolean, arrays, objects (kvlist), or a base64 string for bytes.
 */
export interface OtlpSpan {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Microseconds since the Unix epoch. */
  startTimeUs: number;
  endTimeUs: number;
  attributes: Record<string, unknown>;
  events: OtlpEvent[];
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string | null;
  /** Shared by every span of the same resource; do not mutate. */
  resource: Record<string, unknown>;
  scopeName: string | null;
}

export interface OtlpEvent {
  name: string;
  timeUs: number;
  attributes: Record<string, unknown>;
}

/** A decoded export request. Spans that failed validation are counted, not thrown, per OTLP partial success. */
export interface DecodedExport {
  spans: OtlpSpan[];
  rejectedSpans: number;
  /** Why spans were rejected (first few reasons), for the partial_success error_message. */
  rejectionReasons: string[];
}
