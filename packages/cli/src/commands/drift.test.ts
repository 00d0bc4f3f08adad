import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptySpan } from '@sextant/core';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';
import { parseReference } from './drift.js';

const live = { url: '', key: '' };
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-drift-cli-'));
let server: RunningServer;
let store: Store;
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);
const day = 24 * 3600_000;
const now = Date.now();

const billing = [
  'Why was I charged twice this month?',
  'How do I update the card you bill me on?',
  'Can I get a copy of last month invoice?',
  'Why did my bill go up?',
  'Do you charge VAT in Germany?',
  'Can I pay by bank transfer?',
  'How do refunds work after a downgrade?',
  'Where do I download my receipts?',
];
const crashes = [
  'The iPhone app crashes as soon as I open it',
  'The Android app is stuck on the splash screen',
  'The app freezes when I upload a photo',
  'The app crashes when I rotate my phone',
  'After the update the app shows a white screen',
  'The tablet app crashes on startup',
  'The app crashes when I open an attachment',
  'Push notifications crash the app',
];

function span(text: string, time: number) {
  return {
    ...emptySpan({
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      name: 'answer',
      startTimeUs: time * 1000,
      endTimeUs: (time + 400) * 1000,
    }),
    input: { type: 'text' as const, text },
  };
}

beforeAll(async () => {
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('cli');
  live.key = (await projects.createApiKey('cli', 'test')).key;
  // Reference: billing only, three days ago. Current (last day): the app crashing.
  await store.insertSpans('cli', [
    ...[...billing, ...billing].map((text, index) =>
      span(`${text} (${index})`, now - 3 * day + index * 60_000),
    ),
    ...[...crashes, ...crashes].map((text, index) =>
      span(`${text} (${index})`, now - day / 2 + index * 60_000),
    ),
  ]);
  server = await startServer({ store, port: 0, jobs: false, logError: () => {} });
  live.url = server.url;
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('sextant drift', () => {
  it('parses references and rejects bad ones with the accepted forms', () => {
    expect(parseReference('dataset:golden@3')).toEqual({ type: 'dataset', name: 'golden', version: 3 });
    expect(parseReference('release:bot@3:14')).toEqual({ type: 'release', releaseId: 'bot@3', days: 14 });
    expect(parseReference('release:bot@3')).toEqual({ type: 'release', releaseId: 'bot@3', days: 7 });
    expect(parseReference('2026-01-01..2026-01-08')).toMatchObject({ type: 'range' });
    expect(() => parseReference('last week')).toThrow(
      /use dataset:NAME\[@VERSION\], release:ID\[:DAYS\] or START..END/,
    );
  });

  it('creates a monitor, runs it, lists and shows the report', async () => {
    const start = new Date(now - 4 * day).toISOString();
    const end = new Date(now - 2 * day).toISOString();
    const created = await sextant(
      'drift',
      'create',
      'support',
      '--reference',
      `${start}..${end}`,
      '--every',
      '60',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/created drift monitor dm_\S+ \(support\)/);
    const monitors = await sextant('drift', 'monitors');
    expect(monitors.stdout).toMatch(/support\s+.*\s+last 24 h\s+input\s+every 60 min/);

    const run = await sextant('drift', 'run', 'support');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^support: DRIFT/);
    expect(run.stdout).toMatch(/reference: date range, 16 texts \| current: last 24 h, 16 texts/);
    expect(run.stdout).toMatch(/embeddings\s+maximum-mean-discrepancy\s+\S+\s+<?0\.\d+/);
    expect(run.stdout).toMatch(/TOPIC\s+REFERENCE\s+CURRENT\s+CHANGE/);

    const listed = await sextant('drift', 'list', '--monitor', 'support', '--json');
    const reports = JSON.parse(listed.stdout) as Array<{ id: string; drifted: boolean }>;
    expect(reports).toHaveLength(1);
    expect(reports[0]?.drifted).toBe(true);
    const shown = await sextant('drift', 'show', reports[0]?.id ?? '');
    expect(shown.stdout).toMatch(/FEATURE\s+TEST\s+STATISTIC\s+P\s+P \(HOLM\)\s+EFFECT\s+DRIFT/);
    expect(shown.stdout).toMatch(/text\.characters\s+kolmogorov-smirnov/);
  });

  it('names the monitors it knows when asked for one that does not exist', async () => {
    const run = await sextant('drift', 'run', 'nope');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no drift monitor 'nope'; monitors: support/);
  });
});
