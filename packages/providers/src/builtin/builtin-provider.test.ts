import { embedMany, generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  builtinModelCards,
  createBuiltinProvider,
  extractiveBaselineId,
  sentenceEncoderId,
} from './builtin-provider.js';
import { splitSentences } from './split-sentences.js';

const context = `# Rotating API keys
Create a second key in the project settings before you revoke the first one.
Deploy the new key to every exporter, then revoke the old key.

# Retention
Traces older than the retention period are deleted every night in small batches.
Retention is off by default and is set per project in days.`;

describe('built-in models (real offline sentence encoder)', () => {
  const provider = createBuiltinProvider();

  it('answers with the context sentence closest in meaning to the question', async () => {
    const ask = async (question: string) =>
      (
        await generateText({
          model: provider.languageModel(extractiveBaselineId),
          system: `Answer in one sentence from the documentation. If it does not answer the question, say so.\nDocumentation:\n${context}`,
          prompt: `Question: ${question}`,
        })
      ).text;
    expect(await ask('How long are old traces kept before deletion?')).toMatch(
      /retention period are deleted/,
    );
    expect(await ask('How do I change my API key without downtime?')).toMatch(/second key|new key/);
    // Instructions before the `Documentation:` line are never answers, however close the question.
    expect(await ask('What if the documentation does not answer the question?')).not.toMatch(/say so/);
    const result = await generateText({
      model: provider.languageModel(extractiveBaselineId),
      prompt: 'What is the meaning of life?',
    });
    expect(result.text).toMatch(/nothing in the provided context/);
  }, 60_000);

  it('embeds texts as 512-d vectors through the AI SDK', async () => {
    const { embeddings } = await embedMany({
      model: provider.embeddingModel?.(sentenceEncoderId) ?? expect.fail('no embedding model'),
      values: ['reset my password', 'I forgot my login', 'the invoice is wrong'],
    });
    expect(embeddings.map((vector) => vector.length)).toEqual([512, 512, 512]);
    const cosine = (a: number[], b: number[]) =>
      a.reduce((sum, x, index) => sum + x * (b[index] ?? 0), 0) /
      Math.sqrt(a.reduce((sum, x) => sum + x * x, 0) * b.reduce((sum, x) => sum + x * x, 0));
    const [password, login, invoice] = embeddings as [number[], number[], number[]];
    expect(cosine(password, login)).toBeGreaterThan(cosine(password, invoice));
  }, 60_000);

  it('refuses an unknown model by name, and lists its models in the catalog as free and offline', () => {
    expect(() => provider.languageModel('gpt-5')).toThrow(/no model 'gpt-5'.*extractive-baseline/);
    expect(builtinModelCards.map((card) => card.id)).toEqual([
      'sextant/extractive-baseline',
      'sextant/use-lite-en',
    ]);
    expect(
      builtinModelCards.every((card) => card.pricing.input === 0 && card.access.credentialEnv.length === 0),
    ).toBe(true);
  });

  it('splits Markdown into sentences leaving out headings, list markers and fragments', () => {
    expect(splitSentences('# Keys and more\n- Create a key first. Then revoke the old one.\n- ok')).toEqual([
      'Create a key first.',
      'Then revoke the old one.',
    ]);
  });
});
