import { randomBytes } from 'node:crypto';

// Builds OTLP/JSON export requests the way the OpenTelemetry JS exporter shapes them, for seeding a live
// server in the browser tests.

export type AttributeValue = string | number | boolean | string[];

export interface SeedSpan {
  traceId: string;
  spanId?: string;
  parentSpanId?: string;
  name: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationMs: number;
  attributes?: Record<string, AttributeValue>;
  error?: { message: string; type?: string; stack?: string };
}

export const newTraceId = () => randomBytes(16).toString('hex');
export const newSpanId = () => randomBytes(8).toString('hex');

function encodeValue(value: AttributeValue): Record<string, unknown> {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => ({ stringValue: item })) } };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

const encodeAttributes = (attributes: Record<string, AttributeValue>) =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: encodeValue(value) }));

const nanos = (milliseconds: number) => (BigInt(Math.round(milliseconds * 1000)) * 1000n).toString();

/** One export request holding `spans`, from a service called `serviceName`. */
export function otlpRequest(spans: readonly SeedSpan[], serviceName = 'support-bot') {
  return {
    resourceSpans: [
      {
        resource: { attributes: encodeAttributes({ 'service.name': serviceName }) },
        scopeSpans: [
          {
            scope: { name: 'sextant-e2e', version: '1.0.0' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId ?? newSpanId(),
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: 1,
              startTimeUnixNano: nanos(span.startMs),
              endTimeUnixNano: nanos(span.startMs + span.durationMs),
              attributes: encodeAttributes(span.attributes ?? {}),
              events: span.error
                ? [
                    {
                      name: 'exception',
                      timeUnixNano: nanos(span.startMs + span.durationMs),
                      attributes: encodeAttributes({
                        'exception.type': span.error.type ?? 'Error',
                        'exception.message': span.error.message,
                        ...(span.error.stack ? { 'exception.stacktrace': span.error.stack } : {}),
                      }),
                    },
                  ]
                : [],
              status: span.error ? { code: 2, message: span.error.message } : { code: 1 },
            })),
          },
        ],
      },
    ],
  };
}

/** POSTs spans to a live server's /v1/traces and fails loudly when any is refused. */
export async function sendSpans(baseUrl: string, key: string, spans: readonly SeedSpan[]): Promise<void> {
  const response = await fetch(`${baseUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(otlpRequest(spans)),
  });
  const body = await response.text();
  if (response.status !== 200 || body.includes('rejectedSpans'))
    throw new Error(`seeding failed: HTTP ${response.status} ${body.slice(0, 300)}`);
}
