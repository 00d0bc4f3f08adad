import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetItemInputSchema, metricsQuerySchema, traceQuerySchema } from '@sextant/core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSpan } from '../contract/store-contract.suite.js';
import { openPostgresStore } from '../postgres/postgres-store.js';
import { postgresForTests } from '../postgres/test-database.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { copySqliteToPostgres } from './copy-sqlite-to-postgres.js';

const postgres = postgresForTests();
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-migrate-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const actor = { user: 'alice', apiKeyId: null, apiKeyName: null };

/** A store with something in most tables, written through the public Store API only. */
async function filledSqliteStore(file: string) {
  const store = openSqliteStore(file);
  await store.createProject({ id: 'p', name: 'P' });
  await store.createApiKey({ id: 'k1', projectId: 'p', name: 'ci', prefix: 'sk-sx-abcd', keyHash: 'hash-1' });
  const root = makeSpan({
    name: 'answer',
    tags: ['prod', 'beta'],
    sessionId: 's1',
    input: { type: 'text', text: 'How do refunds work?' },
  });
  const call = makeSpan({
    traceId: root.traceId,
    parentSpanId: root.spanId,
    kind: 'llm',
    model: 'gpt-4o',
    inputTokens: 12,
    cost: 0.25,
    output: { type: 'text', text: 'Refunds take five days' },
  });
  const spans = [
    root,
    call,
    ...Array.from({ length: 40 }, (_, index) => makeSpan({ name: `t${index % 5}` })),
  ];
  await store.insertSpans('p', spans);
  await store.prompts.createVersion('p', {
    name: 'greet',
    definition: { type: 'text', template: 'Hi' } as never,
    contentHash: 'h1',
    commitMessage: 'first',
    actor,
    labels: ['production'],
  });
  await store.datasets.create('p', { name: 'qa', description: 'questions' });
  await store.datasets.applyChanges('p', 'qa', {
    upsert: [1, 2, 3].map((n) => datasetItemInputSchema.parse({ id: `i${n}`, input: { n }, split: 'test' })),
  });
  await store.datasets.applyChanges('p', 'qa', { delete: ['i2'] });
  await store.scores.putScores('p', [
    {
      id: 'sc1',
      traceId: root.traceId,
      name: 'helpful',
      value: 1,
      passed: true,
      source: 'api',
      createdAt: new Date(),
    },
  ]);
  await store.jobs.enqueue({ projectId: 'p', kind: 'demo', payload: { a: 1 } });
  await store.audit.append({
    projectId: 'p',
    actor: 'key ci',
    action: 'prompt.create',
    targetType: 'prompt',
    targetId: 'greet',
  });
  await store.close();
  return { root, spans };
}

describe.skipIf(!postgres.available)('sextant db migrate: SQLite to PostgreSQL', () => {
  it('copies every table, verifies counts and checksums, and the copy answers like the original', async () => {
    const file = path.join(directory, 'full.db');
    const { root, spans } = await filledSqliteStore(file);
    const location = `${postgres.url()}?schema=${postgres.freshSchema()}`;
    const progress: string[] = [];
    const results = await copySqliteToPostgres(file, location, {
      onProgress: (step) => progress.push(step.table),
    });
    expect(results.every((result) => result.matches)).toBe(true);
    const byTable = Object.fromEntries(results.map((result) => [result.table, result]));
    expect(byTable.spans).toMatchObject({ sourceRows: spans.length, targetRows: spans.length });
    expect(byTable.dataset_items?.targetRows).toBe(3);
    expect(byTable.prompt_label_events?.targetRows).toBe(1);
    expect(progress).toContain('traces');

    const copy = openPostgresStore(location);
    try {
      const original = openSqliteStore(file);
      const query = traceQuerySchema.parse({ limit: 100 });
      expect((await copy.listTraces('p', query)).traces).toEqual(
        (await original.listTraces('p', query)).traces,
      );
      expect(await copy.getTrace('p', root.traceId)).toEqual(await original.getTrace('p', root.traceId));
      // The dashboard's trace rollup is rebuilt from the copied traces.
      const metrics = metricsQuerySchema.parse({
        from: new Date(0),
        to: new Date(),
        bucket: 'day',
        groupBy: 'name',
      });
      expect((await copy.queryMetrics('p', metrics)).points).toEqual(
        (await original.queryMetrics('p', metrics)).points,
      );
      expect((await copy.queryMetrics('p', metrics)).points.length).toBeGreaterThan(0);
      await original.close();
      // The search index is rebuilt on the target from the copied span texts.
      const found = await copy.listTraces('p', traceQuerySchema.parse({ q: 'refund' }));
      expect(found.traces.map((trace) => trace.traceId)).toEqual([root.traceId]);
      // SQLite keeps a trace's kinds as a column; the kind and model filters' rows are rebuilt.
      for (const filter of [{ kind: 'llm' }, { model: 'gpt-4o' }]) {
        const filtered = await copy.listTraces('p', traceQuerySchema.parse(filter));
        expect(filtered.traces.map((trace) => trace.traceId)).toEqual([root.traceId]);
      }
      expect((await copy.prompts.get('p', 'greet'))?.labels).toEqual({ production: 1 });
      const items = await copy.datasets.listItems('p', 'qa', { limit: 10 });
      expect(items.items.map((item) => item.id)).toEqual(['i1', 'i3']);
      expect((await copy.datasets.listItems('p', 'qa', { version: 1, limit: 10 })).items).toHaveLength(3);
      expect((await copy.findApiKeyByHash('hash-1'))?.projectId).toBe('p');
      // Serial columns continue after the copied ids.
      await copy.audit.append({ projectId: 'p', actor: 'x', action: 'a', targetType: 't', targetId: '1' });
      expect((await copy.audit.list('p')).map((entry) => entry.id)).toEqual([2, 1]);
    } finally {
      await copy.close();
    }
  });

  it('refuses a target that already holds data unless forced, then replaces it', async () => {
    const file = path.join(directory, 'again.db');
    await filledSqliteStore(file);
    const location = `${postgres.url()}?schema=${postgres.freshSchema()}`;
    await copySqliteToPostgres(file, location);
    await expect(copySqliteToPostgres(file, location)).rejects.toThrow(/already holds data .*--force/);
    const forced = await copySqliteToPostgres(file, location, { force: true });
    expect(forced.every((result) => result.matches && result.sourceRows === result.targetRows)).toBe(true);
  });
});
