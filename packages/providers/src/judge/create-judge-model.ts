import type { LanguageModelV3, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { JudgeMessage, JudgeModel } from '@sextant/core/evaluators';

export interface JudgeModelOptions {
  /** The id the judge is versioned by: the catalog id or gateway alias, e.g. `openai/gpt-4o-mini`. */
  id: string;
  /** Judges grade; they should not improvise. Default 0. */
  temperature?: number;
  /** Caps the reply; default 512 tokens, room for reasoning and the JSON verdict. */
  maxOutputTokens?: number;
  /** Ask for a JSON reply where the provider supports it (OpenAI-compatible `response_format`). Default false. */
  jsonMode?: boolean;
}

/**
 * A judge model from any AI SDK language model: a remote provider, Sextant's own gateway through the
 * OpenAI-compatible provider (so judge calls are traced, priced and routed like any other), or a GGUF file.
 * @example createJudgeModel(createOpenAiCompatibleProvider({ provider: 'sextant', baseUrl: 'http://127.0.0.1:4318/v1', apiKey }).languageModel('openai/gpt-4o-mini'), { id: 'openai/gpt-4o-mini' })
 */
export function createJudgeModel(model: LanguageModelV3, options: JudgeModelOptions): JudgeModel {
  return {
    id: options.id,
    async generate(messages: readonly JudgeMessage[]): Promise<string> {
      const result = await model.doGenerate({
        prompt: toPrompt(messages),
        temperature: options.temperature ?? 0,
        maxOutputTokens: options.maxOutputTokens ?? 512,
        responseFormat: options.jsonMode ? { type: 'json' } : undefined,
      });
      return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    },
  };
}

function toPrompt(messages: readonly JudgeMessage[]): LanguageModelV3Prompt {
  return messages.map((message) =>
    message.role === 'system' || message.role === 'developer'
      ? { role: 'system', content: message.content }
      : { role: message.role, content: [{ type: 'text', text: message.content }] },
  );
}
