import type { PromptRole } from '../../prompts/prompt-definition.js';

/** One message sent to a judge model. */
export interface JudgeMessage {
  role: PromptRole;
  content: string;
}

/**
 * The model behind a judge: an id (it goes into the evaluator's version) and a function that sends chat
 * messages and returns the reply's text. Core stays I/O-free; `@sextant/providers` builds one from any
 * AI SDK model (a remote provider, the gateway or a local GGUF file).
 * @example const model: JudgeModel = { id: 'openai/gpt-4o-mini', generate: async (messages) => callModel(messages) };
 */
export interface JudgeModel {
  readonly id: string;
  generate(messages: readonly JudgeMessage[]): Promise<string>;
}

/**
 * Text embeddings for similarity evaluators: one vector per text, in order. Vectors need not be normalised.
 * @example const embed: EmbedTexts = async (texts) => (await embedder.embed(texts));
 */
export type EmbedTexts = (texts: string[]) => Promise<ArrayLike<number>[]>;
