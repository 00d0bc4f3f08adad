import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

/** Runs the CLI in-process against the live server, capturing what it prints. */
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);

const greetV1 = `---
name: greet
description: Greets a user
model: openai/gpt-4o-mini
parameters:
  temperature: 0.3
variables:
  name:
    type: string
    description: Who to greet
---

## system

You are a friendly assistant.

## user

Say hello to {{name}}.
`;

const summarize = `---
name: summarize
variables:
  text: string
  words: { type: number, default: 50 }
---

Summarize in at most {{words}} words:

{{text}}
`;

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-prompts-cli-'));
const repo = path.join(root, 'repo');
const previousDirectory = process.cwd();
let server: RunningServer;
let store: Store;

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString().trim();
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
};
const commit = (message: string) => {
  git('add', '-A');
  git('commit', '-q', '-m', message);
};

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  server = await startServer({ store, port: 0, logError: () => {} });
  live.url = server.url;
  fs.mkdirSync(repo);
  git('init', '-q');
  git('config', 'user.name', 'Ada Lovelace');
  git('config', 'user.email', 'ada@example.com');
  write('prompts/greet.prompt.md', greetV1);
  write('prompts/nested/summarize.prompt.md', summarize);
  commit('Add greeting and summary prompts');
  process.chdir(repo);
});

afterAll(async () => {
  process.chdir(previousDirectory);
  await server.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant prompts with a git repository of prompt files', () => {
  it('pushes new prompts, then creates versions only for files whose content changed', async () => {
    const first = await sextant('prompts', 'push', '--label', 'staging');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'greet: created version 1 (staging: none → 1) from prompts/greet.prompt.md',
    );
    expect(first.stdout).toContain(
      'summarize: created version 1 (staging: none → 1) from prompts/nested/summarize.prompt.md',
    );

    const again = await sextant('prompts', 'push');
    expect(again.stdout).toMatch(/greet: unchanged \(version 1\)[\s\S]*summarize: unchanged \(version 1\)/);

    write(
      'prompts/greet.prompt.md',
      greetV1.replace('friendly', 'warm').replace('temperature: 0.3', 'temperature: 0.5'),
    );
    commit('Warmer greeting');
    const dry = await sextant('prompts', 'push', '--dry-run');
    expect(dry.stdout).toContain('greet: would create version 2');
    const second = await sextant('prompts', 'push');
    expect(second.stdout).toContain('greet: created version 2 from prompts/greet.prompt.md');
    expect(second.stdout).toContain('summarize: unchanged (version 1)');

    const versions = await sextant('prompts', 'versions', 'greet');
    expect(versions.stdout).toMatch(/v2\s+latest\s+.*Ada Lovelace \(key ci\)\s+[0-9a-f]{7} Warmer greeting/);
    expect(versions.stdout).toMatch(/v1\s+staging\s+.*Add greeting and summary prompts/);
    const list = await sextant('prompts', 'list');
    expect(list.stdout).toMatch(/greet\s+v2\s+staging=v1\s+chat\s+openai\/gpt-4o-mini/);
  });

  it('shows and diffs versions', async () => {
    const show = await sextant('prompts', 'show', 'greet', '1');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('# greet v1  labels: staging');
    expect(show.stdout).toContain('You are a friendly assistant.');
    const diff = await sextant('prompts', 'diff', 'greet', 'staging', 'latest');
    expect(diff.stdout).toContain('--- greet@1 (template)\n+++ greet@2 (template)');
    expect(diff.stdout).toContain('-You are a friendly assistant.\n+You are a warm assistant.');
    expect(diff.stdout).toMatch(/-\s+temperature: 0.3\n\+\s+temperature: 0.5/);
  });

  it('moves labels with an audit log, and refuses a move based on a stale view', async () => {
    const moved = await sextant('prompts', 'label', 'greet', 'production', '1', '--expect', 'none');
    expect(moved).toMatchObject({ code: 0, stdout: 'greet: production none → v1\n' });
    const stale = await sextant('prompts', 'label', 'greet', 'production', '2', '--expect', 'none');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /409 .*label 'production' of prompt 'greet' points at version 1, not absent/,
    );
    expect((await sextant('prompts', 'label', 'greet', 'production', '2', '--expect', '1')).stdout).toBe(
      'greet: production v1 → v2\n',
    );
    const log = await sextant('prompts', 'log', 'greet');
    expect(log.stdout).toMatch(/production\s+v1\s+v2\s+key ci/);
    expect(log.stdout).toMatch(/staging\s+-\s+v1\s+Ada Lovelace \(key ci\)/);
  });

  it('pulls registry versions into files that push back unchanged, and protects unpushed edits', async () => {
    const fresh = path.join(root, 'fresh');
    const pulled = await sextant('prompts', 'pull', fresh);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain(
      `greet: wrote version 2 to ${path.relative(repo, path.join(fresh, 'greet.prompt.md'))}`,
    );
    expect(fs.readFileSync(path.join(fresh, 'greet.prompt.md'), 'utf8')).toContain(
      'You are a warm assistant.',
    );
    const pushedBack = await sextant('prompts', 'push', fresh);
    expect(pushedBack.stdout).toMatch(
      /greet: unchanged \(version 2\)[\s\S]*summarize: unchanged \(version 1\)/,
    );

    expect((await sextant('prompts', 'pull')).stdout).toMatch(
      /greet: unchanged \(version 2\) in prompts\/greet.prompt.md/,
    );
    write('prompts/greet.prompt.md', greetV1.replace('Say hello', 'Wave'));
    const refused = await sextant('prompts', 'pull', '--name', 'greet');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /greet: refused: prompts\/greet.prompt.md has changes that are in no registry version/,
    );
    const old = await sextant('prompts', 'pull', '--name', 'greet', '--label', 'staging', '--force');
    expect(old.stdout).toContain('greet: wrote version 1 to prompts/greet.prompt.md');
    expect(fs.readFileSync(path.join(repo, 'prompts/greet.prompt.md'), 'utf8')).toContain(
      'You are a friendly assistant.',
    );
    git('checkout', '--', 'prompts/greet.prompt.md');
  });

  it('checks prompt files for CI with file:line:column errors and exit code 1', async () => {
    const clean = await sextant('prompts', 'check');
    expect(clean).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('2 prompt files checked, no problems'),
    });

    write(
      'prompts/broken.prompt.md',
      [
        '---',
        'name: broken',
        'model: gpt-4o',
        'variables:',
        '  name: string',
        '---',
        '## system',
        '{{#if vip}}VIP',
        '## user',
        'Hi {{nmae}}',
      ].join('\n'),
    );
    await store.putModelAlias('alpha', {
      name: 'fast',
      targets: ['openai/gpt-4o-mini'],
      timeoutMs: 1000,
      maxRetries: 0,
      cacheTtlSeconds: 0,
    });
    const failed = await sextant('prompts', 'check');
    expect(failed.code).toBe(1);
    expect(failed.stdout.trim().split('\n')).toEqual([
      "prompts/broken.prompt.md:3:8: unknown model 'gpt-4o' (unknown_model)",
      "prompts/broken.prompt.md:8:1: '{{#if vip}}' is never closed; add '{{/if}}' (syntax)",
      "prompts/broken.prompt.md:10:4: variable 'nmae' is used but not declared (did you mean 'name'?); add it under variables (undeclared_variable)",
      "prompts/greet.prompt.md:4:8: unknown model 'openai/gpt-4o-mini' (unknown_model)",
    ]);
    expect(failed.stderr).toMatch(
      /4 problems in 2 of 3 prompt files[\s\S]*prompt check failed with 4 problems/,
    );

    const offline = await sextant('prompts', 'check', '--offline');
    expect(offline.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(offline.stdout).not.toContain('unknown_model');
    const push = await sextant('prompts', 'push');
    expect(push.code).toBe(1);
    expect(push.stderr).toMatch(/1 of 3 prompt files have problems; nothing was pushed/);
    expect((await sextant('prompts', 'versions', 'greet')).stdout).not.toMatch(/v3/);
    fs.rmSync(path.join(repo, 'prompts/broken.prompt.md'));
  });
});

describe('sextant releases', () => {
  it('creates releases pinning prompt labels, lists, shows, labels and diffs them', async () => {
    const created = await sextant(
      'releases',
      'create',
      'support-bot',
      '--prompt',
      'greet@production',
      '--prompt',
      'summarize@1',
      '--model',
      'generator=openai/gpt-4o-mini',
      '--retriever',
      'top_k=5',
      '--retriever',
      'chunk_size=512',
      '--tool',
      'search_docs',
      '--config',
      'rerank=true',
      '--label',
      'staging',
      '-m',
      'first cut',
    );
    expect(created).toMatchObject({
      code: 0,
      stdout: 'Created support-bot@1 [staging, latest]; prompts greet@2, summarize@1\n',
    });
    const file = path.join(root, 'release.yaml');
    fs.writeFileSync(
      file,
      'prompts:\n  greet: 1\n  summarize: 1\nmodels:\n  generator: openai/gpt-4o-mini\nretriever:\n  top_k: 8\n',
    );
    const second = await sextant('releases', 'create', 'support-bot', '--file', file, '--expect-latest', '1');
    expect(second.stdout).toBe('Created support-bot@2 [latest]; prompts greet@1, summarize@1\n');
    const stale = await sextant(
      'releases',
      'create',
      'support-bot',
      '--file',
      file,
      '--retriever',
      'top_k=9',
      '--expect-latest',
      '1',
    );
    expect(stale).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/409 .*release 'support-bot' changed meanwhile/),
    });

    expect((await sextant('releases', 'label', 'support-bot', 'production', '2')).stdout).toBe(
      'support-bot: production none → v2\n',
    );
    expect((await sextant('releases', 'list')).stdout).toMatch(
      /support-bot\s+support-bot@2\s+production=v2 staging=v1/,
    );
    const shown = JSON.parse(
      (await sextant('releases', 'show', 'support-bot', 'staging', '--json')).stdout,
    ) as {
      id: string;
      definition: { retriever: unknown; tools: unknown; config: unknown };
    };
    expect(shown).toMatchObject({
      id: 'support-bot@1',
      definition: {
        retriever: { top_k: 5, chunk_size: 512 },
        tools: ['search_docs'],
        config: { rerank: true },
      },
    });
    const diff = await sextant('releases', 'diff', 'support-bot', '1', '2');
    expect(diff.stdout).toMatch(/--- support-bot@1 \(prompts\)[\s\S]*-greet: 2\n\+greet: 1/);
    expect((await sextant('releases', 'log', 'support-bot')).stdout).toMatch(/production\s+-\s+v2/);
  });
});
