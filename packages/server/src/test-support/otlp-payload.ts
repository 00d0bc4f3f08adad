import { randomBytes } from 'node:crypto';

const attribute = (key: string, value: unknown) => ({
  key,
  value:
    typeof value === 'number'
      ? Number.isInteger(value)
        ? { intValue: String(value) }
        : { doubleValue: value }
      : typeof value === 'boolean'
        ? { boolValue: value }
        : { stringValue: String(value) },
});

export const randomTraceId = () => randomBytes(16).toString('hex');
export const randomSpanId = () => randomBytes(8).toString('hex');

export interface TestSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  startMs?: number;
  durationMs?: number;
  attributes?: Record<string, unknown>;
  error?: string;
}

/** An OTLP/JSON export request as the OTel JS exporter shapes it, with GenAI attributes by default. */
export function otlpJson(spans: readonly TestSpan[], serviceName = 'test-app') {
  const now = Date.now();
  return {
    resourceSpans: [
      {
        resource: { attributes: [attribute('service.name', serviceName)] },
        scopeSpans: [
          {
            scope: { name: 'sextant-test', version: '1.0.0' },
            spans: spans.map((span) => {
              const start = BigInt(span.startMs ?? now) * 1_000_000n;
              const end = start + BigInt(Math.round((span.durationMs ?? 120) * 1_000_000));
              return {
                traceId: span.traceId ?? randomTraceId(),
                spanId: span.spanId ?? randomSpanId(),
                parentSpanId: span.parentSpanId ?? '',
                name: span.name ?? 'chat gpt-4o',
                kind: 3,
                startTimeUnixNano: start.toString(),
                endTimeUnixNano: end.toString(),
                attributes: Object.entries(
                  span.attributes ?? {
                    'gen_ai.operation.name': 'chat',
                    'gen_ai.provider.name': 'openai',
                    'gen_ai.request.model': 'gpt-4o',
                    'gen_ai.usage.input_tokens': 12,
                    'gen_ai.usage.output_tokens': 7,
                  },
                ).map(([key, value]) => attribute(key, value)),
                status: span.error ? { code: 2, message: span.error } : { code: 1 },
              };
            }),
          },
        ],
      },
    ],
  };
}

/** POSTs an OTLP/JSON body to a live server. */
export async function postOtlp(
  url: string,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body:
      typeof body === 'string' || body instanceof Uint8Array
        ? (body as RequestInit['body'])
        : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // protobuf or plain text answers stay as text
  }
  return { status: response.status, body: parsed as Record<string, unknown> };
}
