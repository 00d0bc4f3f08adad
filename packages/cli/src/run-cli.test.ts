import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from './run-cli.js';
import { runSextant } from './test-support/run-sextant.js';

/** Runs the CLI in-process, capturing what it prints. */
const sextant = (...args: string[]) => runSextant(args);

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-cli-'));
const db = path.join(directory, 'cli.db');
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('sextant projects and keys (local admin)', () => {
  it('creates a project with a first key, lists it, and manages keys', async () => {
    const created = await sextant('projects', 'create', 'support-bot', '--name', 'Support bot', '--db', db);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created project 'support-bot'[\s\S]*sk-sx-/);

    const list = await sextant('projects', 'list', '--db', db);
    expect(list.stdout).toMatch(/support-bot\s+Support bot/);

    const key = await sextant('keys', 'create', '--project', 'support-bot', '--name', 'ci', '--db', db);
    expect(key.stdout.trim()).toMatch(/^sk-sx-[\w-]{43}$/);

    const keys = await sextant('keys', 'list', '--project', 'support-bot', '--db', db, '--json');
    const rows = JSON.parse(keys.stdout) as { id: string; name: string }[];
    expect(rows.map((row) => row.name)).toEqual(['first key', 'ci']);
    expect(keys.stdout).not.toContain(key.stdout.trim());

    expect((await sextant('keys', 'revoke', rows[1]!.id, '--project', 'support-bot', '--db', db)).code).toBe(
      0,
    );
    const after = await sextant('keys', 'list', '--project', 'support-bot', '--db', db);
    expect(after.stdout).toMatch(/ci\s+.*revoked/);
  });

  it('fails with a clear message and exit code 1 on bad values', async () => {
    const duplicate = await sextant('projects', 'create', 'support-bot', '--db', db);
    expect(duplicate).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
    const invalid = await sextant('projects', 'create', 'Not Valid!', '--db', db);
    expect(invalid).toMatchObject({ code: 1, stderr: expect.stringMatching(/lowercase letters/) });
    const unknown = await sextant('keys', 'create', '--project', 'nope', '--db', db);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/'nope' does not exist; projects: support-bot/),
    });
  });

  it('exits 2 on a wrong command line', async () => {
    expect((await sextant('no-such-command')).code).toBe(2);
    expect((await sextant('serve', '--port', 'eighty')).code).toBe(2);
    expect((await sextant('keys', 'create')).code).toBe(2);
  });
});

describe('sextant traces (against a live server)', () => {
  const live = { url: '', keyA: '' };
  let server: RunningServer;
  let store: Store;
  const traceId = 'ab'.repeat(16);
  beforeAll(async () => {
    store = openSqliteStore(path.join(directory, 'server.db'));
    const projects = new ProjectService(store);
    await projects.createProject('alpha');
    live.keyA = (await projects.createApiKey('alpha', 'test')).key;
    server = await startServer({ store, port: 0 });
    live.url = server.url;
    const now = BigInt(Date.now()) * 1_000_000n;
    const span = (
      spanId: string,
      name: string,
      parent: string,
      attributes: Record<string, string | number>,
    ) => ({
      traceId,
      spanId,
      parentSpanId: parent,
      name,
      kind: 1,
      startTimeUnixNano: String(now),
      endTimeUnixNano: String(now + 250_000_000n),
      attributes: Object.entries(attributes).map(([key, value]) => ({
        key,
        value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
      })),
    });
    const response = await fetch(`${live.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${live.keyA}` },
      body: JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  span('1'.repeat(16), 'answer question', '', {
                    'sextant.span.kind': 'chain',
                    'sextant.input': '"How do refunds work?"',
                  }),
                  span('2'.repeat(16), 'chat gpt-4o', '1'.repeat(16), {
                    'gen_ai.operation.name': 'chat',
                    'gen_ai.request.model': 'gpt-4o',
                    'gen_ai.usage.input_tokens': 30,
                    'gen_ai.usage.output_tokens': 8,
                  }),
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('lists traces as a table', async () => {
    const result = await sextant('traces', 'list', '--url', live.url, '--api-key', live.keyA);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/TRACE ID\s+NAME/);
    expect(result.stdout).toMatch(new RegExp(`${traceId}\\s+answer question\\s+250 ms\\s+2\\s+38`));
  });

  it('filters with full-text search', async () => {
    const hit = await sextant(
      'traces',
      'list',
      '--url',
      live.url,
      '--api-key',
      live.keyA,
      '-q',
      'refunds',
      '--json',
    );
    expect((JSON.parse(hit.stdout) as { traces: unknown[] }).traces).toHaveLength(1);
    const miss = await sextant(
      'traces',
      'list',
      '--url',
      live.url,
      '--api-key',
      live.keyA,
      '-q',
      'shipping',
      '--json',
    );
    expect((JSON.parse(miss.stdout) as { traces: unknown[] }).traces).toHaveLength(0);
  });

  it('shows one trace as a span tree', async () => {
    const result = await sextant('traces', 'show', traceId, '--url', live.url, '--api-key', live.keyA);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Trace ${traceId}  answer question`);
    expect(result.stdout).toMatch(
      /answer question \[chain\][\s\S]*└─ chat gpt-4o \[llm\] · 250 ms · gpt-4o · 30→8 tokens/,
    );
  });

  it('says what to do when the server is unreachable, the key is missing, or the trace is unknown', async () => {
    const down = await sextant('traces', 'list', '--url', 'http://127.0.0.1:1', '--api-key', live.keyA);
    expect(down).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot reach Sextant at http:\/\/127.0.0.1:1.*sextant serve/),
    });
    const saved = process.env.SEXTANT_API_KEY;
    delete process.env.SEXTANT_API_KEY;
    const noKey = await sextant('traces', 'list', '--url', live.url);
    process.env.SEXTANT_API_KEY = saved;
    expect(noKey).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--api-key or set SEXTANT_API_KEY/),
    });
    const unknown = await sextant(
      'traces',
      'show',
      'cd'.repeat(16),
      '--url',
      live.url,
      '--api-key',
      live.keyA,
    );
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/404.*not found/) });
  });
});

describe('--help', () => {
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  const paths = all(buildProgram()).map((command) => {
    const names: string[] = [];
    for (let current: Command | null = command; current?.parent; current = current.parent)
      names.unshift(current.name());
    return names;
  });

  it.each(paths.map((names) => [names.join(' ') || '(root)', names] as const))(
    '%s --help explains usage',
    async (_label, names) => {
      const result = await sextant(...names, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: sextant/);
      expect(result.stdout).toMatch(/Options:/);
    },
  );
});
