import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

const live = { url: '', key: '' };
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-reviews-cli-'));
let server: RunningServer;
let store: Store;
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);
const traces = Array.from({ length: 12 }, (_, index) => index.toString(16).padStart(32, 'b'));
const human = traces.map((_, index) => (index % 3 === 0 ? 0 : 1));

beforeAll(async () => {
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('cli');
  live.key = (await projects.createApiKey('cli', 'test')).key;
  server = await startServer({ store, port: 0, jobs: false, logError: () => {} });
  live.url = server.url;
  const now = new Date();
  await store.reviews.putScoreConfig('cli', { name: 'helpful', type: 'boolean', description: '' });
  await store.scores.putScores('cli', [
    ...traces.map((traceId, index) => ({
      id: `h${index}`,
      traceId,
      name: 'helpful',
      value: human[index] ?? 0,
      source: 'human' as const,
      author: 'ana',
      createdAt: now,
    })),
    ...traces.map((traceId, index) => ({
      id: `j${index}`,
      traceId,
      name: 'judge',
      // Version 1 agrees with people on all but one trace.
      value: index === 1 ? 0 : (human[index] ?? 0),
      source: 'online' as const,
      evaluatorName: 'judge',
      evaluatorVersion: '1',
      createdAt: now,
    })),
  ]);
  await store.reviews.createQueue('cli', {
    id: 'support',
    description: '',
    kind: 'pointwise',
    scoreNames: ['helpful'],
    requiredReviewers: 2,
  });
  await store.reviews.addItems('cli', 'support', [{ id: 'i1', source: 'api', input: 'q', output: 'a' }]);
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('sextant reviews and judges', () => {
  it('lists and shows queues', async () => {
    const listed = await sextant('reviews', 'list');
    expect(listed.stdout).toMatch(/support\s+pointwise\s+0\/1\s+2/);
    const shown = await sextant('reviews', 'show', 'support');
    expect(shown.stdout).toContain('support (pointwise): 0/1 items done, 2 reviewer(s) per item');
    expect((await sextant('reviews', 'show', 'nope')).stderr).toMatch(/review queue 'nope' not found/);
  });

  it('calibrates a judge and fails --require-trusted when the bar is above its kappa', async () => {
    const trusted = await sextant(
      'judges',
      'calibrate',
      '--score',
      'helpful',
      '--judge',
      'judge',
      '--require-trusted',
    );
    expect(trusted.code).toBe(0);
    // 11 of 12 agree: po = 11/12; people 8 yes / 4 no, judge 7 yes / 5 no -> pe = (8·7 + 4·5)/144, kappa = 0.8235.
    expect(trusted.stdout).toMatch(/^1\s+yes\s+12\s+91\.7%\s+0\.82 \[/m);
    await store.reviews.putSettings('cli', { judgeAgreementBar: 0.9 });
    const strict = await sextant(
      'judges',
      'calibrate',
      '--score',
      'helpful',
      '--judge',
      'judge',
      '--require-trusted',
    );
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/v1: kappa 0.82 is below the project's bar of 0.9/);
  });
});
