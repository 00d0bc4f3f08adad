import { countChatTokens, loadTokenCounter } from '@sextant/providers';
import type { ChatUsage } from './ai-sdk-chat.js';
import type { GatewayCall } from './gateway-span.js';

/**
 * Token counts for a call whose provider reported none, from a real tokenizer: the prompt's messages
 * with the chat format's framing, and the answer's text and tool calls. Runs after the answer was sent.
 */
export async function estimateUsage(call: GatewayCall): Promise<ChatUsage | null> {
  if (!Array.isArray(call.input) || !call.output) return null;
  const count = await loadTokenCounter();
  const input = countChatTokens(
    count,
    call.input.map((message) => ({ role: message.role, content: message.content ?? '' })),
  );
  let output = call.output.content ? count(call.output.content) : 0;
  for (const tool of call.output.toolCalls) output += count(tool.name) + count(tool.arguments);
  return { input, output, cacheRead: null, cacheWrite: null, reasoning: null };
}
