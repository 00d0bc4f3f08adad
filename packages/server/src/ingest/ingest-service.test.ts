import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { traceQuerySchema } from '@sextant/core';
import { openSqliteStore } from '@sextant/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { otlpJson, randomSpanId, randomTraceId } from '../test-support/otlp-payload.js';
import { IngestService } from './ingest-service.js';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('IngestService group commit', () => {
  let directory: string;
  let store: ReturnType<typeof openSqliteStore>;
  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-ingest-'));
    store = openSqliteStore(path.join(directory, 'sextant.db'));
    await store.createProject({ id: 'alpha', name: 'Alpha' });
    await store.createProject({ id: 'beta', name: 'Beta' });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('stores several bodies of several projects in one transaction; a bad body fails alone', async () => {
    let turns = 0;
    // Counts the store writes: one call is one transaction.
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'insertPreparedSpans') return Reflect.get(target, property, receiver);
        return (batches: Parameters<typeof store.insertPreparedSpans>[0]) => {
          turns += 1;
          return target.insertPreparedSpans(batches);
        };
      },
    });
    const ingest = new IngestService(counting);
    const alphaTrace = randomTraceId();
    const betaTrace = randomTraceId();
    const spans = (traceId: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        traceId,
        spanId: randomSpanId(),
        name: `step ${index}`,
      }));
    const first = encode(otlpJson(spans(alphaTrace, 3)));
    const results = await ingest.ingestBodies([
      { projectId: 'alpha', format: 'json', body: first },
      { projectId: 'alpha', format: 'json', body: new TextEncoder().encode('{"resourceSpans": [') },
      { projectId: 'beta', format: 'json', body: encode(otlpJson(spans(betaTrace, 2))) },
      { projectId: 'alpha', format: 'json', body: first }, // the same batch re-sent in the same group
    ]);

    expect(turns).toBe(1);
    expect(results[0]).toEqual({ accepted: 3, rejected: 0, errorMessage: '' });
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toMatch(/json/i);
    expect(results[2]).toEqual({ accepted: 2, rejected: 0, errorMessage: '' });
    expect(results[3]).toEqual({ accepted: 3, rejected: 0, errorMessage: '' });
    // Idempotent across the group, and each project sees only its own spans.
    expect((await store.getTrace('alpha', alphaTrace))?.spans).toHaveLength(3);
    expect((await store.getTrace('beta', betaTrace))?.spans).toHaveLength(2);
    expect(await store.getTrace('beta', alphaTrace)).toBeNull();
  });

  it('reports a storage failure to every body of that project, and stores the other projects', async () => {
    // A store whose writes fail for one project only, as a full disk or a broken row might for one batch.
    const failing = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'insertPreparedSpans') return Reflect.get(target, property, receiver);
        return (batches: Parameters<typeof store.insertPreparedSpans>[0]) =>
          batches.some((batch) => batch.projectId === 'alpha')
            ? Promise.reject(new Error('disk full'))
            : target.insertPreparedSpans(batches);
      },
    });
    const ingest = new IngestService(failing);
    const results = await ingest.ingestBodies([
      { projectId: 'alpha', format: 'json', body: encode(otlpJson([{ name: 'lost' }])) },
      { projectId: 'beta', format: 'json', body: encode(otlpJson([{ name: 'kept' }])) },
      { projectId: 'alpha', format: 'json', body: encode(otlpJson([{ name: 'lost too' }])) },
    ]);
    expect(results.map((result) => (result instanceof Error ? result.message : result.accepted))).toEqual([
      'disk full',
      1,
      'disk full',
    ]);
    const page = await store.listTraces('beta', traceQuerySchema.parse({}));
    expect(page.traces.map((trace) => trace.name)).toEqual(['kept']);
  });
});
