import { runEvaluator } from '@sextant/core/evaluators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../../../providers/src/test-support/test-model.js';
import { ProviderPool } from '../gateway/provider-pool.js';
import { CredentialCipher } from '../services/model-credential-cipher.js';
import { ModelRegistry } from '../services/model-registry.js';
import { PromptService } from '../services/prompt-service.js';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { createGatewayEvaluatorFactory } from './gateway-judge-models.js';
import { createProjectEvaluatorFactory } from './project-judge-models.js';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(() => live.stop());

// End to end on real parts: a GGUF model added through the API, judge calls through the gateway,
// embeddings from the offline sentence encoder. The tiny model writes stories, so the judge's verdict
// is malformed by nature: this checks the mechanics, not judging quality.
describe('model-based evaluators on a live server', () => {
  it('judges through the gateway with the local GGUF model and traces the judge call', async () => {
    const added = await request(live, live.keyA, 'POST', '/api/models', {
      type: 'gguf',
      file: findTestModel(),
      id: 'local/stories260k',
      threads: 1,
    });
    expect(added.status).toBe(201);
    const factory = createGatewayEvaluatorFactory({ url: live.url, apiKey: live.keyA });
    const judge = await factory('llm-judge', {
      model: 'local/stories260k',
      rubric: 'Is the answer correct?',
    });
    const result = await runEvaluator(judge, { input: 'What is the capital of France?', output: 'Paris' });
    expect(result).toMatchObject({ success: false, error: { code: 'malformed_verdict' } });
    expect(!result.success && result.error.message).toMatch(
      /^llm-judge@[0-9a-f]{12}: local\/stories260k: the judge's reply has no score .*; the judge replied "/,
    );
    // The gateway writes spans in the background; wait for the judge call's span.
    let listed = '';
    for (let attempt = 0; attempt < 100 && !listed.includes('Rubric: Is the answer correct?'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      listed = JSON.stringify((await request(live, live.keyA, 'GET', '/api/traces?limit=5')).body);
    }
    expect(listed).toContain('Rubric: Is the answer correct?');
    expect(listed).toContain('"models":["stories260k"]');
  });

  it("judges in-process with the project's configured GGUF model, for jobs that have no API key", async () => {
    const providers = new ProviderPool();
    try {
      const registry = new ModelRegistry(live.store, CredentialCipher.forStore(live.store.location));
      const factory = createProjectEvaluatorFactory({ registry, providers }, 'alpha');
      const judge = await factory('answer-relevance', { model: 'local/stories260k' });
      const result = await runEvaluator(judge, { input: 'What is the capital of France?', output: 'Paris' });
      expect(result).toMatchObject({ success: false, error: { code: 'malformed_verdict' } });
      expect(!result.success && result.error.message).toMatch(
        /local\/stories260k: the judge's reply has no score/,
      );
      const other = createProjectEvaluatorFactory({ registry, providers }, 'beta');
      const unknown = await runEvaluator(await other('answer-relevance', { model: 'local/stories260k' }), {
        input: 'q',
        output: 'a',
      });
      // Project beta has no such model: the failure names it instead of scoring.
      expect(unknown).toMatchObject({ success: false, error: { code: 'invalid_input' } });
      expect(!unknown.success && unknown.error.message).toMatch(/local\/stories260k/);
    } finally {
      await providers.close();
    }
  });

  it('judges with a prompt version from the registry, versioned by its content', async () => {
    const definition = {
      type: 'chat',
      messages: [
        { role: 'system', content: 'You are a strict grader for a bank.' },
        {
          role: 'user',
          content:
            'Rubric: {{rubric}}\nQuestion: {{input}}\nAnswer: {{output}}\nGive a score from {{scaleMin}} to {{scaleMax}} as JSON.',
        },
      ],
    };
    const created = await request(live, live.keyA, 'POST', '/api/prompts/strict-judge/versions', {
      definition,
    });
    expect(created.status).toBe(201);
    const stored = (await request(live, live.keyA, 'GET', '/api/prompts/strict-judge?version=1')).body as {
      contentHash: string;
    };
    const gateway = createGatewayEvaluatorFactory({ url: live.url, apiKey: live.keyA });
    const settings = { model: 'local/stories260k', rubric: 'Is it correct?' };
    const builtIn = await gateway('llm-judge', settings);
    const custom = await gateway('llm-judge', { ...settings, prompt: 'strict-judge@1' });
    expect(custom.settings).toMatchObject({ promptHash: stored.contentHash });
    expect(custom.version).not.toBe(builtIn.version);
    const result = await runEvaluator(custom, { input: 'Can I overdraw?', output: 'Yes' });
    expect(result).toMatchObject({ success: false, error: { code: 'malformed_verdict' } });
    let listed = '';
    for (let attempt = 0; attempt < 100 && !listed.includes('strict grader'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      listed = JSON.stringify((await request(live, live.keyA, 'GET', '/api/traces?limit=20')).body);
    }
    expect(listed).toContain('Question: Can I overdraw?');

    // In-process, the same reference gives the same version.
    const providers = new ProviderPool();
    const registry = new ModelRegistry(live.store, CredentialCipher.forStore(live.store.location));
    const inProcess = createProjectEvaluatorFactory(
      { registry, providers, prompts: new PromptService(live.store) },
      'alpha',
    );
    expect((await inProcess('llm-judge', { ...settings, prompt: 'strict-judge@1' })).version).toBe(
      custom.version,
    );
    await providers.close();
    await expect(gateway('llm-judge', { ...settings, prompt: 'strict-judge' })).rejects.toThrow(
      /judge prompt 'strict-judge': .*no label 'production'/,
    );
  });

  it('scores embedding similarity with the offline sentence encoder', async () => {
    const factory = createGatewayEvaluatorFactory({ url: live.url, apiKey: live.keyA });
    const evaluator = await factory('embedding-similarity', {});
    const paraphrase = await runEvaluator(evaluator, {
      output: 'How do I reset my password?',
      expected: 'I forgot my password and need to change it',
    });
    const unrelated = await runEvaluator(evaluator, {
      output: 'How do I reset my password?',
      expected: 'The weather in Lyon is sunny today',
    });
    expect(paraphrase.success && unrelated.success).toBe(true);
    const close = paraphrase.success ? paraphrase.value.score : 0;
    const far = unrelated.success ? unrelated.value.score : 1;
    expect(close).toBeGreaterThan(far + 0.2);
    expect(evaluator.version).toMatch(/^1\+/);
  }, 60_000);
});
