// Seeds a store through the Store contract with realistic GenAI traces spread over the last 7 days:
// one chain root, a retrieval, two model calls and a tool call per trace (5 spans), some failing.
import { emptySpan } from '@sextant/core';
import { ProjectService } from '@sextant/server';
import { openStore } from '@sextant/store';

const models = ['gpt-4o-mini', 'gpt-4o', 'claude-3-5-haiku', 'gemini-2.0-flash'];
const topics = ['refund policy', 'shipping times', 'password reset', 'invoice download', 'api rate limits'];
const hex = (value, length) => value.toString(16).padStart(length, '0');

function traceSpans(index, startUs) {
  const traceId = hex(0xbe0c, 8) + hex(index, 24);
  const span = (slot, fields) => ({
    ...emptySpan({
      traceId,
      spanId: hex(index * 8 + slot + 1, 16),
      name: fields.name,
      startTimeUs: fields.start,
      endTimeUs: fields.end,
    }),
    ...fields,
  });
  const topic = topics[index % topics.length];
  const model = models[index % models.length];
  const failed = index % 37 === 0;
  const rootEnd = startUs + 400_000 + (index % 97) * 20_000;
  const root = span(0, {
    name: 'answer question',
    kind: 'chain',
    start: startUs,
    end: rootEnd,
    parentSpanId: null,
    status: failed ? 'error' : 'ok',
    sessionId: `session-${index % 5000}`,
    userId: `user-${index % 700}`,
    tags: index % 3 === 0 ? ['beta'] : ['stable'],
    input: { type: 'text', text: `Question ${index} about ${topic}?` },
    output: { type: 'text', text: `Answer ${index}: here is what our ${topic} says.` },
  });
  const child = (slot, fields) => span(slot, { parentSpanId: root.spanId, ...fields });
  return [
    root,
    child(1, {
      name: 'retrieve documents',
      kind: 'retrieval',
      start: startUs + 1000,
      end: startUs + 60_000,
      documents: [{ id: `doc-${index % 300}`, content: `Our ${topic} in detail.`, score: 0.82 }],
    }),
    child(2, {
      name: `chat ${model}`,
      kind: 'llm',
      model,
      provider: 'openai',
      start: startUs + 61_000,
      end: rootEnd - 100_000,
      inputTokens: 600 + (index % 400),
      outputTokens: 80 + (index % 120),
      cost: 0.0004 + (index % 10) * 0.0001,
      input: { type: 'messages', messages: [{ role: 'user', content: `Question ${index} about ${topic}?` }] },
      output: {
        type: 'messages',
        messages: [{ role: 'assistant', content: `Here is what our ${topic} says.` }],
      },
    }),
    child(3, {
      name: 'execute_tool lookup_order',
      kind: 'tool',
      toolName: 'lookup_order',
      start: rootEnd - 99_000,
      end: rootEnd - 60_000,
      status: failed ? 'error' : 'ok',
      error: failed ? { message: 'order service timed out' } : null,
    }),
    child(4, {
      name: `chat ${model}`,
      kind: 'llm',
      model,
      provider: 'openai',
      start: rootEnd - 59_000,
      end: rootEnd - 1000,
      inputTokens: 200,
      outputTokens: 40,
      cost: 0.0002,
    }),
  ];
}

/**
 * Opens (or reuses) a store with at least `spanCount` spans; returns a key for the `bench` project.
 * `location` is a SQLite file or a postgres:// URL.
 */
export async function seedStore(location, spanCount) {
  const store = openStore(location);
  const projects = new ProjectService(store);
  if (!(await store.getProject('bench'))) await projects.createProject('bench');
  const { key } = await projects.createApiKey('bench', 'bench');
  const started = performance.now();
  const existing = (
    await store.queryMetrics('bench', {
      from: new Date(0),
      to: new Date(Date.now() + 86_400_000),
      groupBy: 'none',
      bucketSeconds: 86_400 * 365 * 100,
    })
  ).points.reduce((sum, point) => sum + point.requests, 0);
  const traces = Math.ceil(spanCount / 5);
  const now = Date.now() * 1000;
  const spread = 7 * 86_400_000_000;
  for (let index = existing; index < traces; index += 200) {
    const batch = [];
    for (let offset = index; offset < Math.min(traces, index + 200); offset++) {
      batch.push(...traceSpans(offset, now - spread + Math.floor((offset / traces) * spread)));
    }
    await store.insertSpans('bench', batch);
    if (index % 20_000 === 0)
      process.stdout.write(
        `\rseeding ${(index * 5).toLocaleString('en')} / ${spanCount.toLocaleString('en')} spans`,
      );
  }
  process.stdout.write('\n');
  // PostgreSQL plans from table statistics; refresh them after a bulk load instead of waiting for autovacuum.
  if (store.pool) await store.pool.query('ANALYZE');
  await store.close();
  return { key, seededSpans: traces * 5, seedSeconds: (performance.now() - started) / 1000 };
}
