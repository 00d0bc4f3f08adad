import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';
import { parseEvaluatorOption } from './evals.js';

const live = { url: '', key: '' };
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-evals-cli-'));
let server: RunningServer;
let store: Store;
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);

beforeAll(async () => {
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('cli');
  live.key = (await projects.createApiKey('cli', 'test')).key;
  server = await startServer({ store, port: 0, jobs: false, logError: () => {} });
  live.url = server.url;
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('sextant evals online', () => {
  it('parses evaluator options: JSON values, text, and | lists', () => {
    expect(parseEvaluatorOption('json-valid')).toEqual({ name: 'json-valid', settings: {} });
    expect(parseEvaluatorOption('contains:values=sorry|apologize,mode=none,ignoreCase=true')).toEqual({
      name: 'contains',
      settings: { values: ['sorry', 'apologize'], mode: 'none', ignoreCase: true },
    });
    expect(() => parseEvaluatorOption('regex:^x$')).toThrow(/'\^x\$' is not key=value/);
  });

  it('creates, lists, disables and deletes rules', async () => {
    const created = await sextant(
      'evals',
      'online',
      'create',
      'polite',
      '--evaluator',
      'contains:values=sorry|apologize,mode=none,ignoreCase=true',
      '--evaluator',
      'json-valid',
      '--sample-rate',
      '10%',
      '--release',
      'support-bot@3',
      '--tag',
      'prod',
      '--target-kind',
      'llm',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /polite\s+yes\s+10%\s+releaseId=support-bot@3 tags=prod\s+llm\s+contains:/,
    );

    const [rule] = await store.onlineEvals.listRules('cli');
    expect(rule).toMatchObject({
      name: 'polite',
      sampleRate: 0.1,
      filter: { releaseId: 'support-bot@3', tags: ['prod'] },
      target: { kind: 'llm' },
      evaluators: [
        { name: 'contains', settings: { values: ['sorry', 'apologize'], mode: 'none', ignoreCase: true } },
        { name: 'json-valid', settings: {} },
      ],
    });

    expect((await sextant('evals', 'online', 'disable', 'polite')).stdout).toMatch(/disabled/);
    const listed = await sextant('evals', 'online', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject([{ name: 'polite', enabled: false }]);

    expect((await sextant('evals', 'online', 'delete', 'polite')).code).toBe(0);
    expect((await sextant('evals', 'online', 'list')).stdout).toMatch(/\(none\)/);
  });

  it('explains bad rules and leaves nothing behind', async () => {
    const unknown = await sextant('evals', 'online', 'create', 'x', '--evaluator', 'vibes');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown evaluator 'vibes'; online rules can use contains, regex/);
    const rate = await sextant(
      'evals',
      'online',
      'create',
      'x',
      '--evaluator',
      'json-valid',
      '--sample-rate',
      '3',
    );
    expect(rate.code).toBe(1);
    expect(rate.stderr).toMatch(/--sample-rate '3' is not a share from 0 to 1/);
    const missing = await sextant('evals', 'online', 'delete', 'nope');
    expect(missing.stderr).toMatch(/no online evaluation rule 'nope'/);
    expect(await store.onlineEvals.listRules('cli')).toEqual([]);
  });
});

describe('sextant retention', () => {
  it('shows, sets and turns off retention, refusing bad values', async () => {
    expect((await sextant('retention', 'show')).stdout).toMatch(/Retention is off/);
    expect((await sextant('retention', 'set', '30')).stdout).toMatch(/older than 30 days are deleted/);
    expect((await store.retention.get('cli')).days).toBe(30);
    const bad = await sextant('retention', 'set', '-5');
    expect(bad.code).not.toBe(0);
    expect((await sextant('retention', 'set', '0')).stderr).toMatch(/whole days from 1 to 3650, or 'off'/);
    expect((await sextant('retention', 'set', 'off')).stdout).toMatch(/Retention is off/);
    const audit = await store.audit.list('cli', { targetType: 'retention' });
    expect(audit.map((entry) => [entry.before, entry.after])).toEqual([
      [{ days: 30 }, { days: null }],
      [{ days: null }, { days: 30 }],
    ]);
  });
});
