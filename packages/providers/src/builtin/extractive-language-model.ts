import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { cosineSimilarity } from '@sextant/core/evaluators';
import type { Embedder } from '../embeddings/embedder.js';
import { splitSentences } from './split-sentences.js';

/** Sentence vectors kept between calls: a support bot sees the same documents again and again. */
const cachedSentences = 5000;

/**
 * The baseline answerer: no generation at all. It answers with the sentence of the prompt's context
 * that is closest in meaning to the question (cosine similarity of sentence embeddings), so a RAG chain
 * works offline and its evaluation scores say how good its retrieval is.
 *
 * The question is the last user message, or the text after its last `Question:` line; the context is
 * everything else in the prompt, from the first `Context:` or `Documentation:` line on when there is
 * one (so instructions before it are never given as answers).
 */
export class ExtractiveLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly supportedUrls = {};
  private readonly vectors = new Map<string, Float32Array>();

  constructor(
    readonly provider: string,
    readonly modelId: string,
    private readonly embedder: () => Promise<Embedder>,
  ) {}

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { text, inputWords } = await this.answer(options);
    return {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'extracted' },
      usage: usage(inputWords, words(text)),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { text, inputWords } = await this.answer(options);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'text-start', id: '0' });
        controller.enqueue({ type: 'text-delta', id: '0', delta: text });
        controller.enqueue({ type: 'text-end', id: '0' });
        controller.enqueue({
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'extracted' },
          usage: usage(inputWords, words(text)),
        });
        controller.close();
      },
    });
    return { stream };
  }

  private async answer(options: LanguageModelV3CallOptions) {
    if (options.tools && options.tools.length > 0) {
      throw new UnsupportedFunctionalityError({ functionality: 'tool calling with the extractive baseline' });
    }
    const { question, context } = splitPrompt(options.prompt);
    const inputWords = words(question) + words(context);
    const sentences = splitSentences(context);
    if (!question || sentences.length === 0) {
      return { text: 'I found nothing in the provided context to answer with.', inputWords };
    }
    const embedder = await this.embedder();
    const [questionVector] = await embedder.embed([question]);
    const sentenceVectors = await this.embedSentences(embedder, sentences);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    sentenceVectors.forEach((vector, index) => {
      const score = cosineSimilarity(questionVector ?? new Float32Array(), vector);
      if (score > bestScore) [best, bestScore] = [index, score];
    });
    return { text: sentences[best] ?? '', inputWords };
  }

  private async embedSentences(embedder: Embedder, sentences: readonly string[]) {
    const missing = [...new Set(sentences.filter((sentence) => !this.vectors.has(sentence)))];
    if (missing.length > 0) {
      const vectors = await embedder.embed(missing);
      missing.forEach((sentence, index) => {
        const vector = vectors[index];
        if (vector) this.vectors.set(sentence, vector);
      });
      // Oldest first out: a Map iterates in insertion order.
      for (const key of this.vectors.keys()) {
        if (this.vectors.size <= cachedSentences) break;
        this.vectors.delete(key);
      }
    }
    return sentences.map((sentence) => this.vectors.get(sentence) ?? new Float32Array());
  }
}

function splitPrompt(prompt: LanguageModelV3Prompt): { question: string; context: string } {
  const texts = prompt.map((message) => ({ role: message.role, text: messageText(message.content) }));
  const lastUser = texts.map((message) => message.role).lastIndexOf('user');
  const userText = texts[lastUser]?.text ?? '';
  const marker = userText.lastIndexOf('Question:');
  const question = (marker >= 0 ? userText.slice(marker + 'Question:'.length) : userText).trim();
  const rest = texts.filter((_, index) => index !== lastUser).map((message) => message.text);
  if (marker >= 0) rest.push(userText.slice(0, marker));
  const context = rest.join('\n');
  const start = /^\s*(context|documentation|documents|sources)\s*:[ \t]*$/im.exec(context);
  return { question, context: start ? context.slice(start.index + start[0].length) : context };
}

function messageText(content: LanguageModelV3Prompt[number]['content']): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

const words = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0);

/** The model has no tokenizer: usage counts words, which is what its cost (zero) depends on. */
function usage(input: number, output: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}
