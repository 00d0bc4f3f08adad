import { apiOk } from './api-request.js';
import { newTraceId, sendSpans } from './otlp-builder.js';

const chatPrompt = (system: string, temperature: number) => ({
  type: 'chat',
  description: 'Answers a support question',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: '{{question}}' },
  ],
  variables: [
    { name: 'question', type: 'string', description: 'What the user asked' },
    { name: 'tone', type: 'string', default: 'friendly' },
  ],
  config: { model: 'openai/gpt-4o-mini', parameters: { temperature, max_tokens: 400 } },
});

export interface SeededRegistry {
  /** Traces whose llm span was made with support-answer v2 inside release support-bot@2. */
  promptTraceIds: string[];
}

/**
 * Prompt `support-answer` with three versions (production → v1, staging → v2), prompt `greet`, release
 * `support-bot` with two versions (staging → v1, production → v2), and traces made with them.
 */
export async function seedRegistry(baseUrl: string, key: string): Promise<SeededRegistry> {
  const post = (path: string, body: unknown) => apiOk(baseUrl, key, 'POST', path, body);
  await post('/api/prompts/support-answer/versions', {
    definition: chatPrompt('You are a {{tone}} support agent.', 0.2),
    commitMessage: 'First support prompt',
    labels: ['production'],
    author: 'alice',
  });
  await post('/api/prompts/support-answer/versions', {
    definition: chatPrompt('You are a {{tone}} support agent. Answer in two sentences.', 0.2),
    commitMessage: 'Shorter answers',
    labels: ['staging'],
    author: 'bob',
  });
  await post('/api/prompts/support-answer/versions', {
    definition: chatPrompt(
      'You are a {{tone}} support agent. Answer in two sentences.\nCite the policy.',
      0.3,
    ),
    commitMessage: 'Cite the policy',
    author: 'alice',
  });
  await post('/api/prompts/greet/versions', {
    definition: { type: 'text', template: 'Hello {{name}}!' },
    commitMessage: 'Greeting',
  });
  const release = (prompt: string, topK: number) => ({
    description: 'Support RAG bot',
    prompts: { 'support-answer': prompt },
    models: { generator: 'openai/gpt-4o-mini', embedder: 'openai/text-embedding-3-small' },
    parameters: { temperature: 0.2 },
    retriever: { top_k: topK, chunk_size: 800 },
    tools: ['search_docs', { type: 'function', function: { name: 'lookup_order' } }],
    config: { max_turns: 4 },
  });
  await post('/api/releases/support-bot/versions', {
    definition: release('production', 5),
    commitMessage: 'First release',
    labels: ['staging'],
  });
  await post('/api/releases/support-bot/versions', {
    definition: release('staging', 8),
    commitMessage: 'More context',
    labels: ['production'],
  });

  const promptTraceIds = [newTraceId(), newTraceId()];
  const now = Date.now();
  await sendSpans(baseUrl, key, [
    ...promptTraceIds.map((traceId, index) => ({
      traceId,
      name: 'chat gpt-4o-mini',
      startMs: now - 60_000 + index * 1000,
      durationMs: 700,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 40,
        'sextant.prompt.name': 'support-answer',
        'sextant.prompt.version': '2',
        'sextant.release.id': 'support-bot@2',
        'sextant.input': `Where is order ${index}?`,
      },
    })),
    {
      traceId: newTraceId(),
      name: 'chat gpt-4o-mini',
      startMs: now - 120_000,
      durationMs: 500,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'sextant.prompt.name': 'support-answer',
        'sextant.prompt.version': '1',
        'sextant.release.id': 'support-bot@1',
        'sextant.input': 'An older question',
      },
    },
  ]);
  return { promptTraceIds };
}
