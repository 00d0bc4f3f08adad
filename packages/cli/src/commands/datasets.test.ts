import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptySpan } from '@sextant/core';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-datasets-cli-'));
let server: RunningServer;
let store: Store;

/** Runs the CLI in-process against the live server, capturing what it prints. */
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);

const file = (name: string, text: string) => {
  const target = path.join(root, name);
  fs.writeFileSync(target, text);
  return target;
};

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  server = await startServer({ store, port: 0, logError: () => {} });
  live.url = server.url;
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const trickyCsv =
  'id,question,context,answer,source,split\r\n' +
  'q1,"What is 1,000 + 1?",arithmetic,"1,001",book,train\r\n' +
  'q2,"She said ""hi"", then left","line one\r\nline two",hi,"web, forum",test\r\n' +
  'q3,plain,,"""quoted answer""",,train\r\n';

describe('sextant datasets', () => {
  it('creates a dataset and imports a CSV with tricky quoting, printing progress', async () => {
    expect((await sextant('datasets', 'create', 'qa', '--description', 'FAQ')).code).toBe(0);
    const imported = await sextant(
      'datasets',
      'import',
      'qa',
      file('qa.csv', trickyCsv),
      '--input',
      'question,context',
      '--expected',
      'answer',
      '--metadata',
      'source',
      '-m',
      'first import',
    );
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/importing qa: 3 rows \([\d,]+ rows\/s\)\n$/);
    expect(imported.stdout).toMatch(
      /^imported 3 rows into qa version 1 \(3 items\) in [\d.]+ s, [\d,]+ rows\/s/,
    );

    const items = await sextant('datasets', 'items', 'qa', '--json');
    expect(JSON.parse(items.stdout).items).toEqual([
      {
        id: 'q1',
        input: { question: 'What is 1,000 + 1?', context: 'arithmetic' },
        expectedOutput: '1,001',
        metadata: { source: 'book' },
        split: 'train',
        version: 1,
      },
      {
        id: 'q2',
        input: { question: 'She said "hi", then left', context: 'line one\r\nline two' },
        expectedOutput: 'hi',
        metadata: { source: 'web, forum' },
        split: 'test',
        version: 1,
      },
      {
        id: 'q3',
        input: { question: 'plain', context: '' },
        expectedOutput: '"quoted answer"',
        metadata: { source: '' },
        split: 'train',
        version: 1,
      },
    ]);
    const table = await sextant('datasets', 'items', 'qa', '--split', 'test');
    expect(table.stdout).toMatch(/^ID\s+SPLIT\s+INPUT\s+EXPECTED\nq2\s+test\s+\{"question":"She said/);
  });

  it('imports JSONL as a new version and shows versions and splits', async () => {
    const jsonl = `${[
      {
        id: 'j1',
        input: { messages: [{ role: 'user', content: 'hi' }] },
        expectedOutput: 'hello',
        split: 'validation',
      },
      { input: 'no id, no split', expected_output: 42, metadata: { difficulty: 'easy' } },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n')}\n`;
    const imported = await sextant('datasets', 'import', 'qa', file('more.jsonl', jsonl));
    expect(imported.stdout).toMatch(/^imported 2 rows into qa version 2 \(5 items\)/);
    const shown = await sextant('datasets', 'show', 'qa');
    expect(shown.stdout).toContain(
      'qa  version 2, 5 items\nFAQ\nsplits: test 1, train 2, validation 1, (none) 1',
    );
    expect(shown.stdout).toMatch(
      /VERSION\s+ITEMS\s+ADDED.*\n2\s+5\s+2\s+0\s+0\s+.*\n1\s+3\s+3\s+0\s+0\s+\S+ \S+\s+first import/,
    );
    const list = await sextant('datasets', 'list');
    expect(list.stdout).toMatch(/qa\s+2\s+5\s+/);
  });

  it('refuses a malformed file naming the line, leaving the dataset unchanged', async () => {
    const broken = await sextant(
      'datasets',
      'import',
      'qa',
      file('broken.jsonl', '{"input": 1}\n{"input": 2\n'),
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/400 from .*: line 2: not valid JSON.*nothing was imported/);
    const unknownColumn = await sextant(
      'datasets',
      'import',
      'qa',
      file('x.csv', 'a,b\n1,2\n'),
      '--input',
      'question',
    );
    expect(unknownColumn.stderr).toMatch(/line 1: the header has no column 'question'; columns: a, b/);
    expect((await sextant('datasets', 'show', 'qa', '--json')).stdout).toContain('"latestVersion": 2');
  });

  it('exports a version as JSONL to stdout and as CSV to a file', async () => {
    const jsonl = await sextant('datasets', 'export', 'qa@1');
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(['q1', 'q2', 'q3']);
    const target = path.join(root, 'export.csv');
    const csv = await sextant('datasets', 'export', 'qa', '--format', 'csv', '--split', 'test', '-o', target);
    expect(csv.code).toBe(0);
    expect(fs.readFileSync(target, 'utf8')).toBe(
      'id,input,expected_output,metadata,split\n' +
        'q2,"{""question"":""She said \\""hi\\"", then left"",""context"":""line one\\r\\nline two""}",hi,"{""source"":""web, forum""}",test\n',
    );
  });

  it('adds an item from a trace with an edited expected output', async () => {
    const traceId = 'ab'.repeat(16);
    await store.insertSpans('alpha', [
      {
        ...emptySpan({ traceId, spanId: 'cd'.repeat(8), name: 'answer', startTimeUs: 1, endTimeUs: 2 }),
        input: { type: 'text', text: 'Where is my order?' },
        output: { type: 'text', text: 'It shipped.' },
        model: 'gpt-4o-mini',
      },
    ]);
    const added = await sextant(
      'datasets',
      'add-from-trace',
      'qa',
      traceId,
      '--expected',
      'It shipped on Monday.',
      '--split',
      'test',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^added item \S+ to qa version 3\n {2}input: {4}Where is my order\?\n {2}expected: It shipped on Monday\./,
    );
    const items = JSON.parse((await sextant('datasets', 'items', 'qa', '--split', 'test', '--json')).stdout);
    expect(items.items.at(-1).metadata).toMatchObject({
      traceId,
      spanId: 'cd'.repeat(8),
      model: 'gpt-4o-mini',
    });
  });
});
