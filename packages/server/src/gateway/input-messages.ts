import type { ChatMessage } from '@sextant/core';
import type { ChatCompletionRequest } from './openai-request-schemas.js';

/** The request's messages as the span's input: text parts joined, other parts named, tool calls kept. */
export function inputMessages(request: ChatCompletionRequest): ChatMessage[] {
  return request.messages.map((message) => ({
    role: message.role,
    content:
      typeof message.content === 'string'
        ? message.content
        : Array.isArray(message.content)
          ? message.content
              .map((part) => (typeof part.text === 'string' ? part.text : `[${part.type}]`))
              .join('')
          : null,
    ...(message.tool_calls
      ? {
          toolCalls: message.tool_calls.map((call) => ({
            id: call.id,
            name: call.function.name,
            arguments: call.function.arguments,
          })),
        }
      : {}),
    ...(message.tool_call_id ? { toolCallId: message.tool_call_id } : {}),
  }));
}
