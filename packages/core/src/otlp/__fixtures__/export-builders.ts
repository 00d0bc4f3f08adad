// Test helpers: OTLP/JSON-shaped export requests built by hand for edge cases.

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const SPAN_ID = 'eee19b7ec3c1b174';

/** A one-resource, one-scope export of `spans`; each span starts valid and is overridden by its entry. */
export function exportOf(spans: Array<Record<string, unknown>>, resourceAttributes: unknown[] = []) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }, ...resourceAttributes] },
        scopeSpans: [
          {
            scope: { name: 'test-scope', version: '1.0.0' },
            spans: spans.map((span, index) => ({
              traceId: TRACE_ID,
              spanId: `${SPAN_ID.slice(0, 14)}${index.toString(16).padStart(2, '0')}`,
              name: `span ${index}`,
              kind: 1,
              startTimeUnixNano: '1767225600000000000',
              endTimeUnixNano: '1767225601500000000',
              ...span,
            })),
          },
        ],
      },
    ],
  };
}

/** `depth` nested arrayValues around a string. */
export function nestedArray(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { stringValue: 'core' };
  for (let level = 0; level < depth; level++) value = { arrayValue: { values: [value] } };
  return value;
}
