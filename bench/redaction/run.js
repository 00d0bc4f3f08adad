// bench/redaction: what PII redaction costs at ingestion. Stores the same OTLP/JSON batches of chat spans
// (messages with e-mail addresses, phone numbers, card numbers and API keys mixed into ordinary text)
// through IngestService on a fresh SQLite file, once with the project's redaction off and once on, and
// prints spans/s for both and the overhead.
// Usage: npm run build && node bench/redaction/run.js [--batches 200] [--spans-per-batch 50]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeOtlpJson, normalizeSpan } from '@sextant/core';
import { redactionConfigSchema, redactSpan } from '@sextant/core/redaction';
import { IngestService } from '@sextant/server';
import { openSqliteStore } from '@sextant/store';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '200' },
    'spans-per-batch': { type: 'string', default: '50' },
  },
});
const batches = Number(values.batches);
const perBatch = Number(values['spans-per-batch']);

const filler =
  'Our refund policy allows returns within 30 days of delivery when the item is unused and in its packaging. ';
const pii = [
  'Please write to jane.doe@example.org about it.',
  'Call me on +44 20 7946 0958 tomorrow.',
  'My card is 4111 1111 1111 1111, expiry 04/29.',
  `The key is ${['sk', 'proj', 'Zq8vN3xK1pLw7RtY2mB9cD4fH6jS0aE5'].join('-')} in prod.`,
  'No personal data in this one.',
];
const attribute = (key, value) => ({ key, value: { stringValue: value } });

function batch(index) {
  const spans = Array.from({ length: perBatch }, (_, offset) => {
    const n = index * perBatch + offset;
    const question = `${filler.repeat(3)}${pii[n % pii.length]}`;
    const start = BigInt(Date.now() - 60_000 + n) * 1_000_000n;
    return {
      traceId: n.toString(16).padStart(32, '0'),
      spanId: (n + 1).toString(16).padStart(16, '0'),
      name: 'chat gpt-4o',
      kind: 3,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 250_000_000n),
      attributes: [
        attribute('gen_ai.operation.name', 'chat'),
        attribute('gen_ai.request.model', 'gpt-4o'),
        attribute(
          'gen_ai.input.messages',
          JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: question }] }]),
        ),
        attribute(
          'gen_ai.output.messages',
          JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: filler }] }]),
        ),
      ],
      status: { code: 1 },
    };
  });
  return new TextEncoder().encode(
    JSON.stringify({
      resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }],
    }),
  );
}

async function run(redaction) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-redaction-'));
  const store = openSqliteStore(path.join(directory, 'sextant.db'));
  await store.createProject({ id: 'bench', name: 'bench' });
  if (redaction) await store.redactionSettings.put('bench', { enabled: true });
  const ingest = new IngestService(store);
  const bodies = Array.from({ length: batches }, (_, index) => batch(index));
  const started = performance.now();
  for (const body of bodies) await ingest.ingestBody('bench', 'json', body);
  const seconds = (performance.now() - started) / 1000;
  const sample = await store.getTrace('bench', (3).toString(16).padStart(32, '0'));
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
  return {
    spansPerSecond: (batches * perBatch) / seconds,
    sample: JSON.stringify(sample?.spans[0]?.input ?? null),
  };
}

// A warm-up pass so both measured runs get a JIT-compiled path; then off and on alternately, best of two each,
// since the disk is shared with whatever else runs.
await run(true);
const best = (a, b) => (a.spansPerSecond >= b.spansPerSecond ? a : b);
const first = { off: await run(false), on: await run(true) };
const off = best(first.off, await run(false));
const on = best(first.on, await run(true));
function decoded(body) {
  const result = decodeOtlpJson(JSON.parse(new TextDecoder().decode(body)));
  if (!result.success) throw new Error(result.error);
  return result.value;
}

// The CPU cost alone, without decoding or the store: redactSpan over the same spans, normalised once.
const config = redactionConfigSchema.parse({ enabled: true });
const canonical = Array.from({ length: 20 }, (_, index) =>
  decoded(batch(index)).spans.map(normalizeSpan),
).flat();
for (const span of canonical) redactSpan(span, config);
const cpuStarted = performance.now();
for (let round = 0; round < 5; round++) for (const span of canonical) redactSpan(span, config);
const microsecondsPerSpan = ((performance.now() - cpuStarted) * 1000) / (5 * canonical.length);

console.log(`spans: ${batches * perBatch} in batches of ${perBatch}`);
console.log(`redactSpan alone: ${microsecondsPerSpan.toFixed(1)} µs per span (every detector on)`);
console.log(`redaction off: ${Math.round(off.spansPerSecond)} spans/s`);
console.log(`redaction on:  ${Math.round(on.spansPerSecond)} spans/s`);
console.log(
  `overhead:      ${((off.spansPerSecond / on.spansPerSecond - 1) * 100).toFixed(1)}% more time per span`,
);
console.log(`stored input with redaction on: …${on.sample.slice(-110)}`);
