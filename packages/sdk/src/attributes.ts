/**
 * Span attribute names the SDK writes and the Sextant server normalises.
 *
 * `sextant.*` names are Sextant's own; the rest follow the OpenTelemetry GenAI semantic
 * conventions (`gen_ai.*`) and OpenInference (`retrieval.documents.*`) so that other tools that
 * read those conventions understand the spans too.
 */
export const SextantAttributes = {
  /** One of {@link SextantSpanKind}. */
  spanKind: 'sextant.span.kind',
  /** JSON text of the step's input (for `traced`, its arguments); cut at the configured max length. */
  input: 'sextant.input',
  /** JSON text of the step's output (its return value); cut at the configured max length. */
  output: 'sextant.output',
  sessionId: 'sextant.session.id',
  userId: 'sextant.user.id',
  /** A string array. */
  tags: 'sextant.tags',
  promptName: 'sextant.prompt.name',
  /** Always a string, even when given as a number. */
  promptVersion: 'sextant.prompt.version',
  releaseId: 'sextant.release.id',
} as const;

/** OpenTelemetry GenAI semantic-convention attribute names (semantic-conventions 1.45). */
export const GenAiAttributes = {
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  providerName: 'gen_ai.provider.name',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  reasoningOutputTokens: 'gen_ai.usage.reasoning.output_tokens',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  /** The arguments as the model produced them: usually JSON text. */
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  /** Name of the prompt template the call was made with. */
  promptName: 'gen_ai.prompt.name',
} as const;

/**
 * OpenInference retrieval document attributes: `retrieval.documents.<index>.document.<field>`,
 * with `index` counting from 0 in ranking order. `metadata` is JSON text.
 */
export function retrievalDocumentAttribute(
  index: number,
  field: 'id' | 'content' | 'score' | 'metadata',
): string {
  return `retrieval.documents.${index}.document.${field}`;
}

/** What a span does in a GenAI application; drives how Sextant renders it. */
export type SextantSpanKind = 'llm' | 'embedding' | 'retrieval' | 'tool' | 'agent' | 'chain' | 'guardrail';
