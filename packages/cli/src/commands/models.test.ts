import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../../../providers/src/test-support/test-model.js';
import { runSextant } from '../test-support/run-sextant.js';

const sextant = (...args: string[]) => runSextant(args);

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-cli-models-'));
const db = path.join(directory, 'models.db');
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('sextant models', () => {
  it('lists and filters the catalog in a readable table', async () => {
    const list = await sextant(
      'models',
      'list',
      '--provider',
      'openai',
      '--max-input-price',
      '0.2',
      '--capability',
      'tools',
      '--db',
      db,
    );
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^MODEL\s+CONTEXT\s+IN \$\/M\s+OUT \$\/M\s+CAPABILITIES/);
    expect(list.stdout).toMatch(/openai\/gpt-4o-mini\s+128K\s+\$0\.15\s+\$0\.6\s+tools json vision/);
    expect(list.stdout).not.toMatch(/openai\/gpt-4o\s/);
    const search = await sextant('models', 'search', 'claude', 'haiku', '--json', '--db', db);
    const ids = (JSON.parse(search.stdout) as { id: string }[]).map((card) => card.id);
    expect(ids).toContain('anthropic/claude-3-5-haiku-20241022');
    expect(ids.every((id) => id.includes('haiku'))).toBe(true);
  });

  it('shows one model and compares several side by side', async () => {
    const show = await sextant('models', 'show', 'openai/gpt-4o', '--db', db);
    expect(show.stdout).toMatch(/context window\s+128K/);
    expect(show.stdout).toMatch(/key in OPENAI_API_KEY/);
    const compare = await sextant(
      'models',
      'compare',
      'openai/gpt-4o',
      'google/gemini-2.5-flash',
      '--db',
      db,
    );
    expect(compare.stdout).toMatch(/input \$\/M tokens\s+\$2\.50\s+\$0\.3/);
    const unknown = await sextant('models', 'show', 'openai/gpt-5o', '--db', db);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/closest: .*openai\/gpt-5/) });
  });

  it('adds an endpoint and a GGUF file to a project, and aliases them', async () => {
    expect((await sextant('projects', 'create', 'default', '--db', db)).code).toBe(0);
    const endpoint = await sextant(
      'models',
      'add',
      '--endpoint',
      'http://127.0.0.1:11434/v1',
      '--provider',
      'ollama',
      '--model',
      'llama3.2',
      '--db',
      db,
    );
    expect(endpoint.stdout).toMatch(/Added ollama\/llama3\.2 \(endpoint; in free, out free/);
    const gguf = await sextant(
      'models',
      'add',
      '--gguf',
      findTestModel(),
      '--id',
      'local/stories',
      '--db',
      db,
    );
    expect(gguf.stdout).toMatch(/Added local\/stories \(gguf/);
    const alias = await sextant(
      'models',
      'alias',
      'chat',
      '--to',
      'ollama/llama3.2',
      'local/stories',
      '--cache-ttl',
      '60',
      '--db',
      db,
    );
    expect(alias.stdout).toMatch(/Alias chat → ollama\/llama3\.2 → local\/stories/);
    expect((await sextant('models', 'list', '--source', 'gguf', '--db', db)).stdout).toMatch(
      /local\/stories\s+2K\s+free/,
    );
    const wrong = await sextant('models', 'add', '--gguf', path.join(directory, 'missing.gguf'), '--db', db);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringMatching(/missing\.gguf does not exist/) });
  });

  it('refreshes the catalog from a snapshot file and reports what changed', async () => {
    const file = path.join(directory, 'api.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        openai: {
          id: 'openai',
          name: 'OpenAI',
          npm: '@ai-sdk/openai',
          env: ['OPENAI_API_KEY'],
          models: {
            'gpt-4o': {
              id: 'gpt-4o',
              name: 'GPT-4o',
              cost: { input: 2, output: 8 },
              limit: { context: 128000, output: 16384 },
            },
          },
        },
      }),
    );
    const refreshed = await sextant('models', 'refresh', '--from', file, '--db', db);
    // The two built-in models ship with Sextant, not with snapshots, and survive a refresh unchanged.
    expect(refreshed.stdout).toMatch(/Catalog: 3 models \(0 added, 1 updated, \d{3} removed, 2 unchanged\)/);
    expect((await sextant('models', 'show', 'sextant/extractive-baseline', '--db', db)).stdout).toMatch(
      /Extractive/,
    );
    expect((await sextant('models', 'show', 'openai/gpt-4o', '--db', db)).stdout).toMatch(
      /input \$\/M tokens\s+\$2\.00/,
    );
    // The project's own models survive a catalog refresh.
    expect((await sextant('models', 'show', 'ollama/llama3.2', '--db', db)).code).toBe(0);
    fs.writeFileSync(file, '[1,2]');
    expect((await sextant('models', 'refresh', '--from', file, '--db', db)).stderr).toMatch(
      /not a models\.dev catalog snapshot/,
    );
    expect((await sextant('models', 'refresh', '--bundled', '--db', db)).stdout).toMatch(
      /Catalog: \d{3} models/,
    );
  });

  it('stores a credential from the environment without printing it', async () => {
    process.env.SEXTANT_TEST_SECRET_KEY = 'sk-cli-secret-9876543210';
    try {
      const set = await sextant(
        'models',
        'credentials',
        'set',
        'openai',
        '--from-env',
        'SEXTANT_TEST_SECRET_KEY',
        '--db',
        db,
      );
      expect(set.code).toBe(0);
      const list = await sextant('models', 'credentials', 'list', '--db', db);
      expect(list.stdout).toMatch(/openai\s+OpenAI\s+openai\s+stored/);
      expect(set.stdout + list.stdout + set.stderr).not.toContain('sk-cli-secret');
    } finally {
      delete process.env.SEXTANT_TEST_SECRET_KEY;
    }
  });
});
