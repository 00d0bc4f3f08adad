import type {
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Message,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { ChatCompletionRequest, ChatMessageRequest } from './openai-request-schemas.js';

/** What a chat call produced, in the terms the span and OpenAI's response need. */
export interface ChatOutput {
  content: string | null;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: string | null;
}

export interface ChatUsage {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

/** OpenAI chat request → the AI SDK's call options (v3 specification). */
export function toCallOptions(
  request: ChatCompletionRequest,
  abortSignal: AbortSignal,
): LanguageModelV3CallOptions {
  const stop = request.stop;
  const format = request.response_format;
  const choice = request.tool_choice;
  return {
    prompt: toPrompt(request.messages),
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    stopSequences: typeof stop === 'string' ? [stop] : (stop ?? undefined),
    seed: request.seed ?? undefined,
    presencePenalty: request.presence_penalty ?? undefined,
    frequencyPenalty: request.frequency_penalty ?? undefined,
    responseFormat:
      format?.type === 'json_object'
        ? { type: 'json' }
        : format?.type === 'json_schema'
          ? {
              type: 'json',
              name: format.json_schema?.name,
              description: format.json_schema?.description,
              // biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the client, passed through as is
              schema: format.json_schema?.schema as any,
            }
          : undefined,
    tools: request.tools?.map((tool) => ({
      type: 'function' as const,
      name: tool.function.name,
      description: tool.function.description,
      // biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the client, passed through as is
      inputSchema: (tool.function.parameters ?? { type: 'object', properties: {} }) as any,
    })),
    toolChoice:
      choice === undefined
        ? undefined
        : typeof choice === 'string'
          ? { type: choice }
          : { type: 'tool', toolName: choice.function.name },
    abortSignal,
  };
}

function toPrompt(messages: readonly ChatMessageRequest[]): LanguageModelV3Message[] {
  const toolNames = new Map<string, string>();
  const prompt: LanguageModelV3Message[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      prompt.push({ role: 'system', content: textOf(message.content) });
    } else if (message.role === 'user') {
      prompt.push({ role: 'user', content: userParts(message.content) });
    } else if (message.role === 'assistant') {
      const text = textOf(message.content);
      const calls = (message.tool_calls ?? []).map((call) => {
        toolNames.set(call.id, call.function.name);
        return {
          type: 'tool-call' as const,
          toolCallId: call.id,
          toolName: call.function.name,
          input: parseJson(call.function.arguments),
        };
      });
      prompt.push({
        role: 'assistant',
        content: [...(text ? [{ type: 'text' as const, text }] : []), ...calls],
      });
    } else {
      const toolCallId = message.tool_call_id ?? '';
      prompt.push({
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId,
            toolName: toolNames.get(toolCallId) ?? message.name ?? 'tool',
            output: { type: 'text', value: textOf(message.content) },
          },
        ],
      });
    }
  }
  return prompt;
}

type Content = ChatMessageRequest['content'];

function textOf(content: Content): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

type UserPart = Extract<LanguageModelV3Message, { role: 'user' }>['content'][number];

function userParts(content: Content): UserPart[] {
  if (typeof content === 'string' || !content) return [{ type: 'text', text: content ?? '' }];
  return content.flatMap((part): UserPart[] => {
    if (part.type === 'text' && typeof part.text === 'string')
      return [{ type: 'text' as const, text: part.text }];
    const url = (part.image_url as { url?: string } | undefined)?.url;
    if (part.type === 'image_url' && url) {
      const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
      return [
        data
          ? { type: 'file' as const, mediaType: data[1]!, data: data[2]! }
          : { type: 'file' as const, mediaType: 'image/*', data: new URL(url) },
      ];
    }
    return [];
  });
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const finishReasons: Record<LanguageModelV3FinishReason['unified'], string> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'stop',
  other: 'stop',
};

export function toChatUsage(usage: LanguageModelV3Usage): ChatUsage {
  return {
    input: usage.inputTokens.total ?? null,
    output: usage.outputTokens.total ?? null,
    cacheRead: usage.inputTokens.cacheRead ?? null,
    cacheWrite: usage.inputTokens.cacheWrite ?? null,
    reasoning: usage.outputTokens.reasoning ?? null,
  };
}

export function openAiUsage(usage: ChatUsage) {
  const prompt = usage.input ?? 0;
  const completion = usage.output ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cacheRead ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
  };
}

/** The AI SDK's result → OpenAI's `chat.completion` object. */
export function toChatCompletion(
  result: LanguageModelV3GenerateResult,
  meta: { id: string; created: number; model: string },
): { body: Record<string, unknown>; output: ChatOutput; usage: ChatUsage } {
  let text = '';
  const toolCalls: ChatOutput['toolCalls'] = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool-call')
      toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
  }
  const finishReason = finishReasons[result.finishReason.unified];
  const usage = toChatUsage(result.usage);
  const output: ChatOutput = { content: text || (toolCalls.length > 0 ? null : ''), toolCalls, finishReason };
  const body = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: output.content,
          refusal: null,
          ...(toolCalls.length > 0
            ? {
                tool_calls: toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: openAiUsage(usage),
  };
  return { body, output, usage };
}

/**
 * Translates the AI SDK's stream parts into OpenAI `chat.completion.chunk` events, calling `emit` with
 * each SSE frame. Returns what the span needs once the stream ends; throws the stream's error part.
 */
export async function streamChatChunks(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  meta: { id: string; created: number; model: string; includeUsage: boolean },
  emit: (frame: string) => void,
): Promise<{ output: ChatOutput; usage: ChatUsage | null }> {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    `data: ${JSON.stringify({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    })}\n\n`;
  let text = '';
  let usage: ChatUsage | null = null;
  let finishReason: string | null = null;
  const toolCalls: ChatOutput['toolCalls'] = [];
  const toolIndex = new Map<string, number>();
  let sentRole = false;
  const role = () => {
    if (sentRole) return {};
    sentRole = true;
    return { role: 'assistant' };
  };
  for await (const part of stream) {
    if (part.type === 'text-delta' && part.delta) {
      text += part.delta;
      emit(chunk({ ...role(), content: part.delta }));
    } else if (part.type === 'tool-input-start') {
      toolIndex.set(part.id, toolCalls.length);
      toolCalls.push({ id: part.id, name: part.toolName, arguments: '' });
      emit(
        chunk({
          ...role(),
          tool_calls: [
            {
              index: toolCalls.length - 1,
              id: part.id,
              type: 'function',
              function: { name: part.toolName, arguments: '' },
            },
          ],
        }),
      );
    } else if (part.type === 'tool-input-delta') {
      const index = toolIndex.get(part.id);
      if (index === undefined) continue;
      toolCalls[index]!.arguments += part.delta;
      emit(chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] }));
    } else if (part.type === 'tool-call' && !toolIndex.has(part.toolCallId)) {
      // A provider that sends whole calls without input deltas.
      toolIndex.set(part.toolCallId, toolCalls.length);
      toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
      emit(
        chunk({
          ...role(),
          tool_calls: [
            {
              index: toolCalls.length - 1,
              id: part.toolCallId,
              type: 'function',
              function: { name: part.toolName, arguments: part.input },
            },
          ],
        }),
      );
    } else if (part.type === 'finish') {
      usage = toChatUsage(part.usage);
      finishReason = finishReasons[part.finishReason.unified];
    } else if (part.type === 'error') {
      throw part.error;
    }
  }
  emit(chunk(sentRole ? {} : { role: 'assistant', content: '' }, finishReason ?? 'stop'));
  if (meta.includeUsage && usage) {
    emit(
      `data: ${JSON.stringify({
        id: meta.id,
        object: 'chat.completion.chunk',
        created: meta.created,
        model: meta.model,
        choices: [],
        usage: openAiUsage(usage),
      })}\n\n`,
    );
  }
  emit('data: [DONE]\n\n');
  return { output: { content: text || (toolCalls.length > 0 ? null : ''), toolCalls, finishReason }, usage };
}
