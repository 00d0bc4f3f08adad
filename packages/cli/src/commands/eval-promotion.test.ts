import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

// CI flow against a live server: a label gated on a suite refuses a release version until
// `sextant eval --record` stored a passing gate run for it; an override needs a reason; rollback and history.

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-eval-promotion-'));
let server: RunningServer;
let store: Store;
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);
const api = (method: string, route: string, body: unknown) =>
  fetch(`${live.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  server = await startServer({ store, port: 0, logError: () => {} });
  live.url = server.url;
  await api('POST', '/api/prompts/answer/versions', {
    definition: { type: 'text', template: 'Sum {{a}} and {{b}}' },
  });
  for (const temperature of [0, 0.5]) {
    await api('POST', '/api/releases/calc/versions', {
      definition: { prompts: { answer: 1 }, parameters: { temperature } },
    });
  }
  await api('PUT', '/api/releases/calc/labels/production', { version: 1 });
  const items = Array.from({ length: 30 }, (_, index) => ({
    id: `s${index}`,
    input: { a: index, b: 2 },
    expected: String(index + 2),
  }));
  fs.writeFileSync(path.join(root, 'sums.jsonl'), items.map((item) => JSON.stringify(item)).join('\n'));
  fs.writeFileSync(path.join(root, 'calc.mjs'), 'export default async ({ a, b }) => String(a + b);\n');
  fs.writeFileSync(
    path.join(root, 'sextant.eval.yaml'),
    'suites:\n  - name: sums\n    dataset: { file: sums.jsonl }\n    task: { module: ./calc.mjs }\n' +
      '    evaluators: [{ name: equals }]\n    repeats: 2\n    gates: [{ kind: pass-rate, score: equals, atLeast: 0.85 }]\n',
  );
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant eval --record and gated promotion', () => {
  it('refuses the label until the gate passed for that version, then promotes; override, rollback, history', async () => {
    expect((await sextant('releases', 'gate', 'calc', 'production', 'sums')).stdout).toMatch(
      /production now requires passing gate runs of sums/,
    );
    const refused = await sextant('releases', 'label', 'calc', 'production', '2');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/409 .*version 2 cannot take label 'production'.*'sums' has no gate run/);

    const config = path.join(root, 'sextant.eval.yaml');
    const evaluated = await sextant('eval', '-c', config, '--no-progress', '--record', '--release', 'calc@2');
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/gate run gr_\w+ stored for sums/);

    const promoted = await sextant('releases', 'label', 'calc', 'production', '2');
    expect(promoted.stdout).toMatch(/calc: production v1 → v2/);
    const rolledBack = await sextant(
      'releases',
      'rollback',
      'calc',
      'production',
      '--reason',
      'latency spike',
    );
    expect(rolledBack.stdout).toMatch(/rolled back v2 → v1/);
    // v1 has no gate run: moving there again through the gate needs a reason.
    await sextant('releases', 'label', 'calc', 'production', '2');
    const override = await sextant(
      'releases',
      'label',
      'calc',
      'production',
      '1',
      '--reason',
      'pin old version for audit',
    );
    expect(override.code).toBe(0);
    const history = await sextant('releases', 'promotions', 'calc');
    expect(history.stdout).toMatch(/production\s+override\s+v2\s+v1.*pin old version for audit/);
    expect(history.stdout).toMatch(/production\s+rollback\s+v2\s+v1.*latency spike/);
    expect(history.stdout).toMatch(/production\s+promote\s+v1\s+v2.*gr_/);
  });

  it('runs a suite on a stored dataset as a traced experiment and links the gate run to it', async () => {
    await api('POST', '/api/datasets', { name: 'sums' });
    const items = Array.from({ length: 12 }, (_, index) => ({
      id: `d${index}`,
      input: { a: index, b: 1 },
      expectedOutput: String(index + 1),
    }));
    expect((await api('POST', '/api/datasets/sums/items', { items })).status).toBe(201);
    const config = path.join(root, 'stored.yaml');
    fs.writeFileSync(
      config,
      'suites:\n  - name: stored-sums\n    dataset: { name: sums }\n    task: { module: ./calc.mjs }\n' +
        '    evaluators: [{ name: equals }]\n    repeats: 2\n    gates: [{ kind: pass-rate, score: equals, atLeast: 0.7 }]\n',
    );
    const json = path.join(root, 'stored.json');
    const run = await sextant('eval', '-c', config, '--no-progress', '--record', '--json', json);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const experimentId = report.suites[0].results.experimentId as string;
    expect(experimentId).toBeTruthy();
    expect(report.suites[0].results.items[0].runs[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    const gateRunId = report.suites[0].gateRunId as string;
    const stored = await fetch(`${live.url}/api/gate-runs/${gateRunId}`, {
      headers: { authorization: `Bearer ${live.key}` },
    });
    expect(((await stored.json()) as { experimentId: string }).experimentId).toBe(experimentId);
    const experiment = await fetch(`${live.url}/api/experiments/${experimentId}`, {
      headers: { authorization: `Bearer ${live.key}` },
    });
    expect(experiment.status).toBe(200);
    expect(JSON.stringify(await experiment.json())).toMatch(/"repeats":2/);
  });

  it('starts, lists and stops a canary from the command line', async () => {
    await api('POST', '/api/prompts/greet/versions', {
      definition: { type: 'text', template: 'Hi {{name}}' },
      labels: ['production'],
    });
    await api('POST', '/api/prompts/greet/versions', {
      definition: { type: 'text', template: 'Hello {{name}}' },
    });
    const started = await sextant('canaries', 'start', 'greet', '2', '--share', '0.25', '--score', 'helpful');
    expect(started.stdout).toMatch(/canary can_\w+: 25% of greet@production on v2 \(baseline v1\)/);
    const id = /canary (can_\w+)/.exec(started.stdout)?.[1] ?? '';
    expect((await sextant('canaries', 'list')).stdout).toMatch(
      /greet@production v1→v2\s+no look yet\s+running/,
    );
    expect((await sextant('canaries', 'stop', id)).stdout).toBe(`canary ${id}: stopped\n`);
    const again = await sextant('canaries', 'start', 'greet', '1', '--score', 'helpful');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already points at version 1; a canary needs a different candidate version/);
  });
});
