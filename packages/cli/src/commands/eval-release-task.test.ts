import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from '../../../server/src/services/model-catalog-seed.js';
import { runSextant } from '../test-support/run-sextant.js';

// A suite whose task is a release run through the gateway: the release's prompt, rendered with each item's
// input, answered by the built-in extractive baseline model (offline sentence encoder, no network).

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-eval-release-'));
let server: RunningServer;
let store: Store;
const api = async (method: string, route: string, body: unknown) => {
  const response = await fetch(`${live.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
};

const facts = [
  ['refunds', 'How long do refunds take?', 'Refunds are paid within five business days.'],
  ['shipping', 'What does shipping cost?', 'Shipping is free for orders over fifty euros.'],
  ['support', 'When is support open?', 'Support answers on weekdays from nine to five.'],
];
const context = facts.map(([, , sentence]) => sentence).join(' ');

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  await seedCatalogIfEmpty(store);
  server = await startServer({ store, port: 0, logError: () => {} });
  live.url = server.url;
  await api('POST', '/api/prompts/answer/versions', {
    definition: {
      type: 'chat',
      messages: [{ role: 'user', content: 'Context: {{context}}\nQuestion: {{question}}' }],
      config: { model: 'sextant/extractive-baseline' },
    },
  });
  await api('POST', '/api/releases/support-bot/versions', {
    definition: { prompts: { answer: 1 } },
    labels: ['production'],
  });
  const items = facts.map(([id, question, sentence]) => ({
    id,
    input: { question, context },
    expected: sentence,
  }));
  fs.writeFileSync(path.join(root, 'faq.jsonl'), items.map((item) => JSON.stringify(item)).join('\n'));
  fs.writeFileSync(
    path.join(root, 'sextant.eval.yaml'),
    'suites:\n  - name: faq\n    dataset: { file: faq.jsonl }\n    task: { release: support-bot, label: production }\n' +
      '    evaluators: [{ name: contains }]\n    repeats: 2\n    seed: 11\n' +
      '    gates: [{ kind: pass-rate, score: contains, atLeast: 0.3 }]\n',
  );
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant eval with a release task', () => {
  it('runs each item through the gateway with the release prompt and records the release on the results', async () => {
    const json = path.join(root, 'results.json');
    const run = await runSextant([
      'eval',
      '-c',
      path.join(root, 'sextant.eval.yaml'),
      '--no-progress',
      '--json',
      json,
      '--url',
      live.url,
      '--api-key',
      live.key,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(fs.readFileSync(json, 'utf8')).suites[0].results;
    expect(results.release).toEqual({ name: 'support-bot', version: 1 });
    const refunds = results.items.find((item: { itemId: string }) => item.itemId === 'refunds');
    expect(refunds.runs).toHaveLength(2);
    expect(refunds.runs[0].output).toContain('five business days');
    expect(refunds.runs[0].scores.contains.value).toBe(1);
  }, 60_000);
});
