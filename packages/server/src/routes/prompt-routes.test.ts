import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

interface PromptVersionBody {
  name: string;
  version: number;
  labels: string[];
  definition: { type: string; template?: string; variables: { name: string }[] };
  createdBy: { user: string | null; apiKeyName: string | null };
}
interface CreatedBody {
  status: string;
  prompt: PromptVersionBody;
  warnings: string[];
}
interface ErrorBody {
  error: { code: string; message: string };
}

const greet = (template: string, extra: Record<string, unknown> = {}) => ({
  definition: { type: 'text', template, ...extra },
});

describe('prompt routes', () => {
  let live: LiveServer;
  const call = (method: string, route: string, body?: unknown) =>
    request(live, live.keyA, method, route, body);
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  it('creates versions only when the content changes, and serves them by label and number', async () => {
    const first = await call('POST', '/api/prompts/greet/versions', {
      ...greet('Hello {{name}}!'),
      commitMessage: 'first',
      labels: ['production'],
      author: 'alice',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'created',
      prompt: {
        version: 1,
        labels: ['production', 'latest'],
        definition: { variables: [{ name: 'name', type: 'string', required: true }] },
        createdBy: { user: 'alice', apiKeyName: 'test' },
      },
    });
    const again = await call('POST', '/api/prompts/greet/versions', greet('Hello {{name}}!'));
    expect(again.status).toBe(200);
    expect((again.body as CreatedBody).status).toBe('unchanged');
    const second = await call('POST', '/api/prompts/greet/versions', greet('Hi {{name}}, welcome.'));
    expect((second.body as CreatedBody).prompt.version).toBe(2);

    const production = (await call('GET', '/api/prompts/greet')).body as PromptVersionBody;
    expect(production).toMatchObject({ version: 1, labels: ['production'] });
    expect(((await call('GET', '/api/prompts/greet?label=latest')).body as PromptVersionBody).version).toBe(
      2,
    );
    expect(
      ((await call('GET', '/api/prompts/greet/versions/1')).body as PromptVersionBody).definition.template,
    ).toBe('Hello {{name}}!');
    const versions = (await call('GET', '/api/prompts/greet/versions')).body as {
      versions: PromptVersionBody[];
    };
    expect(versions.versions.map((version) => version.version)).toEqual([2, 1]);
    const list = (await call('GET', '/api/prompts')).body as { prompts: unknown[] };
    expect(list.prompts).toEqual([
      expect.objectContaining({ name: 'greet', latestVersion: 2, labels: { production: 1 }, type: 'text' }),
    ]);
  });

  it('says which labels and versions exist when asked for missing ones', async () => {
    const label = await call('GET', '/api/prompts/greet?label=prod');
    expect(label.status).toBe(404);
    expect((label.body as ErrorBody).error.message).toMatch(
      /prompt 'greet' has no label 'prod' \(did you mean 'production'\?\); labels: production=1, latest=2/,
    );
    const version = await call('GET', '/api/prompts/greet/versions/9');
    expect((version.body as ErrorBody).error.message).toBe(
      "prompt 'greet' has no version 9; its versions are 1 to 2",
    );
    const name = await call('GET', '/api/prompts/gret');
    expect((name.body as ErrorBody).error.message).toMatch(
      /prompt 'gret' not found in this project \(did you mean 'greet'\?\)/,
    );
  });

  it('diffs two versions by number or label', async () => {
    const diff = await call('GET', '/api/prompts/greet/diff?from=production&to=latest');
    expect(diff.status).toBe(200);
    const body = diff.body as {
      from: number;
      to: number;
      sections: { name: string; changed: boolean; lines: { type: string; text: string }[] }[];
    };
    expect([body.from, body.to]).toEqual([1, 2]);
    const template = body.sections.find((section) => section.name === 'template');
    expect(template?.lines).toEqual([
      { type: 'removed', text: 'Hello {{name}}!', oldLine: 1, newLine: null },
      { type: 'added', text: 'Hi {{name}}, welcome.', oldLine: null, newLine: 1 },
    ]);
  });

  it('moves labels with optimistic concurrency: of two racing moves one wins, the other gets 409 with the state', async () => {
    const move = (version: number, expectedVersion: number) =>
      call('PUT', '/api/prompts/greet/labels/production', { version, expectedVersion, author: 'bob' });
    const [a, b] = await Promise.all([move(2, 1), move(2, 1)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (a.status === 409 ? a : b).body as ErrorBody;
    expect(loser.error.message).toMatch(
      /label 'production' of prompt 'greet' points at version 2, not at version 1 as you expected \(last moved by bob via key 'test' at .*\); current labels: production=2/,
    );
    const removed = await call(
      'DELETE',
      '/api/prompts/greet/labels/production?expectedVersion=2&author=carol',
    );
    expect(removed.body).toMatchObject({ status: 'moved', version: null, previousVersion: 2, labels: {} });
    const events = (await call('GET', '/api/prompts/greet/label-events')).body as {
      events: {
        label: string;
        fromVersion: number | null;
        toVersion: number | null;
        actor: { user: string | null };
      }[];
    };
    expect(
      events.events.map(({ fromVersion, toVersion, actor }) => [fromVersion, toVersion, actor.user]),
    ).toEqual([
      [2, null, 'carol'],
      [1, 2, 'bob'],
      [null, 1, 'alice'],
    ]);
    const latest = await call('PUT', '/api/prompts/greet/labels/latest', { version: 1 });
    expect((latest.body as ErrorBody).error.message).toMatch(/'latest' always points at the newest version/);
  });

  it('refuses stale pushes with 409 and never loses a version', async () => {
    const results = await Promise.all(
      ['A {{x}}', 'B {{x}}'].map((template) =>
        call('POST', '/api/prompts/race/versions', { ...greet(template), expectedLatestVersion: null }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    const conflict = results.find((result) => result.status === 409)!.body as ErrorBody;
    expect(conflict.error.message).toMatch(
      /prompt 'race' changed meanwhile: you expected a new name, but the newest is version 1 \(by key 'test' at .*\)\. Nothing was saved/,
    );
    const versions = (await call('GET', '/api/prompts/race/versions')).body as { versions: unknown[] };
    expect(versions.versions).toHaveLength(1);
  });

  it('rejects bad templates with line and column, bad names, and oversized input, saving nothing', async () => {
    const syntax = await call('POST', '/api/prompts/broken/versions', {
      definition: {
        type: 'chat',
        messages: [
          { role: 'system', content: 'fine' },
          { role: 'user', content: 'Hi\n  {{#each docs}}{{this}}' },
        ],
      },
    });
    expect(syntax.status).toBe(400);
    expect((syntax.body as ErrorBody).error.message).toBe(
      "prompt 'broken' was not saved: message 2 (user) 2:3: '{{#each docs}}' is never closed; add '{{/each}}'",
    );
    const undeclared = await call(
      'POST',
      '/api/prompts/broken/versions',
      greet('{{name}} {{tone}}', { variables: [{ name: 'name' }] }),
    );
    expect((undeclared.body as ErrorBody).error.message).toMatch(
      /template 1:10: variable 'tone' is used but not declared/,
    );
    const badName = await call('POST', '/api/prompts/bad%20name!/versions', greet('x'));
    expect(badName.status).toBe(400);
    expect((badName.body as ErrorBody).error.message).toMatch(/name: a name is 1-100 letters/);
    const huge = await call('POST', '/api/prompts/huge/versions', greet('x'.repeat(100_001)));
    expect(huge.status).toBe(413);
    expect((huge.body as ErrorBody).error.message).toMatch(
      /100001 characters of template text; the limit is 100000/,
    );
    const body = await call('POST', '/api/prompts/huge/versions', greet('x'.repeat(1_100_000)));
    expect(body.status).toBe(413);
    expect((body.body as ErrorBody).error.message).toMatch(/exceeds the limit of 1048576 bytes/);
    expect((await call('GET', '/api/prompts/broken')).status).toBe(404);
  });

  it('renders with variables, naming missing and unknown ones', async () => {
    const rendered = await call('POST', '/api/prompts/greet/render', {
      version: 2,
      variables: { name: 'Ada' },
    });
    expect(rendered.body).toMatchObject({ version: 2, compiled: { type: 'text', text: 'Hi Ada, welcome.' } });
    const missing = await call('POST', '/api/prompts/greet/render', {
      version: 2,
      variables: { nmae: 'Ada' },
    });
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorBody).error.message).toBe(
      "prompt 'greet' version 2: missing required variable 'name'; unknown variable 'nmae' (did you mean 'name'?); the prompt declares: name (string, required)",
    );
  });

  it("checks model ids against the project's catalog, warning on save", async () => {
    await live.store.replaceCatalog([]);
    const check = (model: string) =>
      call('POST', '/api/prompts/check', { prompts: [{ type: 'text', template: 'x', config: { model } }] });
    // No catalog and no aliases: any id passes (nothing to check against).
    expect(
      ((await check('anything')).body as { results: { problems: unknown[] }[] }).results[0]?.problems,
    ).toEqual([]);
    await live.store.putModelAlias('alpha', {
      name: 'chat',
      targets: ['openai/gpt-4o'],
      timeoutMs: 1000,
      maxRetries: 0,
      cacheTtlSeconds: 0,
    });
    const unknown = (await check('gpt-4o-minii')).body as {
      results: { problems: { code: string; message: string }[] }[];
    };
    expect(unknown.results[0]?.problems[0]).toMatchObject({
      code: 'unknown_model',
      message: expect.stringMatching(/unknown model 'gpt-4o-minii'/),
    });
    expect(
      ((await check('chat')).body as { results: { problems: unknown[] }[] }).results[0]?.problems,
    ).toEqual([]);
    const saved = await call(
      'POST',
      '/api/prompts/modelled/versions',
      greet('x', { config: { model: 'gpt-4o-minii', parameters: { temperature: 0.3 } } }),
    );
    expect(saved.status).toBe(201);
    expect((saved.body as CreatedBody).warnings).toEqual([
      expect.stringMatching(/unknown model 'gpt-4o-minii'/),
    ]);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const document = (await fetch(`${live.url}/api/openapi.json`).then((response) => response.json())) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/prompts',
      '/api/prompts/{name}',
      '/api/prompts/{name}/versions',
      '/api/prompts/{name}/labels/{label}',
      '/api/prompts/{name}/diff',
      '/api/releases',
      '/api/releases/{name}/versions',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });
});

describe('release routes', () => {
  let live: LiveServer;
  const call = (method: string, route: string, body?: unknown) =>
    request(live, live.keyA, method, route, body);
  beforeAll(async () => {
    live = await startLiveServer();
    await call('POST', '/api/prompts/answer/versions', { ...greet('v1 {{q}}'), labels: ['production'] });
    await call('POST', '/api/prompts/answer/versions', greet('v2 {{q}}'));
  });
  afterAll(() => live.stop());

  it('pins prompt labels to versions, dedupes identical bundles, and labels per environment', async () => {
    const definition = {
      prompts: { answer: 'production' },
      models: { generator: 'openai/gpt-4o-mini' },
      parameters: { temperature: 0.1 },
      retriever: { top_k: 5, chunk_size: 512 },
      tools: ['search_docs'],
      config: { rerank: true },
    };
    const created = await call('POST', '/api/releases/support-bot/versions', {
      definition,
      labels: ['staging'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'created',
      release: {
        id: 'support-bot@1',
        version: 1,
        labels: ['staging', 'latest'],
        definition: { prompts: { answer: 1 } },
      },
    });
    expect((await call('POST', '/api/releases/support-bot/versions', { definition })).status).toBe(200);
    const next = await call('POST', '/api/releases/support-bot/versions', {
      definition: { ...definition, prompts: { answer: 2 }, retriever: { top_k: 8 } },
    });
    expect(next.body).toMatchObject({ release: { id: 'support-bot@2' } });
    const moved = await call('PUT', '/api/releases/support-bot/labels/production', {
      version: 2,
      expectedVersion: null,
    });
    expect(moved.body).toMatchObject({ status: 'moved', labels: { production: 2, staging: 1 } });
    expect(((await call('GET', '/api/releases/support-bot')).body as { id: string }).id).toBe(
      'support-bot@2',
    );
    const diff = (await call('GET', '/api/releases/support-bot/diff?from=1&to=2')).body as {
      sections: { name: string; changed: boolean }[];
    };
    expect(diff.sections.filter((section) => section.changed).map((section) => section.name)).toEqual([
      'prompts',
      'retriever',
    ]);
    const list = (await call('GET', '/api/releases')).body as { releases: unknown[] };
    expect(list.releases).toEqual([
      expect.objectContaining({ name: 'support-bot', latestId: 'support-bot@2' }),
    ]);
  });

  it('refuses releases that pin missing prompt versions or labels', async () => {
    const missing = await call('POST', '/api/releases/bad/versions', {
      definition: { prompts: { answer: 9 } },
    });
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorBody).error.message).toBe(
      "release 'bad' was not saved: prompts.answer: prompt 'answer' has no version 9; its versions are 1 to 2",
    );
    const label = await call('POST', '/api/releases/bad/versions', {
      definition: { prompts: { answer: 'canary' } },
    });
    expect((label.body as ErrorBody).error.message).toMatch(/prompt 'answer' has no label 'canary'/);
    const retriever = await call('POST', '/api/releases/bad/versions', {
      definition: { retriever: { top_k: 0 } },
    });
    expect((retriever.body as ErrorBody).error.message).toMatch(/top_k is a positive whole number/);
  });
});
