import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeSpan } from '../normalize/normalize-span.js';
import type { Result } from '../result.js';
import { canonicalSpanSchema } from '../span/canonical-span.js';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { encodeOtlpProtobuf } from './__fixtures__/encode-otlp-protobuf.js';
import { exportOf, nestedArray } from './__fixtures__/export-builders.js';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import type { DecodedExport } from './otlp-span.js';
import { isValidId } from './otlp-validation.js';

// Seeded mutation fuzzing: the decoders must never throw on hostile input, must always answer with a
// Result, and must never let a span with invalid ids or times through. Accepted spans must normalise
// into valid canonical spans.

const FIXTURES = [
  'otel-js-gen-ai.json',
  'openinference.json',
  'openllmetry.json',
  'openllmetry-legacy.json',
  'vercel-ai.json',
];
const jsonBodies: unknown[] = [
  ...FIXTURES.map((name) =>
    JSON.parse(readFileSync(new URL(`../normalize/__fixtures__/${name}`, import.meta.url), 'utf8')),
  ),
  exportOf([
    { attributes: [{ key: 'nested', value: nestedArray(30) }] },
    { parentSpanId: '0102030405060708' },
  ]),
];
const protobufBodies: Uint8Array[] = [
  new Uint8Array(readFileSync(new URL('../normalize/__fixtures__/otel-js-gen-ai.pb', import.meta.url))),
  ...jsonBodies.map((body) => encodeOtlpProtobuf(body as Record<string, unknown>)),
];

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  1e300,
  Number.NaN,
  '',
  'x',
  '-12',
  '18446744073709551616',
  '0'.repeat(32),
  'F'.repeat(16),
  'constructor',
  '__proto__',
  true,
  [],
  {},
  [null],
  { stringValue: 5 },
  { intValue: '1e5' },
  { arrayValue: { values: 'x' } },
  { kvlistValue: { values: [{ key: '__proto__', value: { stringValue: 'x' } }] } },
  nestedArray(40),
];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Replaces or deletes one randomly chosen node of a JSON tree (in place). */
function mutateJson(root: unknown, random: () => number): void {
  let node = root;
  for (let step = 0; step < 12; step++) {
    if (typeof node !== 'object' || node === null) return;
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) return;
    const key = pick(random, keys);
    const child = container[key];
    const isLeafish = typeof child !== 'object' || child === null;
    if (isLeafish || random() < 0.25) {
      if (random() < 0.2 && !Array.isArray(container)) delete container[key];
      else container[key] = structuredClone(pick(random, REPLACEMENTS));
      return;
    }
    node = child;
  }
}

/** Flips, overwrites, drops, inserts or truncates bytes. */
function mutateBytes(bytes: Uint8Array, random: () => number): Uint8Array {
  const at = Math.floor(random() * bytes.length);
  const choice = random();
  if (choice < 0.3) {
    const copy = bytes.slice();
    copy[at] = copy[at]! ^ (1 << Math.floor(random() * 8));
    return copy;
  }
  if (choice < 0.5) {
    const copy = bytes.slice();
    copy[at] = Math.floor(random() * 256);
    return copy;
  }
  if (choice < 0.65) return bytes.subarray(0, at);
  if (choice < 0.8)
    return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + Math.floor(random() * 8))]);
  const inserted = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 256));
  return Uint8Array.from([...bytes.subarray(0, at), ...inserted, ...bytes.subarray(at)]);
}

/**
 * The invariants every answer must satisfy; returns how many spans were accepted. Plain checks rather
 * than `expect` keep thousands of iterations fast.
 */
function checkResult(result: Result<DecodedExport, string>): number {
  if (!result.success) {
    if (typeof result.error !== 'string' || result.error === '')
      throw new Error('a failure without a message');
    return 0;
  }
  const { spans, rejectedSpans, rejectionReasons } = result.value;
  if (!Number.isInteger(rejectedSpans) || rejectedSpans < 0 || rejectionReasons.length > 10) {
    throw new Error(`bad rejection summary: ${rejectedSpans}, ${rejectionReasons.length} reasons`);
  }
  for (const span of spans) {
    const valid =
      isValidId(span.traceId, 32) &&
      isValidId(span.spanId, 16) &&
      (span.parentSpanId === null || isValidId(span.parentSpanId, 16)) &&
      Number.isSafeInteger(span.startTimeUs) &&
      Number.isSafeInteger(span.endTimeUs) &&
      span.endTimeUs >= span.startTimeUs;
    if (!valid) throw new Error(`accepted an invalid span: ${JSON.stringify(span).slice(0, 300)}`);
    const canonical = canonicalSpanSchema.safeParse(normalizeSpan(span));
    if (!canonical.success) throw new Error(`normalised span is not canonical: ${canonical.error.message}`);
  }
  return spans.length;
}

describe('decoder fuzzing', () => {
  it('never throws on 2,500 mutated JSON bodies and only accepts valid spans', () => {
    const random = createSeededRandom(0x5e7a47);
    let accepted = 0;
    for (let iteration = 0; iteration < 2500; iteration++) {
      const body = structuredClone(pick(random, jsonBodies));
      const mutations = 1 + Math.floor(random() * 3);
      for (let count = 0; count < mutations; count++) mutateJson(body, random);
      accepted += checkResult(decodeOtlpJson(body));
    }
    // The mutations leave most spans intact, so the run exercised acceptance as well as rejection.
    expect(accepted).toBeGreaterThan(2000);
  });

  it('never throws on 4,000 mutated protobuf bodies and only accepts valid spans', () => {
    const random = createSeededRandom(0xb0d1e5);
    let accepted = 0;
    let failed = 0;
    for (let iteration = 0; iteration < 4000; iteration++) {
      let body = pick(random, protobufBodies);
      const mutations = 1 + Math.floor(random() * 3);
      for (let count = 0; count < mutations; count++) body = mutateBytes(body, random);
      const result = decodeOtlpProtobuf(body);
      if (!result.success) failed++;
      accepted += checkResult(result);
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(failed).toBeGreaterThan(100);
  });
});
