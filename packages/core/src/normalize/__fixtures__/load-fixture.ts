// Test helper: decodes a recorded fixture and finds spans in it.
import { readFileSync } from 'node:fs';
import { decodeOtlpJson } from '../../otlp/decode-otlp-json.js';
import type { OtlpSpan } from '../../otlp/otlp-span.js';
import { normalizeSpan } from '../normalize-span.js';
import type { CanonicalSpan } from '../../span/canonical-span.js';

export function fixturePath(name: string): URL {
  return new URL(`./${name}`, import.meta.url);
}

/** The decoded spans of a recorded OTLP/JSON export. */
export function loadOtlpSpans(name: string): OtlpSpan[] {
  const decoded = decodeOtlpJson(JSON.parse(readFileSync(fixturePath(name), 'utf8')));
  if (!decoded.success) throw new Error(decoded.error);
  if (decoded.value.rejectedSpans > 0) throw new Error(decoded.value.rejectionReasons.join('; '));
  return decoded.value.spans;
}

/** The normalised spans of a recorded OTLP/JSON export, in export order. */
export function loadCanonicalSpans(name: string): CanonicalSpan[] {
  return loadOtlpSpans(name).map(normalizeSpan);
}

/** All spans with this name (recorded ids differ per run, names do not). */
export function spansNamed(spans: CanonicalSpan[], name: string): CanonicalSpan[] {
  const found = spans.filter((span) => span.name === name);
  if (found.length === 0) throw new Error(`no span named '${name}'; names: ${spans.map((span) => span.name).join(', ')}`);
  return found;
}

export function spanNamed(spans: CanonicalSpan[], name: string): CanonicalSpan {
  const found = spansNamed(spans, name);
  if (found.length !== 1) throw new Error(`${found.length} spans named '${name}'`);
  return found[0]!;
}

/** A decoded span carrying `attributes`, for cases the recording does not cover. */
export function otlpSpan(attributes: Record<string, unknown>, overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    parentSpanId: null,
    name: 'test span',
    kind: 1,
    startTimeUs: 1767225600000000,
    endTimeUs: 1767225601000000,
    attributes,
    events: [],
    statusCode: 0,
    statusMessage: null,
    resource: { 'service.name': 'test-service' },
    scopeName: null,
    ...overrides,
  };
}
