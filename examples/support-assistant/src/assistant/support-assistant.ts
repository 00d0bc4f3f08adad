import {
  type ChatPrompt,
  getActiveSpan,
  setRetrievedDocuments,
  traced,
  withSpan,
  withTraceAttributes,
} from '@sextant/sdk';
import type OpenAI from 'openai';
import type { HybridRetriever, RetrievedChunk } from '../retrieval/hybrid-retriever.js';
import { traceparentHeader } from './gateway-client.js';

/** What changes between releases of the assistant. */
export interface AssistantSettings {
  /** Gateway model id (or alias) that writes the answer. */
  model: string;
  /** Passages handed to the answer step. */
  topK: number;
  prompt: ChatPrompt;
  /** `NAME@VERSION` of the release these settings came from, recorded on every trace. */
  releaseId?: string;
}

export interface Answer {
  answer: string;
  passages: RetrievedChunk[];
}

/**
 * The RAG chain: hybrid retrieval over the docs, then one model call through the gateway.
 * Each step is a span: `support question` (chain) > `retrieve docs` (retrieval) > `write answer` (chain)
 * > the gateway's model span.
 */
export function createSupportAssistant(
  client: OpenAI,
  retriever: HybridRetriever,
  settings: AssistantSettings,
) {
  const retrieve = traced(
    'retrieve docs',
    // The passages are recorded as the span's documents; the output names them.
    { kind: 'retrieval', captureOutput: (passages) => passages.map((passage) => passage.id) },
    async (question: string) => {
      const passages = await retriever.retrieve(question, settings.topK);
      setRetrievedDocuments(
        getActiveSpan(),
        passages.map((passage) => ({ id: passage.id, content: passage.text, score: passage.score })),
      );
      return passages;
    },
  );

  const writeAnswer = (question: string, passages: readonly RetrievedChunk[]) =>
    withSpan('write answer', { kind: 'chain' }, async () => {
      // Titles as Markdown headings: they name the source without reading as a statement.
      const context = passages.map((passage) => `### ${passage.title}\n${passage.text}`).join('\n\n');
      const messages = settings.prompt.compile({ context, question });
      const completion = await client.chat.completions.create(
        { model: settings.model, messages, temperature: 0 },
        { headers: traceparentHeader() },
      );
      return completion.choices[0]?.message.content ?? '';
    });

  const ask = traced(
    'support question',
    { kind: 'chain', captureOutput: (result: Answer) => result.answer },
    async (question: string): Promise<Answer> => {
      const passages = await retrieve(question);
      return { answer: await writeAnswer(question, passages), passages };
    },
  );

  return {
    settings,
    /** Answers one question; `sessionId` groups the turns of a conversation. */
    answer(question: string, options: { sessionId?: string; userId?: string; tags?: string[] } = {}) {
      const attributes = { ...options, ...(settings.releaseId ? { releaseId: settings.releaseId } : {}) };
      return withTraceAttributes(attributes, () => ask(question));
    },
  };
}

export type SupportAssistant = ReturnType<typeof createSupportAssistant>;
