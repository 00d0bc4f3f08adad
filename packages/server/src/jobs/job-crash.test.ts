import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CanonicalSpan, emptySpan, sampleTrace } from '@sextant/core';
import { openSqliteStore } from '@sextant/store';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { OnlineEvalService } from '../services/online-eval-service.js';

// The child runs the built packages (`npm test` builds first), as `sextant serve` would.
const serverScript = fileURLToPath(new URL('../test-support/job-server-process.js', import.meta.url));
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-job-crash-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function startChild(db: string) {
  const child = spawn(process.execPath, [serverScript, db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before it was ready:\n${errors}`)),
    );
  });
  return { child, exited, ready };
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function trace(index: number): CanonicalSpan {
  const id = (0xc4a5_0000 + index).toString(16);
  return {
    ...emptySpan({
      traceId: id.padStart(32, '0'),
      spanId: id.padStart(16, '0'),
      name: 'answer',
      startTimeUs: (Date.now() - 60_000) * 1000 + index,
      endTimeUs: (Date.now() - 60_000) * 1000 + index + 500,
    }),
    output: { type: 'text', text: index % 3 === 0 ? '{"refund": true}' : `plain answer number ${index}` },
  };
}

// Two server starts and a few thousand evaluated traces: more than the default 30 s on a busy machine.
describe('job crash safety', { timeout: 120_000 }, () => {
  it('a job in flight when the server is killed runs again after restart, and its scores are written once', async () => {
    const db = path.join(directory, 'sextant.db');
    const store = openSqliteStore(db);
    await store.createProject({ id: 'alpha', name: 'Alpha' });
    const rule = await new OnlineEvalService(store).create('alpha', {
      name: 'crash-rule',
      sampleRate: 0.5,
      evaluators: [
        { name: 'json-valid' },
        { name: 'contains', settings: { values: ['refund'] } },
        { name: 'levenshtein', settings: { value: '{"refund": true}' } },
      ],
    });
    const traces = Array.from({ length: 3000 }, (_, index) => trace(index));
    for (let start = 0; start < traces.length; start += 1000) {
      await store.insertSpans('alpha', traces.slice(start, start + 1000));
    }
    const job = await store.jobs.enqueue({ projectId: 'alpha', kind: 'online-eval.run' });
    await store.close();
    const expected = traces.filter((span) => sampleTrace(span.traceId, rule.sampleRate)).length * 3;

    const watch = new Database(db, { readonly: true });
    const scoreCount = () => (watch.prepare('SELECT count(*) AS n FROM scores').get() as { n: number }).n;
    const jobRow = () =>
      watch.prepare('SELECT status, attempts FROM jobs WHERE id = ?').get(job.id) as {
        status: string;
        attempts: number;
      };

    const first = startChild(db);
    await first.ready;
    await waitFor(() => scoreCount() > 0, 20_000, 'the first server wrote no score');
    first.child.kill('SIGKILL'); // no shutdown hook runs: the job stays leased to a dead worker
    await first.exited;
    const atCrash = scoreCount();
    expect(jobRow()).toEqual({ status: 'running', attempts: 1 });
    expect(atCrash, 'the job finished before the kill; the test needs a longer job').toBeLessThan(expected);

    const second = startChild(db);
    await second.ready;
    await waitFor(
      () => jobRow().status === 'succeeded',
      30_000,
      'the restarted server did not finish the job',
    );
    second.child.kill('SIGTERM');
    await second.exited;

    expect(jobRow()).toEqual({ status: 'succeeded', attempts: 2 });
    expect(scoreCount()).toBe(expected);
    const perTraceAndName = watch
      .prepare('SELECT count(*) AS n FROM (SELECT DISTINCT trace_id, name FROM scores)')
      .get() as { n: number };
    expect(perTraceAndName.n).toBe(expected);
    watch.close();
  });
});
