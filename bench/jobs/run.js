// bench/jobs: online-evaluation throughput and the retention sweep's effect on ingestion, on the built
// packages and an embedded store. Usage: node bench/jobs/run.js [--traces 50000] [--db path]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createOnlineEvalJob, JobRunner, OnlineEvalService, sweepRetention } from '@sextant/server';
import { openSqliteStore } from '@sextant/store';

const { values } = parseArgs({
  options: { traces: { type: 'string', default: '50000' }, db: { type: 'string' } },
});
const count = Number(values.traces);
const file =
  values.db ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bench-jobs-')), 'sextant.db');
const store = openSqliteStore(file);
await store.createProject({ id: 'bench', name: 'Bench' });
const day = 86_400_000;
let serial = 0;

/** A three-span RAG-shaped trace (chain root, retrieval, llm) that ended `ageMs` ago. */
function trace(ageMs) {
  serial += 1;
  const id = serial.toString(16);
  const traceId = id.padStart(32, '0');
  const startUs = (Date.now() - ageMs) * 1000;
  const span = (suffix, overrides) => ({
    traceId,
    spanId: `${id.padStart(15, '0')}${suffix}`,
    parentSpanId: null,
    name: 'answer',
    kind: 'chain',
    startTimeUs: startUs,
    endTimeUs: startUs + 900_000,
    status: 'ok',
    statusMessage: null,
    error: null,
    serviceName: 'bench',
    operation: null,
    model: null,
    provider: null,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    cost: null,
    costEstimated: false,
    input: { type: 'text', text: `How do refunds work for order ${serial}?` },
    output: {
      type: 'text',
      text:
        serial % 3 === 0
          ? `{"answer": "refund within 30 days", "order": ${serial}}`
          : 'Refunds take 30 days.',
    },
    documents: null,
    toolName: null,
    toolCallId: null,
    toolArgs: null,
    toolResult: null,
    agentName: null,
    sessionId: null,
    userId: null,
    promptName: 'support',
    promptVersion: String(1 + (serial % 2)),
    releaseId: `support-bot@${1 + (serial % 2)}`,
    tags: [],
    rawAttributes: {},
    resourceAttributes: {},
    scopeName: null,
    ...overrides,
  });
  const root = span('1', {});
  return [
    span('2', { parentSpanId: root.spanId, name: 'retrieve', kind: 'retrieval', output: null }),
    span('3', { parentSpanId: root.spanId, name: 'chat', kind: 'llm', model: 'gpt-4o-mini' }),
    root,
  ];
}

async function seed(total, ageMs) {
  for (let done = 0; done < total; done += 1000) {
    await store.insertSpans(
      'bench',
      Array.from({ length: Math.min(1000, total - done) }, () => trace(ageMs)).flat(),
    );
  }
}

// Online evaluation: one rule, three deterministic evaluators, every trace sampled.
await new OnlineEvalService(store).create('bench', {
  name: 'bench-rule',
  evaluators: [
    { name: 'json-valid' },
    { name: 'contains', settings: { values: ['refund', '30 days'] } },
    { name: 'levenshtein', settings: { value: 'Refunds take 30 days.' } },
  ],
});
await seed(count, 60_000);
await store.jobs.enqueue({ projectId: 'bench', kind: 'online-eval.run' });
const runner = new JobRunner({ store }).register(
  'online-eval.run',
  createOnlineEvalJob({ maxTracesPerRun: count }),
);
let started = performance.now();
await runner.tick();
const evalSeconds = (performance.now() - started) / 1000;
const scores = (await store.scores.listScores('bench', { source: 'online', limit: 10 * count })).length;
console.log(
  `online evaluation: ${count.toLocaleString('en')} traces, ${scores.toLocaleString('en')} scores in ${evalSeconds.toFixed(1)} s` +
    ` = ${Math.round(count / evalSeconds).toLocaleString('en')} traces/s`,
);

/** Stores one small trace after yielding a turn (as a request arriving between two sweep batches); ms. */
async function ingestOne() {
  const batch = trace(1000);
  const before = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  await store.insertSpans('bench', batch);
  return performance.now() - before;
}
const summarize = (latencies) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  return `${sorted.length} batches, wait p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
};
const idle = [];
for (let index = 0; index < 200; index += 1) idle.push(await ingestOne());
console.log(`ingestion without a sweep: ${summarize(idle)}`);

// Retention: as many traces again, 90 days old, swept while small batches keep arriving.
await seed(count, 90 * day);
await store.retention.set('bench', 30);
const ingestLatencies = [];
let sweeping = true;
started = performance.now();
const sweep = sweepRetention(store, 'bench', new AbortController().signal).finally(() => {
  sweeping = false;
});
while (sweeping) ingestLatencies.push(await ingestOne());
const swept = await sweep;
const sweepSeconds = (performance.now() - started) / 1000;
console.log(
  `retention sweep: ${swept.traces.toLocaleString('en')} traces (${swept.spans.toLocaleString('en')} spans) deleted in ` +
    `${sweepSeconds.toFixed(1)} s = ${Math.round(swept.traces / sweepSeconds).toLocaleString('en')} traces/s`,
);
console.log(`ingestion during the sweep: ${summarize(ingestLatencies)}`);
await store.close();
if (!values.db) fs.rmSync(path.dirname(file), { recursive: true, force: true });
