import type { ChatOutput, ChatUsage } from './ai-sdk-chat.js';

interface ChunkJson {
  model?: string;
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: OpenAiUsageJson | null;
}

export interface OpenAiUsageJson {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** OpenAI's usage object → the span's token counts. */
export function fromOpenAiUsage(usage: OpenAiUsageJson | null | undefined): ChatUsage | null {
  if (!usage || (usage.prompt_tokens === undefined && usage.completion_tokens === undefined)) return null;
  return {
    input: usage.prompt_tokens ?? null,
    output: usage.completion_tokens ?? null,
    cacheRead: usage.prompt_tokens_details?.cached_tokens ?? null,
    cacheWrite: null,
    reasoning: usage.completion_tokens_details?.reasoning_tokens ?? null,
  };
}

/**
 * Reads an OpenAI chat completion stream as it passes through: splits it into SSE events (chunks may
 * end mid-event), accumulates the text, tool calls and usage for the span, and can drop the usage-only
 * event the gateway asked for on the client's behalf.
 */
export class SseChatTap {
  private pending = '';
  private text = '';
  private readonly toolCalls: ChatOutput['toolCalls'] = [];
  private finishReason: string | null = null;
  usage: ChatUsage | null = null;
  model: string | null = null;

  constructor(private readonly dropUsageEvent: boolean) {}

  /** Takes raw bytes; returns the complete events to forward (all of them unless one is dropped). */
  push(chunk: Buffer): string {
    this.pending += chunk.toString('utf8');
    let forward = '';
    let boundary = this.pending.indexOf('\n\n');
    while (boundary >= 0) {
      const event = this.pending.slice(0, boundary + 2);
      this.pending = this.pending.slice(boundary + 2);
      if (this.read(event)) forward += event;
      boundary = this.pending.indexOf('\n\n');
    }
    return forward;
  }

  /** What is left when the upstream closed without a final blank line. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    if (rest && this.read(rest)) return rest;
    return '';
  }

  output(): ChatOutput {
    return {
      content: this.text || (this.toolCalls.length > 0 ? null : ''),
      toolCalls: this.toolCalls,
      finishReason: this.finishReason,
    };
  }

  /** Accumulates one event; false when it must not be forwarded. */
  private read(event: string): boolean {
    let data = '';
    for (const line of event.split('\n')) {
      if (line.startsWith('data:')) data += line.slice(line[5] === ' ' ? 6 : 5);
    }
    if (!data || data === '[DONE]') return true;
    let json: ChunkJson;
    try {
      json = JSON.parse(data) as ChunkJson;
    } catch {
      return true;
    }
    this.model ??= json.model ?? null;
    const usage = fromOpenAiUsage(json.usage);
    if (usage) this.usage = usage;
    const choice = json.choices?.[0];
    if (!choice) return !(this.dropUsageEvent && usage);
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice.delta;
    if (delta?.content) this.text += delta.content;
    for (const call of delta?.tool_calls ?? []) {
      const index = call.index ?? 0;
      const existing = this.toolCalls[index];
      if (existing) existing.arguments += call.function?.arguments ?? '';
      else
        this.toolCalls[index] = {
          id: call.id ?? '',
          name: call.function?.name ?? '',
          arguments: call.function?.arguments ?? '',
        };
    }
    return true;
  }
}
