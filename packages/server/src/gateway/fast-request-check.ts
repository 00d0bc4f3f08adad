const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/**
 * A cheap structural check of the common chat request (text messages, no tools): when it passes, the
 * zod schema would pass too, so the hot path can skip it. When it fails, the caller runs the schema,
 * which names the field that is wrong.
 */
export function isPlainChatRequest(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const request = json as Record<string, unknown>;
  if (typeof request.model !== 'string' || request.model.length === 0) return false;
  const messages = request.messages;
  if (!Array.isArray(messages) || messages.length === 0) return false;
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) return false;
    const { role, content } = message as Record<string, unknown>;
    if (typeof role !== 'string' || !roles.has(role) || typeof content !== 'string') return false;
    if ('tool_calls' in message || 'name' in message || 'tool_call_id' in message) return false;
  }
  for (const key of ['tools', 'tool_choice', 'response_format', 'stop', 'n', 'stream_options', 'user']) {
    if (key in request) return false;
  }
  for (const key of ['max_tokens', 'max_completion_tokens', 'seed']) {
    const value = request[key];
    if (value !== undefined && value !== null && !(Number.isInteger(value) && (value as number) > 0))
      return false;
  }
  const temperature = request.temperature;
  if (
    temperature !== undefined &&
    temperature !== null &&
    !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)
  ) {
    return false;
  }
  const topP = request.top_p;
  if (topP !== undefined && topP !== null && !(typeof topP === 'number' && topP >= 0 && topP <= 1))
    return false;
  for (const key of ['presence_penalty', 'frequency_penalty']) {
    const value = request[key];
    if (value !== undefined && value !== null && typeof value !== 'number') return false;
  }
  const stream = request.stream;
  return stream === undefined || stream === null || typeof stream === 'boolean';
}
